/* Registers of the Cortex-M core that every Cortex-M port uses: the system control block,
 * SysTick, and on ARMv7-M the fault status registers and the MPU. Addresses from the ARMv6-M
 * and ARMv7-M Architecture Reference Manuals. The chip's own header (cmsdk.h, rp2040.h)
 * includes this one and adds its NVIC (whose priority registers differ between the two
 * architectures) and its peripherals. */
#ifndef CORTEX_M_H
#define CORTEX_M_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System control block */
#define SCB_CPUID  REG32(0xE000ED00)
#define SCB_ICSR   REG32(0xE000ED04)
#define SCB_VTOR   REG32(0xE000ED08)
#define SCB_AIRCR  REG32(0xE000ED0C)
#define SCB_SCR    REG32(0xE000ED10)
#define SCB_SHPR2  REG32(0xE000ED1C)   /* SVCall priority in the top bits of 31:24 */
#define SCB_SHPR3  REG32(0xE000ED20)   /* PendSV 23:16, SysTick 31:24 (their top bits) */

#define ICSR_PENDSVSET  (1u << 28)
#define ICSR_PENDSTSET  (1u << 26)
#define AIRCR_RESET     0x05FA0004u     /* VECTKEY | SYSRESETREQ */

/* SysTick */
#define SYST_CSR   REG32(0xE000E010)
#define SYST_RVR   REG32(0xE000E014)
#define SYST_CVR   REG32(0xE000E018)

#ifdef __ARM_ARCH_7M__
/* ARMv7-M: configurable faults with status registers */
#define SCB_CCR    REG32(0xE000ED14)
#define SCB_SHCSR  REG32(0xE000ED24)
#define SCB_CFSR   REG32(0xE000ED28)
#define SCB_HFSR   REG32(0xE000ED2C)
#define SCB_MMFAR  REG32(0xE000ED34)
#define SCB_BFAR   REG32(0xE000ED38)

#define CCR_DIV_0_TRP   (1u << 4)
#define CCR_STKALIGN    (1u << 9)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)

/* MPU (PMSAv7) */
#define MPU_TYPE   REG32(0xE000ED90)
#define MPU_CTRL   REG32(0xE000ED94)
#define MPU_RNR    REG32(0xE000ED98)
#define MPU_RBAR   REG32(0xE000ED9C)
#define MPU_RASR   REG32(0xE000EDA0)
#endif

#endif
