#include "hal/system.h"
#include "kernel/board.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "lib/json.h"

static void emit(void *ctx, const char *s, size_t n)
{
    stream_write(ctx, s, n);
}

COMMAND(lshw, "lshw [-b|-f]", "show the hardware: -b one line, -f the whole board file", "bf", 0, 0)
{
    if (ctx->flags & FLAG('f')) {
        struct json *board = board_tree();
        if (!board)
            return cmd_error(ctx, "no board file loaded");
        json_write(board, 4, emit, p->out);
        json_free(board);
        proc_puts(p, "\n");
        return 0;
    }
    if (ctx->flags & FLAG('b')) {
        proc_printf(p, "%s %s on %s (%s), %u MHz, id %s\n", sysdata.name, sysdata.version,
                    sysdata.board, sysdata.platform, (unsigned)hal_cpu_mhz(), sysdata.sid);
        return 0;
    }
    proc_printf(p, "System id: %s\nPlatform:  %s\nBoard:     %s\nVersion:   %s %s\n"
                   "CPU:       %u MHz\n",
                sysdata.sid, sysdata.platform, sysdata.board, sysdata.name, sysdata.version,
                (unsigned)hal_cpu_mhz());
    return 0;
}
