/* libFuzzer target: grep's regular expressions. The first byte picks the syntax and case
 * folding, the bytes up to the first newline are the pattern, the rest is the text; the
 * search must end (linear time) and never read outside its buffers. */
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
    if (regex_compile(copy, data[0] & (REGEX_EXTENDED | REGEX_ICASE), &re, &why) == 0) {
        regex_search(re, text ? text : "");
        regex_search(re, copy);
        regex_free(re);
    } else if (!why || re) {
        abort();                   /* a refusal always says why and gives nothing */
    }
    free(copy);
    return 0;
}
