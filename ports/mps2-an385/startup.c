/* Reset and the vector table: set up RAM for C, then main(). */
#include <stdint.h>
#include <string.h>

#include "cmsdk.h"
#include "port.h"

extern char __stack_top[], __stack_bottom[];
extern char __data_start[], __data_source[], __data_size[];
extern char __tbss_start[], __bss_end[];
extern char __tls_base[];
extern void _set_tls(void *block);
int main(void);

void Reset_Handler(void);
void NMI_Handler(void);
void Default_Handler(void);
void fault_entry(void);
void PendSV_Handler(void);
void SysTick_Handler(void);

/* The handler stack below this function's frame, painted for its high-water mark ("stats"). */
static void paint_handler_stack(void)
{
    uint32_t *below_here = (uint32_t *)__builtin_frame_address(0) - 16;
    for (uint32_t *w = (uint32_t *)__stack_bottom; w < below_here; w++)
        *w = HANDLER_STACK_PAINT;
}

void Reset_Handler(void)
{
    /* SysTick counts from here, free and without interrupts, until the scheduler takes it
     * over: the monotonic clock (time.c) starts at reset, not at the scheduler's start. */
    SYST_RVR = SYSTICK_FREE_RUN;
    SYST_CVR = 0;
    SYST_CSR = 5;                    /* processor clock, enable */
    paint_handler_stack();
    memcpy(__data_start, __data_source, (size_t)__data_size);  /* .data and .tdata */
    memset(__tbss_start, 0, (size_t)(__bss_end - __tbss_start)); /* .tbss and .bss */
    _set_tls(__tls_base);            /* errno before the first thread exists */
    main();
    port_panic("main returned");
}

void NMI_Handler(void)
{
    watchdog_nmi();
}

void Default_Handler(void)
{
    port_panic("unexpected interrupt");
}

typedef void (*vector_t)(void);

__attribute__((used, section(".vectors"))) static const vector_t vectors[16 + 32] = {
    (vector_t)(uintptr_t)__stack_top,
    Reset_Handler,
    NMI_Handler,
    fault_entry,                     /* HardFault */
    fault_entry,                     /* MemManage */
    fault_entry,                     /* BusFault */
    fault_entry,                     /* UsageFault */
    0, 0, 0, 0,
    Default_Handler,                 /* SVCall */
    Default_Handler,                 /* DebugMon */
    0,
    PendSV_Handler,
    SysTick_Handler,
    /* external interrupts: UART 0 receive is IRQ 0, UART 1 receive IRQ 2 */
    uart0_rx_isr,
    Default_Handler, uart1_rx_isr, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler,
};
