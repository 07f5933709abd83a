/* hal_spi_* on the RP2040's two ARM PL022 blocks (datasheet 4.4) as 8-bit Motorola-format
 * controllers: SPI0 on GP18 (SCK), GP19 (TX, MOSI), GP16 (RX, MISO); SPI1 on GP10, GP11,
 * GP12. Chip select stays a GPIO of the program's choosing (GP17 and GP13 on the board
 * file), as machine.SPI expects. Polled: one byte in the TX FIFO, its reply taken from RX,
 * so the 8-entry FIFOs never overflow. clk_peri is clk_sys: baud = 125 MHz / (CPSDVSR *
 * (1 + SCR)), CPSDVSR even, 2-254. */
#include "hal/board.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"

#define SPI_BUSES 2
#define SPI_BASE(bus) ((bus) ? 0x40040000u : 0x4003C000u)
#define SSPCR0(b)  REG32((b) + 0x000)
#define SSPCR1(b)  REG32((b) + 0x004)
#define SSPDR(b)   REG32((b) + 0x008)
#define SSPSR(b)   REG32((b) + 0x00C)
#define SSPCPSR(b) REG32((b) + 0x010)
#define CR0_DSS_8BIT 7u
#define CR0_SPO (1u << 6)
#define CR0_SPH (1u << 7)
#define CR1_SSE (1u << 1)
#define SR_TNF (1u << 1)
#define SR_RNE (1u << 2)
#define RESET_SPI(bus) (1u << (16 + (bus)))
#define GPIO_FUNC_SPI 1u
#define WAIT_LOOPS 1000000

static const uint8_t pins[SPI_BUSES][3] = { { 18, 19, 16 }, { 10, 11, 12 } };  /* SCK TX RX */
static uint8_t configured;      /* a bit a bus */

int hal_spi_config(int bus, uint32_t baud, int polarity, int phase)
{
    if (bus < 0 || bus >= SPI_BUSES)
        return ERR_NODEV;
    if (baud == 0)
        return ERR_INVAL;
    uint32_t base = SPI_BASE(bus);
    REG_SET(&RESETS_RESET) = RESET_SPI(bus);
    unreset(RESET_SPI(bus));
    /* the smallest prescale that leaves SCR (0-255) enough, then SCR: at most baud */
    uint32_t prescale = 2;
    while (prescale < 254u && (uint64_t)CLK_SYS_HZ >= (uint64_t)baud * (prescale + 2u) * 256u)
        prescale += 2;
    uint32_t scr = (CLK_SYS_HZ / prescale + baud - 1u) / baud;
    scr = scr ? scr - 1u : 0u;
    if (scr > 255u)
        scr = 255u;
    SSPCPSR(base) = prescale;
    SSPCR0(base) = CR0_DSS_8BIT | (polarity ? CR0_SPO : 0u) | (phase ? CR0_SPH : 0u) |
                   (scr << 8);
    SSPCR1(base) = CR1_SSE;
    for (int i = 0; i < 3; i++) {
        PADS_GPIO(pins[bus][i]) = PADS_IE | PADS_DRIVE_4MA | PADS_SCHMITT;
        IO_GPIO_CTRL(pins[bus][i]) = GPIO_FUNC_SPI;
    }
    configured |= (uint8_t)(1u << bus);
    return 0;
}

static int wait_status(uint32_t base, uint32_t bit)
{
    for (int i = 0; i < WAIT_LOOPS; i++)
        if (SSPSR(base) & bit)
            return 0;
    return ERR_TIMEOUT;
}

int hal_spi_transfer(int bus, const uint8_t *wbuf, uint8_t *rbuf, size_t len)
{
    if (bus < 0 || bus >= SPI_BUSES)
        return ERR_NODEV;
    if (!(configured & (1u << bus))) {
        int r = hal_spi_config(bus, 1000000, 0, 0);     /* machine.SPI's defaults */
        if (r < 0)
            return r;
    }
    uint32_t base = SPI_BASE(bus);
    while (SSPSR(base) & SR_RNE)                         /* nothing stale in RX */
        (void)SSPDR(base);
    for (size_t i = 0; i < len; i++) {
        int r = wait_status(base, SR_TNF);
        if (r < 0)
            return r;
        SSPDR(base) = wbuf ? wbuf[i] : 0u;
        if ((r = wait_status(base, SR_RNE)) < 0)
            return r;
        uint8_t in = (uint8_t)SSPDR(base);
        if (rbuf)
            rbuf[i] = in;
    }
    return 0;
}
