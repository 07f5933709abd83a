/* Registers of the Cortex-M3 core and of the MPS2 AN385 peripherals this port uses.
 * Addresses from the ARMv7-M Architecture Reference Manual and the AN385 application note. */
#ifndef MPS2_CMSDK_H
#define MPS2_CMSDK_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System control block */
#define SCB_CPUID  REG32(0xE000ED00)
#define SCB_ICSR   REG32(0xE000ED04)
#define SCB_AIRCR  REG32(0xE000ED0C)
#define SCB_SCR    REG32(0xE000ED10)
#define SCB_CCR    REG32(0xE000ED14)
#define SCB_SHPR2  REG32(0xE000ED1C)   /* SVCall priority in bits 31:24 */
#define SCB_SHPR3  REG32(0xE000ED20)   /* PendSV 23:16, SysTick 31:24 */
#define SCB_SHCSR  REG32(0xE000ED24)
#define SCB_CFSR   REG32(0xE000ED28)
#define SCB_HFSR   REG32(0xE000ED2C)
#define SCB_MMFAR  REG32(0xE000ED34)
#define SCB_BFAR   REG32(0xE000ED38)

#define ICSR_PENDSVSET  (1u << 28)
#define ICSR_PENDSTSET  (1u << 26)
#define AIRCR_RESET     0x05FA0004u     /* VECTKEY | SYSRESETREQ */
#define CCR_DIV_0_TRP   (1u << 4)
#define CCR_STKALIGN    (1u << 9)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)

/* SysTick */
#define SYST_CSR   REG32(0xE000E010)
#define SYST_RVR   REG32(0xE000E014)
#define SYST_CVR   REG32(0xE000E018)

/* NVIC */
#define NVIC_ISER0 REG32(0xE000E100)
#define NVIC_ICER0 REG32(0xE000E180)
#define NVIC_IPR(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400 + (n)))

/* MPU (PMSAv7) */
#define MPU_TYPE   REG32(0xE000ED90)
#define MPU_CTRL   REG32(0xE000ED94)
#define MPU_RNR    REG32(0xE000ED98)
#define MPU_RBAR   REG32(0xE000ED9C)
#define MPU_RASR   REG32(0xE000EDA0)

/* CMSDK APB UART 0: the console */
#define UART0_BASE     0x40004000u
#define UART_DATA(b)   REG32((b) + 0x00)
#define UART_STATE(b)  REG32((b) + 0x04)
#define UART_CTRL(b)   REG32((b) + 0x08)
#define UART_INT(b)    REG32((b) + 0x0C)   /* status on read, clear on write */
#define UART_BAUDDIV(b) REG32((b) + 0x10)
#define UART_STATE_TXFULL 1u
#define UART_STATE_RXFULL 2u
#define UART_CTRL_TXEN   1u
#define UART_CTRL_RXEN   2u
#define UART_CTRL_RXINT  8u
#define UART_INT_RX      2u
#define UART0_RX_IRQ     0

/* CMSDK APB watchdog */
#define WDOG_BASE    0x40008000u
#define WDOG_LOAD    REG32(WDOG_BASE + 0x000)
#define WDOG_VALUE   REG32(WDOG_BASE + 0x004)
#define WDOG_CTRL    REG32(WDOG_BASE + 0x008)
#define WDOG_INTCLR  REG32(WDOG_BASE + 0x00C)
#define WDOG_LOCK    REG32(WDOG_BASE + 0xC00)
#define WDOG_UNLOCK_KEY 0x1ACCE551u
#define WDOG_CTRL_INTEN 1u
#define WDOG_CTRL_RESEN 2u

/* FPGA IO block: user LEDs and push buttons */
#define FPGAIO_LED    REG32(0x40028000)
#define FPGAIO_BUTTON REG32(0x40028008)

#define MPS2_CLOCK_HZ 25000000u

#endif
