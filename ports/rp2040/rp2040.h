/* Registers of the RP2040 and of its Cortex-M0+ cores that this port uses. Addresses and bit
 * positions from the RP2040 datasheet (chapter 2, "System description", and the chapters of
 * each peripheral) and the ARMv6-M Architecture Reference Manual. No vendor SDK is used. */
#ifndef RP2040_REGS_H
#define RP2040_REGS_H

#include <stdint.h>

#include "cortex_m.h"

/* Every APB/AHB peripheral register has atomic aliases: +0x1000 XOR, +0x2000 set, +0x3000 clear. */
#define REG_SET(addr) REG32((uintptr_t)(addr) + 0x2000u)
#define REG_CLR(addr) REG32((uintptr_t)(addr) + 0x3000u)

/* Memory map */
#define ROM_BASE        0x00000000u
#define XIP_BASE        0x10000000u
#define SRAM_BASE       0x20000000u
#define SRAM_END        0x20042000u      /* 264 KB: SRAM0-3 striped, then SCRATCH_X, SCRATCH_Y */

/* Cortex-M0+ NVIC (the rest of the core's registers: cortex_m.h) */
#define NVIC_ISER   REG32(0xE000E100)
#define NVIC_ICER   REG32(0xE000E180)
#define NVIC_ICPR   REG32(0xE000E280)
/* ARMv6-M: the priority registers are word-accessed only; 2 priority bits (7:6) per byte. */
#define NVIC_IPR(n) REG32(0xE000E400 + 4u * ((n) / 4u))

/* Interrupt numbers (datasheet 2.3.2) */
#define IRQ_TIMER0      0
#define IRQ_IO_BANK0    13
#define IRQ_UART0       20
#define IRQ_UART1       21

/* SYSINFO */
#define SYSINFO_CHIP_ID REG32(0x40000000)

/* RESETS (2.14): a block stays in reset until its bit is cleared, then RESET_DONE says so. */
#define RESETS_BASE     0x4000C000u
#define RESETS_RESET        REG32(RESETS_BASE + 0x0)
#define RESETS_RESET_DONE   REG32(RESETS_BASE + 0x8)
#define RESET_ADC        (1u << 0)
#define RESET_I2C0       (1u << 3)
#define RESET_IO_BANK0   (1u << 5)
#define RESET_PADS_BANK0 (1u << 8)
#define RESET_PLL_SYS    (1u << 12)
#define RESET_PWM        (1u << 14)
#define RESET_TIMER      (1u << 21)
#define RESET_UART0      (1u << 22)
#define RESET_UART1      (1u << 23)

/* PSM (2.13): what a watchdog reset resets */
#define PSM_WDSEL       REG32(0x40010008)
#define PSM_ALL         0x0001FFFFu
#define PSM_ROSC        (1u << 0)
#define PSM_XOSC        (1u << 1)

/* CLOCKS (2.15) */
#define CLOCKS_BASE     0x40008000u
#define CLK_REF_CTRL        REG32(CLOCKS_BASE + 0x30)
#define CLK_REF_DIV         REG32(CLOCKS_BASE + 0x34)
#define CLK_REF_SELECTED    REG32(CLOCKS_BASE + 0x38)
#define CLK_SYS_CTRL        REG32(CLOCKS_BASE + 0x3C)
#define CLK_SYS_DIV         REG32(CLOCKS_BASE + 0x40)
#define CLK_SYS_SELECTED    REG32(CLOCKS_BASE + 0x44)
#define CLK_PERI_CTRL       REG32(CLOCKS_BASE + 0x48)
#define CLK_ADC_CTRL        REG32(CLOCKS_BASE + 0x60)
#define CLK_ADC_DIV         REG32(CLOCKS_BASE + 0x64)
#define CLK_SYS_RESUS_CTRL  REG32(CLOCKS_BASE + 0x78)
#define CLK_REF_SRC_XOSC    2u
#define CLK_SYS_SRC_REF     0u
#define CLK_SYS_SRC_AUX     1u
#define CLK_SYS_AUX_PLL_SYS (0u << 5)
#define CLK_PERI_ENABLE     (1u << 11)
#define CLK_PERI_AUX_SYS    (0u << 5)
#define CLK_ADC_ENABLE      (1u << 11)
#define CLK_ADC_AUX_XOSC    (3u << 5)

/* XOSC (2.16) */
#define XOSC_BASE       0x40024000u
#define XOSC_CTRL           REG32(XOSC_BASE + 0x00)
#define XOSC_STATUS         REG32(XOSC_BASE + 0x04)
#define XOSC_STARTUP        REG32(XOSC_BASE + 0x0C)
#define XOSC_RANGE_1_15MHZ  0xAA0u
#define XOSC_ENABLE         (0xFABu << 12)
#define XOSC_STABLE         (1u << 31)

/* PLL_SYS (2.18) */
#define PLL_SYS_BASE    0x40028000u
#define PLL_CS              REG32(PLL_SYS_BASE + 0x0)
#define PLL_PWR             REG32(PLL_SYS_BASE + 0x4)
#define PLL_FBDIV_INT       REG32(PLL_SYS_BASE + 0x8)
#define PLL_PRIM            REG32(PLL_SYS_BASE + 0xC)
#define PLL_CS_LOCK         (1u << 31)
#define PLL_PWR_PD          (1u << 0)
#define PLL_PWR_POSTDIVPD   (1u << 3)
#define PLL_PWR_VCOPD       (1u << 5)

/* WATCHDOG (4.7) */
#define WATCHDOG_BASE   0x40058000u
#define WATCHDOG_CTRL       REG32(WATCHDOG_BASE + 0x00)
#define WATCHDOG_LOAD       REG32(WATCHDOG_BASE + 0x04)
#define WATCHDOG_REASON     REG32(WATCHDOG_BASE + 0x08)
#define WATCHDOG_SCRATCH(n) REG32(WATCHDOG_BASE + 0x0C + 4u * (n))
#define WATCHDOG_TICK       REG32(WATCHDOG_BASE + 0x2C)
#define WATCHDOG_CTRL_TRIGGER (1u << 31)
#define WATCHDOG_CTRL_ENABLE  (1u << 30)
#define WATCHDOG_CTRL_PAUSE   (7u << 24)  /* PAUSE_DBG0, PAUSE_DBG1, PAUSE_JTAG */
#define WATCHDOG_TICK_ENABLE  (1u << 9)
#define WATCHDOG_REASON_TIMER (1u << 0)
#define WATCHDOG_REASON_FORCE (1u << 1)

/* TIMER (4.6): a 64-bit microsecond counter and four alarms */
#define TIMER_BASE      0x40054000u
#define TIMER_TIMERAWH      REG32(TIMER_BASE + 0x24)
#define TIMER_TIMERAWL      REG32(TIMER_BASE + 0x28)

/* UART0/UART1: ARM PL011 (4.2) */
#define UART0_BASE      0x40034000u
#define UART1_BASE      0x40038000u
#define UART_DR(b)      REG32((b) + 0x000)
#define UART_FR(b)      REG32((b) + 0x018)
#define UART_IBRD(b)    REG32((b) + 0x024)
#define UART_FBRD(b)    REG32((b) + 0x028)
#define UART_LCR_H(b)   REG32((b) + 0x02C)
#define UART_CR(b)      REG32((b) + 0x030)
#define UART_IFLS(b)    REG32((b) + 0x034)
#define UART_IMSC(b)    REG32((b) + 0x038)
#define UART_MIS(b)     REG32((b) + 0x040)
#define UART_ICR(b)     REG32((b) + 0x044)
#define UART_FR_RXFE    (1u << 4)
#define UART_FR_TXFF    (1u << 5)
#define UART_FR_BUSY    (1u << 3)
#define UART_LCR_H_WLEN8 (3u << 5)
#define UART_LCR_H_FEN  (1u << 4)
#define UART_CR_UARTEN  (1u << 0)
#define UART_CR_TXE     (1u << 8)
#define UART_CR_RXE     (1u << 9)
#define UART_INT_RX     (1u << 4)
#define UART_INT_RT     (1u << 6)

/* IO_BANK0 (2.19.6): per GPIO a STATUS and a CTRL word; interrupts for processor 0 */
#define IO_BANK0_BASE   0x40014000u
#define IO_GPIO_STATUS(n)   REG32(IO_BANK0_BASE + 8u * (n))
#define IO_GPIO_CTRL(n)     REG32(IO_BANK0_BASE + 8u * (n) + 4u)
#define GPIO_FUNC_UART  2u
#define GPIO_FUNC_SIO   5u

/* PADS_BANK0 (2.19.6.3) */
#define PADS_BANK0_BASE 0x4001C000u
#define PADS_GPIO(n)        REG32(PADS_BANK0_BASE + 4u + 4u * (n))
#define PADS_OD         (1u << 7)         /* output disable */
#define PADS_IE         (1u << 6)         /* input enable */
#define PADS_DRIVE_4MA  (1u << 4)
#define PADS_SCHMITT    (1u << 1)
#define PADS_PUE        (1u << 3)
#define PADS_PDE        (1u << 2)

/* SIO (2.3.1): single-cycle GPIO, core id */
#define SIO_BASE        0xD0000000u
#define SIO_CPUID           REG32(SIO_BASE + 0x000)
#define SIO_GPIO_IN         REG32(SIO_BASE + 0x004)
#define SIO_GPIO_OUT        REG32(SIO_BASE + 0x010)
#define SIO_GPIO_OUT_SET    REG32(SIO_BASE + 0x014)
#define SIO_GPIO_OUT_CLR    REG32(SIO_BASE + 0x018)
#define SIO_GPIO_OE         REG32(SIO_BASE + 0x020)
#define SIO_GPIO_OE_SET     REG32(SIO_BASE + 0x024)
#define SIO_GPIO_OE_CLR     REG32(SIO_BASE + 0x028)

/* ROSC (2.17): a random bit from the ring oscillator */
#define ROSC_RANDOMBIT  REG32(0x4006001C)

/* Boot ROM (2.8.3): the lookup function and the table of public functions, found through
 * 16-bit pointers at fixed addresses; a function is named by two characters. */
#define ROM_FUNC_TABLE  (*(const uint16_t *)0x14)
#define ROM_TABLE_LOOKUP (*(const uint16_t *)0x18)
#define ROM_CODE(c1, c2) ((uint32_t)(c1) | ((uint32_t)(c2) << 8))

/* Clocks this port runs at: 12 MHz crystal, PLL_SYS at 1500 MHz / 6 / 2 = 125 MHz for clk_sys
 * and clk_peri (the UART's clock). */
#define XOSC_HZ         12000000u
#define CLK_SYS_HZ      125000000u

#endif
