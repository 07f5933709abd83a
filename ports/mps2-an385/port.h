/* What the files of this port share with each other (never seen by the portable core). */
#ifndef MPS2_PORT_H
#define MPS2_PORT_H

#include <stddef.h>
#include <stdint.h>

/* Options from the semihosting command line (QEMU -append "..."), see main.c. */
struct port_options {
    int recovery;              /* -r */
    int stats;                 /* "stats": boot time and memory report on the host's stdout */
    const char *flash_image;   /* "flash=PATH", or NULL */
};
extern struct port_options port_options;

void heap_init(void);
void heap_stats(size_t *total, size_t *used, size_t *peak);
/* Calls fn for every block in use, with the pointer malloc gave, its size (header included)
 * and the code address that allocated it; interrupts are masked meanwhile. */
void heap_walk(void (*fn)(const void *p, size_t size, const void *owner));
void console_init(void);
void console_write_raw(const char *buf, size_t len);
void uart0_rx_isr(void);
void uart1_rx_isr(void);
void time_init(void);
/* SysTick's reload while it runs free from reset to the scheduler's start (startup.c):
 * 0.67 s at 25 MHz. time_count_from_reset(), just before sched_start(), keeps what it
 * counted, so that hal_time_us() counts from reset. */
#define SYSTICK_FREE_RUN 0xFFFFFFu
void time_count_from_reset(void);
void fault_init(void);
void watchdog_nmi(void);

/* root.c: mounts "/" (the flash image, or the RAM disk) and returns what it is, for the boot
 * messages; root_unmount() unmounts everything and closes the flash. */
const char *root_mount(void);
void root_unmount(void);

/* The program the port runs in its first thread: the kernel (kernel_entry.c) or the
 * bring-up test (selftest.c). */
void port_app_main(void);
extern size_t port_main_stack;

/* The handler stack (the linker script's .stack) as it was before anything ran on it. */
#define HANDLER_STACK_PAINT 0xA5A5A5A5u

/* When the console output last moved: the "stats" report waits for it to go quiet. */
extern volatile uint64_t console_last_output_us;

/* While kernel_on_fault runs: the id of the thread that crashed, and whether it was the main
 * thread (the system halts after the report). */
uintptr_t fault_thread_id(void);
int fault_is_fatal(void);

/* Prints a line on the console straight from the driver, usable from fault handlers. */
void port_print(const char *text);
_Noreturn void port_panic(const char *why);
/* Stops the board for good: QEMU exits with the code (0 for a halt the user asked for). */
_Noreturn void port_halt(int code);

#endif
