/* libFuzzer target: the JSON reader and writer (lib/json.h), which read system.conf, the
 * board files, fleet requests and whatever a program gives json.loads. The bytes are the text.
 * json_check must agree with json_parse; a text it accepts must squeeze to a text that
 * parses to the same value, each member of which json_parse_member finds; and the squeezed
 * text laid out by json_text_indented must be what json_to_string writes for its tree when
 * its numbers and strings are already written as the writer writes them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"

/* Whether two trees hold the same value (object members in order). */
static int same(const struct json *a, const struct json *b)
{
    if (!a || !b)
        return a == b;
    if (a->type != b->type || (a->key == NULL) != (b->key == NULL) ||
        (a->key && strcmp(a->key, b->key) != 0))
        return 0;
    switch (a->type) {
    case JSON_BOOL: return a->boolean == b->boolean;
    case JSON_NUMBER: return a->num == b->num || (a->num != a->num && b->num != b->num);
    case JSON_STRING: return strcmp(a->str, b->str) == 0;
    case JSON_ARRAY:
    case JSON_OBJECT:
        for (a = a->child, b = b->child; a && b; a = a->next, b = b->next)
            if (!same(a, b))
                return 0;
        return a == b;
    default: return 1;
    }
}

/* Every member of an object text whose name it holds once is found by that name, with the
 * value the tree holds for it. */
static void members_found(const char *text, const struct json *tree)
{
    if (tree->type != JSON_OBJECT)
        return;
    for (const struct json *c = tree->child; c; c = c->next) {
        int once = 1;
        for (const struct json *d = tree->child; d; d = d->next)
            once &= d == c || strcmp(d->key, c->key) != 0;
        if (!once)
            continue;
        struct json *m = json_parse_member(text, c->key);
        struct json copy = *c;
        copy.key = NULL;
        copy.next = NULL;
        if (!m || !same(m, &copy))
            abort();               /* a member not found by its name, or another value */
        json_free(m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct json *tree = json_parse(text, NULL, 0);
    if ((json_check(text, NULL, 0) == 0) != (tree != NULL))
        abort();                   /* check and parse disagree */
    if (tree) {
        size_t n = json_squeeze(text);
        if (n != strlen(text))
            abort();
        struct json *again = json_parse(text, NULL, 0);
        if (!same(tree, again))
            abort();               /* squeezing changed the value */
        members_found(text, tree);
        char *written = json_to_string(tree, 0);   /* numbers and strings as the writer puts them */
        if (written) {
            json_squeeze(written);
            char *laid = json_text_indented(written, 4);
            char *want = json_to_string(tree, 4);
            if (laid && want && strcmp(laid, want) != 0)
                abort();           /* the text's layout is not the tree's */
            free(laid);
            free(want);
            free(written);
        }
        json_free(again);
    }
    json_free(tree);
    free(text);
    return 0;
}
