/* libFuzzer target: a script's flow parsing. Each input line is lexed; `if` lines go through
 * the condition parser, `goto`/`skip`/`return` move through the lines as the runner would
 * (with a bound on steps, since a fuzzed script may loop forever). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/str.h"
#include "shell/cond.h"
#include "shell/lexer.h"
#include "shell/script.h"

static void expand(void *ctx, const char *name, struct strbuf *out)
{
    if (name[0] >= '0' && name[0] <= '9')
        strbuf_adds(out, name[0] == '1' ? "5" : "abc");
}

/* Runs the flow words of one command: returns 1 when the script should end. */
static int flow(struct script *s, struct lex_words *w, int depth)
{
    char err[128];
    if (w->count == 0 || depth > 2)
        return 0;
    const char *cmd = w->word[0].text;
    if (strcmp(cmd, "if") == 0 && w->count >= 5) {
        int holds;
        if (cond_compare(w->word[1].text, w->word[2].text, w->word[3].text, &holds, err,
                         sizeof err) < 0 || !holds)
            return 0;
        struct lex_words rest = { .count = w->count - 4 };
        memcpy(rest.word, w->word + 4, sizeof rest.word[0] * (size_t)rest.count);
        return flow(s, &rest, depth + 1);
    }
    if (strcmp(cmd, "goto") == 0 && w->count == 2)
        return script_goto(s, w->word[1].text) < 0;
    if (strcmp(cmd, "skip") == 0 && w->count == 2)
        script_skip(s, atoi(w->word[1].text));
    return strcmp(cmd, "return") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), err[96];
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct script s = { "/fuzz.sh", text, NULL, 0, 0, 0, 0 };
    if (script_load_lines(&s) < 0) {
        script_unload(&s);
        return 0;
    }
    for (int steps = 0; steps < 1000 && s.next < s.count && !s.done; steps++) {
        int i = s.next++;
        char **segments;
        int n = lex_segments(s.lines[i], &segments, err, sizeof err);
        for (int k = 0; k < n && !s.done; k++) {
            struct lex_words w;
            if (lex_words(segments[k], expand, NULL, &w, err, sizeof err) < 0)
                continue;
            s.done = flow(&s, &w, 0);
            lex_free_words(&w);
        }
        if (n >= 0)
            lex_free_segments(segments, n);
    }
    script_unload(&s);
    return 0;
}
