#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hal/system.h"
#include "lib/err.h"
#include "posix_port.h"

static uint32_t cpu_mhz = 240;   /* the simulated clock; cpufreq changes it */

const char *hal_platform_name(void)
{
    return "posix";
}

const char *hal_board_name(void)
{
    return posix_board_selected();
}

static char chosen_id[41];   /* --chip-id: a fleet of simulators needs distinct ids */

int posix_set_unique_id(const char *hex)
{
    size_t n = strlen(hex);
    if (n < 2 || n > 40 || n % 2 || strspn(hex, "0123456789abcdefABCDEF") != n)
        return -1;
    memcpy(chosen_id, hex, n + 1);
    return 0;
}

/* A stable id per machine, like a chip id: from /etc/machine-id when there is one. */
size_t hal_unique_id(uint8_t *buf, size_t max)
{
    char text[64] = "";
    FILE *f = chosen_id[0] ? NULL : fopen("/etc/machine-id", "r");
    if (chosen_id[0])
        snprintf(text, sizeof text, "%s", chosen_id);
    if (f) {
        if (!fgets(text, sizeof text, f))
            text[0] = '\0';
        fclose(f);
    }
    size_t n = 0;
    for (size_t i = 0; text[i] && text[i + 1] && n < max && n < (chosen_id[0] ? 20 : 6); i += 2) {
        unsigned v;
        if (sscanf(text + i, "%2x", &v) != 1)
            break;
        buf[n++] = (uint8_t)v;
    }
    if (n == 0) {
        long host = gethostid();
        for (; n < 4 && n < max; n++)
            buf[n] = (uint8_t)(host >> (8 * n));
    }
    return n;
}

uint32_t hal_cpu_mhz(void)
{
    return cpu_mhz;
}

int hal_cpu_set_mhz(uint32_t mhz)
{
    static const uint32_t allowed[] = { 80, 160, 240 };
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i] == mhz) {
            cpu_mhz = mhz;
            return 0;
        }
    return ERR_INVAL;
}

void hal_mem_stats(struct hal_mem_stats *out)
{
    static size_t peak;
    struct mallinfo2 mi = mallinfo2();
    memset(out, 0, sizeof *out);
    out->heap_used = mi.uordblks + mi.hblkhd;   /* large blocks are mapped apart */
    out->heap_total = mi.arena + mi.hblkhd;
    if (out->heap_total < out->heap_used)
        out->heap_total = out->heap_used;
    if (out->heap_used > peak)
        peak = out->heap_used;
    out->heap_peak = peak;
    out->stack_total = 8u << 20;
}

void hal_restart(int reboot)
{
    if (reboot)
        posix_reset();
    posix_console_restore();
    exit(0);
}

void hal_random_bytes(void *buf, size_t len)
{
    FILE *f = fopen("/dev/urandom", "rb");
    size_t n = f ? fread(buf, 1, len, f) : 0;
    if (f)
        fclose(f);
    for (unsigned char *b = buf; n < len; n++)   /* no urandom: weak, but never empty */
        b[n] = (unsigned char)(rand() ^ (int)clock());
}
