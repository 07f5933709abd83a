/* libFuzzer target: grep's and Python's regular expressions. The first byte picks the syntax
 * and the flags, the bytes up to the first newline are the pattern, the rest is the text; the
 * search must end (linear time), never read outside its buffers, and give groups that lie
 * inside the match's text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/regex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data + 1, size - 1);
    copy[size - 1] = '\0';
    char *text = memchr(copy, '\n', size - 1);
    if (text)
        *text++ = '\0';
    struct regex *re;
    const char *why;
    int flags = data[0] & (REGEX_EXTENDED | REGEX_ICASE | REGEX_PYTHON | REGEX_MULTILINE |
                           REGEX_DOTALL | REGEX_BYTES);
    if (regex_compile(copy, flags, &re, &why) == 0) {
        regex_search(re, text ? text : "");
        regex_search(re, copy);
        const char *subject = text ? text : "";
        size_t len = strlen(subject);
        int32_t caps[2 * (REGEX_GROUPS_MAX + 1)];
        if ((flags & REGEX_PYTHON) && regex_exec(re, subject, len, len / 2, data[0] >> 6, caps))
            for (int g = 0; g <= regex_groups(re); g++)
                if (caps[2 * g] >= 0 && (caps[2 * g] > caps[2 * g + 1] || (size_t)caps[2 * g + 1] > len))
                    abort();
        regex_free(re);
    } else if (!why || re) {
        abort();                   /* a refusal always says why and gives nothing */
    }
    free(copy);
    return 0;
}
