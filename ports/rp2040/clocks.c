/* Clocks (datasheet 2.15-2.18): the 12 MHz crystal oscillator, PLL_SYS at 1500 MHz divided by
 * 6 and 2 to 125 MHz for clk_sys, clk_ref from the crystal, clk_peri (UARTs, SPI) from
 * clk_sys, and the watchdog's tick generator at 1 MHz from clk_ref, which the TIMER's
 * microsecond counter also counts. */
#include "port.h"
#include "rp2040.h"

void unreset(uint32_t bits)
{
    REG_CLR(&RESETS_RESET) = bits;
    while ((RESETS_RESET_DONE & bits) != bits)
        ;
}

static void start_xosc(void)
{
    XOSC_CTRL = XOSC_RANGE_1_15MHZ;
    XOSC_STARTUP = (XOSC_HZ / 1000u + 128u) / 256u;   /* about 1 ms, in units of 256 cycles */
    REG_SET(&XOSC_CTRL) = XOSC_ENABLE;
    while (!(XOSC_STATUS & XOSC_STABLE))
        ;
}

static void start_pll_sys(void)
{
    REG_SET(&RESETS_RESET) = RESET_PLL_SYS;
    unreset(RESET_PLL_SYS);
    PLL_CS = 1;                                        /* REFDIV 1: 12 MHz reference */
    PLL_FBDIV_INT = 125;                               /* VCO 1500 MHz */
    REG_CLR(&PLL_PWR) = PLL_PWR_PD | PLL_PWR_VCOPD;
    while (!(PLL_CS & PLL_CS_LOCK))
        ;
    PLL_PRIM = (6u << 16) | (2u << 12);                /* POSTDIV1 6, POSTDIV2 2: 125 MHz */
    REG_CLR(&PLL_PWR) = PLL_PWR_POSTDIVPD;
}

void clocks_init(void)
{
    CLK_SYS_RESUS_CTRL = 0;
    start_xosc();
    /* clk_sys off the PLL (onto clk_ref) while the PLL is set up */
    REG_CLR(&CLK_SYS_CTRL) = 1u;
    while (!(CLK_SYS_SELECTED & 1u))
        ;
    CLK_REF_CTRL = CLK_REF_SRC_XOSC;
    CLK_REF_DIV = 1u << 8;
    while (!(CLK_REF_SELECTED & (1u << CLK_REF_SRC_XOSC)))
        ;
    start_pll_sys();
    CLK_SYS_DIV = 1u << 8;
    CLK_SYS_CTRL = CLK_SYS_AUX_PLL_SYS;                /* select the aux source first ... */
    CLK_SYS_CTRL = CLK_SYS_AUX_PLL_SYS | CLK_SYS_SRC_AUX; /* ... then switch to it */
    while (!(CLK_SYS_SELECTED & (1u << CLK_SYS_SRC_AUX)))
        ;
    CLK_PERI_CTRL = CLK_PERI_ENABLE | CLK_PERI_AUX_SYS;
    WATCHDOG_TICK = WATCHDOG_TICK_ENABLE | (XOSC_HZ / 1000000u);
    unreset(RESET_TIMER | RESET_IO_BANK0 | RESET_PADS_BANK0);
}
