/* Registers of the MPS2 AN385 peripherals this port uses and the Cortex-M3's NVIC (the rest
 * of the core's: cortex_m.h). Addresses from the ARMv7-M Architecture Reference Manual and
 * the AN385 application note. */
#ifndef MPS2_CMSDK_H
#define MPS2_CMSDK_H

#include <stdint.h>

#include "cortex_m.h"

/* NVIC */
#define NVIC_ISER0 REG32(0xE000E100)
#define NVIC_ICER0 REG32(0xE000E180)
#define NVIC_ISPR0 REG32(0xE000E200)
#define NVIC_IPR(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400 + (n)))

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
/* CMSDK APB UART 1: the ESP-AT modem (uart.c), same registers */
#define UART1_BASE       0x40005000u
#define UART1_RX_IRQ     2

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
