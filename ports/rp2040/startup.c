/* Reset and the vector table. boot2 (boot2.S) points VTOR at this table, sets the main stack
 * from its first word and jumps to Reset_Handler: set up RAM for C, then main(). */
#include <stdint.h>
#include <string.h>

#include "port.h"

extern char __stack_top[];
extern char __data_start[], __data_source[], __data_size[];
extern char __tbss_start[], __bss_end[];
extern char __tls_base[];
extern void _set_tls(void *block);
int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void fault_entry(void);
void PendSV_Handler(void);
void SysTick_Handler(void);

void Reset_Handler(void)
{
    memcpy(__data_start, __data_source, (size_t)__data_size);  /* .data, .ramfunc, .tdata */
    memset(__tbss_start, 0, (size_t)(__bss_end - __tbss_start)); /* .tbss and .bss */
    _set_tls(__tls_base);            /* errno before the first thread exists */
    main();
    port_panic("main returned");
}

void Default_Handler(void)
{
    port_panic("unexpected interrupt");
}

typedef void (*vector_t)(void);

/* 16 system exceptions and the RP2040's 26 interrupts (datasheet 2.3.2), padded to 32. */
__attribute__((used, section(".vectors"))) static const vector_t vectors[16 + 32] = {
    (vector_t)(uintptr_t)__stack_top,
    Reset_Handler,
    Default_Handler,                 /* NMI */
    fault_entry,                     /* HardFault */
    0, 0, 0, 0, 0, 0, 0,
    Default_Handler,                 /* SVCall */
    0, 0,
    PendSV_Handler,
    SysTick_Handler,
    /* 0-12: TIMER 0-3, PWM, USB, XIP, PIO0 x2, PIO1 x2, DMA x2 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler,
    io_bank0_isr,                    /* 13: IO_IRQ_BANK0 (gpio_irq.c) */
    /* 14-19: IO_QSPI, SIO_PROC0, SIO_PROC1, CLOCKS, SPI0, SPI1 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler,
    uart0_isr,                       /* 20: UART0, the console */
    uart1_isr,                       /* 21: UART1 */
    /* 22-25: ADC_FIFO, I2C0, I2C1, RTC; 26-31 unused */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler,
};
