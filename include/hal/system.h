/* The chip as a whole: identity, clocks, memory, reset, watchdog. */
#ifndef HAL_SYSTEM_H
#define HAL_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

const char *hal_platform_name(void);        /* "posix", "mps2-an385", ... */
/* The board file the first boot configures: /etc/boards/<name>.board ("posix-sim"). */
const char *hal_board_name(void);
size_t hal_unique_id(uint8_t *buf, size_t max); /* chip id bytes; returns the count */
uint32_t hal_cpu_mhz(void);
int hal_cpu_set_mhz(uint32_t mhz);          /* ERR_NOTSUP where the clock is fixed */

struct hal_mem_stats {
    size_t heap_total;      /* bytes the allocator manages */
    size_t heap_used;       /* bytes allocated now */
    size_t heap_peak;       /* high-water mark of heap_used */
    size_t stack_total;     /* the main stack's size */
};
void hal_mem_stats(struct hal_mem_stats *out);

/* Leave the OS: reboot=1 restarts it (the posix simulator re-executes itself). */
void hal_restart(int reboot);

/* Why the chip last started, with MicroPython's numbers (machine.reset_cause()). */
enum { HAL_RESET_POWER_ON = 1, HAL_RESET_HARD = 2, HAL_RESET_WATCHDOG = 3, HAL_RESET_DEEPSLEEP = 4,
       HAL_RESET_SOFT = 5 };
int hal_reset_cause(void);

/* Unpredictable bytes from the chip's entropy source (salts, session tokens). */
void hal_random_bytes(void *buf, size_t len);

int hal_watchdog_start(uint32_t timeout_ms); /* resets the board unless fed in time */
void hal_watchdog_feed(void);
void hal_watchdog_stop(void);

#endif
