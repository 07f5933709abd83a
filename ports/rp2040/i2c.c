/* hal_i2c_transfer on I2C0, a DW_apb_i2c block (datasheet 4.3), as a 400 kHz controller on
 * GP8 (SDA) and GP9 (SCL). Polled: every command byte goes through IC_DATA_CMD, a read's
 * byte is taken from the RX FIFO before the next is asked for, and the transfer ends at
 * STOP_DET. A target that does not acknowledge its address aborts the transfer (TX_ABRT,
 * ABRT_7B_ADDR_NOACK): ERR_NODEV. The block cannot send an address alone, so a probe (no
 * bytes either way, i2cscan) reads one byte, as the Pico SDK's bus scan does. */
#include "hal/board.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"

#define I2C0_BASE 0x40044000u
#define IC_CON         REG32(I2C0_BASE + 0x00)
#define IC_TAR         REG32(I2C0_BASE + 0x04)
#define IC_DATA_CMD    REG32(I2C0_BASE + 0x10)
#define IC_FS_SCL_HCNT REG32(I2C0_BASE + 0x1C)
#define IC_FS_SCL_LCNT REG32(I2C0_BASE + 0x20)
#define IC_RAW_INTR    REG32(I2C0_BASE + 0x34)
#define IC_RX_TL       REG32(I2C0_BASE + 0x38)
#define IC_TX_TL       REG32(I2C0_BASE + 0x3C)
#define IC_CLR_TX_ABRT REG32(I2C0_BASE + 0x54)
#define IC_CLR_STOP    REG32(I2C0_BASE + 0x60)
#define IC_ENABLE      REG32(I2C0_BASE + 0x6C)
#define IC_STATUS      REG32(I2C0_BASE + 0x70)
#define IC_SDA_HOLD    REG32(I2C0_BASE + 0x7C)
#define IC_ABRT_SOURCE REG32(I2C0_BASE + 0x80)
#define IC_FS_SPKLEN   REG32(I2C0_BASE + 0xA0)

#define CON_MASTER        (1u << 0)
#define CON_SPEED_FAST    (2u << 1)
#define CON_RESTART_EN    (1u << 5)
#define CON_SLAVE_DISABLE (1u << 6)
#define CON_TX_EMPTY_CTRL (1u << 8)
#define CMD_READ    (1u << 8)
#define CMD_STOP    (1u << 9)
#define CMD_RESTART (1u << 10)
#define INTR_TX_ABRT  (1u << 6)
#define INTR_STOP_DET (1u << 9)
#define STATUS_TFNF (1u << 1)
#define STATUS_RFNE (1u << 3)
#define ABRT_7B_ADDR_NOACK (1u << 0)

#define SDA_PIN 8
#define SCL_PIN 9
#define GPIO_FUNC_I2C 3u
#define BAUD 400000u
#define WAIT_LOOPS 200000   /* a byte at 400 kHz is 23 us; this is milliseconds */

static void setup(void)
{
    REG_SET(&RESETS_RESET) = RESET_I2C0;
    unreset(RESET_I2C0);
    IC_ENABLE = 0;
    IC_CON = CON_MASTER | CON_SPEED_FAST | CON_RESTART_EN | CON_SLAVE_DISABLE | CON_TX_EMPTY_CTRL;
    IC_RX_TL = 0;
    IC_TX_TL = 0;
    /* the SCL periods in clk_sys cycles: low 60 %, high 40 % of the bit (as the Pico SDK) */
    uint32_t period = (CLK_SYS_HZ + BAUD / 2u) / BAUD;
    uint32_t lcnt = period * 3u / 5u;
    IC_FS_SCL_HCNT = period - lcnt;
    IC_FS_SCL_LCNT = lcnt;
    IC_FS_SPKLEN = lcnt < 16u ? 1u : lcnt / 16u;
    IC_SDA_HOLD = CLK_SYS_HZ * 3u / 10000000u + 1u;   /* 300 ns */
    for (int pin = SDA_PIN; pin <= SCL_PIN; pin++) {
        PADS_GPIO(pin) = PADS_IE | PADS_PUE | PADS_SCHMITT;  /* open drain: pulled up */
        IO_GPIO_CTRL(pin) = GPIO_FUNC_I2C;
    }
}

/* Waits until the status has bit, or the transfer aborted: 0, ERR_NODEV, ERR_IO. */
static int wait_status(uint32_t bit)
{
    for (int i = 0; i < WAIT_LOOPS; i++) {
        if (IC_RAW_INTR & INTR_TX_ABRT)
            return ERR_IO;
        if (IC_STATUS & bit)
            return 0;
    }
    return ERR_TIMEOUT;
}

/* The end of a transfer: its STOP seen, an abort's cause turned into the error. */
static int finish(int r)
{
    for (int i = 0; i < WAIT_LOOPS && !(IC_RAW_INTR & INTR_STOP_DET); i++)
        ;
    if (IC_RAW_INTR & INTR_TX_ABRT) {
        uint32_t why = IC_ABRT_SOURCE;
        (void)IC_CLR_TX_ABRT;
        r = why & ABRT_7B_ADDR_NOACK ? ERR_NODEV : ERR_IO;
    }
    (void)IC_CLR_STOP;
    return r;
}

static int send(uint32_t cmd)
{
    int r = wait_status(STATUS_TFNF);
    if (r == 0)
        IC_DATA_CMD = cmd;
    return r;
}

int hal_i2c_transfer(int bus, uint8_t addr, const uint8_t *wbuf, size_t wlen, uint8_t *rbuf,
                     size_t rlen)
{
    if (bus != 0)
        return ERR_NODEV;
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    uint8_t probe;
    if (wlen == 0 && rlen == 0) {
        rbuf = &probe;
        rlen = 1;
    }
    IC_ENABLE = 0;
    IC_TAR = addr & 0x7Fu;
    IC_ENABLE = 1;
    (void)IC_CLR_TX_ABRT;
    (void)IC_CLR_STOP;
    int r = 0;
    for (size_t i = 0; i < wlen && r == 0; i++)
        r = send(wbuf[i] | (i + 1 == wlen && rlen == 0 ? CMD_STOP : 0u));
    for (size_t i = 0; i < rlen && r == 0; i++) {
        r = send(CMD_READ | (i == 0 && wlen ? CMD_RESTART : 0u) | (i + 1 == rlen ? CMD_STOP : 0u));
        if (r == 0)
            r = wait_status(STATUS_RFNE);
        if (r == 0)
            rbuf[i] = (uint8_t)IC_DATA_CMD;
    }
    return finish(r);
}
