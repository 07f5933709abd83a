/* libFuzzer target: the shell lexer (commands, words, expansion) on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/str.h"
#include "shell/lexer.h"

/* Variables whose values have quotes, spaces and dollars, to mix expansion with splitting. */
static void expand(void *ctx, const char *name, struct strbuf *out)
{
    if (name[0] == 'a')
        strbuf_adds(out, " a  b ");
    else if (name[0] == 'q')
        strbuf_adds(out, "\"'$x;#");
    else if (name[0] == '?')
        strbuf_adds(out, "0");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1), err[96];
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    char **segments;
    int n = lex_segments(line, &segments, err, sizeof err);
    for (int i = 0; i < n; i++) {
        struct lex_words w;
        if (lex_words(segments[i], expand, NULL, &w, err, sizeof err) >= 0)
            lex_free_words(&w);
    }
    if (n >= 0)
        lex_free_segments(segments, n);
    free(line);
    return 0;
}
