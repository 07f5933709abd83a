/* What the files of this port share with each other (never seen by the portable core). */
#ifndef RP2040_PORT_H
#define RP2040_PORT_H

#include <stddef.h>
#include <stdint.h>

void heap_init(void);
void heap_stats(size_t *total, size_t *used, size_t *peak);
/* Calls fn for every block in use, with the pointer malloc gave, its size (header included)
 * and the code address that allocated it; interrupts are masked meanwhile. */
void heap_walk(void (*fn)(const void *p, size_t size, const void *owner));
void clocks_init(void);
void time_init(void);
/* Takes the given RESETS bits out of reset and waits until they are. */
void unreset(uint32_t bits);
void console_init(void);
/* PL011 baud rate divisors for clk_peri; an interrupt's NVIC priority (0x00 highest..0xC0). */
void uart_set_baud(uint32_t base, uint32_t baud);
void irq_priority(unsigned irq, uint32_t prio);
void uart1_isr(void);
void console_write_raw(const char *buf, size_t len);
void uart0_isr(void);
void fault_init(void);
/* board.c: 0 for a GPIO a program may use, ERR_NODEV (no such pin) or ERR_BUSY (the console's). */
int gpio_usable(int pin);
void io_bank0_isr(void);

/* root.c: mounts "/" (flashfs on the upper part of the flash, or the RAM disk) and returns
 * what it is, for the boot messages; root_unmount() unmounts everything. */
const char *root_mount(void);
void root_unmount(void);

/* The program the port runs in its first thread: the kernel (kernel_entry.c). */
void port_app_main(void);
extern size_t port_main_stack;

/* While kernel_on_fault runs: the id of the thread that crashed, and whether it was the main
 * thread (the system halts after the report). */
uintptr_t fault_thread_id(void);
int fault_is_fatal(void);

/* Prints a line on the console straight from the driver, usable from fault handlers. */
void port_print(const char *text);
_Noreturn void port_panic(const char *why);
/* Stops the board for good: code 0 for a halt the user asked for, else after a panic. A
 * debugger (or the emulator's host runner, which exits with the code) sees a breakpoint. */
_Noreturn void port_halt(int code);

#endif
