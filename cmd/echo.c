#include "kernel/command.h"
#include "lib/str.h"

COMMAND(echo, "echo [WORD...]", "print the words, joined by one space", RAW_ARGS, 0, MANY)
{
    /* one write per line: on a console or socket each write costs a system call or a packet */
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            strbuf_addc(&b, ' ');
        strbuf_adds(&b, argv[i]);
    }
    strbuf_addc(&b, '\n');
    int r = b.failed ? cmd_error(ctx, "out of memory") : (stream_write(p->out, b.data, b.len), 0);
    strbuf_free(&b);
    return r;
}
