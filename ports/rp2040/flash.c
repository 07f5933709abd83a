/* hal/blockdev.h on the upper part of the QSPI flash (from __flashfs_start, set by rp2040.ld,
 * to the end of the 2 MB chip), where tools/mkfs's image goes. Reads come straight from the
 * execute-in-place window. Erase (4096-byte sectors) and program (256-byte pages, which can
 * only clear bits) go through the boot ROM's functions (datasheet 2.8.3.1.3), looked up by
 * their two-letter codes. While the flash is being erased or programmed it cannot be read, so
 * nothing may run from it: the calls are made from a function in RAM (.ramfunc) with
 * interrupts masked (every handler lives in flash), and the data to program is first copied
 * into RAM. Afterwards the ROM's flush and XIP set-up make the window readable again. */
#include "hal/blockdev.h"

#include <string.h>

#include "lib/err.h"
#include "rp2040.h"
#include "sched.h"

#define BLOCK_SIZE 4096u
#define PAGE_SIZE 256u
#define PROG_SIZE 4u        /* the chip programs any bytes of a page (hal/blockdev.h) */
#define SECTOR_ERASE_CMD 0x20u

extern char __flashfs_start[], __flashfs_size[];

typedef void (*rom_void_fn)(void);
typedef void (*rom_erase_fn)(uint32_t offset, size_t count, uint32_t block_size, uint8_t cmd);
typedef void (*rom_program_fn)(uint32_t offset, const uint8_t *data, size_t count);
typedef void *(*rom_lookup_fn)(const uint16_t *table, uint32_t code);

struct rom_flash {
    rom_void_fn connect;             /* connect_internal_flash */
    rom_void_fn exit_xip;            /* flash_exit_xip */
    rom_erase_fn erase;              /* flash_range_erase */
    rom_program_fn program;          /* flash_range_program */
    rom_void_fn flush;               /* flash_flush_cache */
    rom_void_fn enter_xip;           /* flash_enter_cmd_xip */
};

static struct rom_flash rom;
static uint8_t page[PAGE_SIZE];      /* data to program, in RAM */
static hal_blockdev_t dev;

static void *rom_func(char c1, char c2)
{
    rom_lookup_fn lookup = (rom_lookup_fn)(uintptr_t)ROM_TABLE_LOOKUP;
    return lookup((const uint16_t *)(uintptr_t)ROM_FUNC_TABLE, ROM_CODE(c1, c2));
}

/* Runs from RAM. offset is from the start of the flash chip; count 0 erases the sector. */
__attribute__((section(".ramfunc.flash_op"), noinline, no_instrument_function))
static void flash_op(const struct rom_flash *r, uint32_t offset, const uint8_t *data,
                     size_t count)
{
    r->connect();
    r->exit_xip();
    if (data)
        r->program(offset, data, count);
    else
        r->erase(offset, BLOCK_SIZE, BLOCK_SIZE, SECTOR_ERASE_CMD);
    r->flush();
    r->enter_xip();
}

/* Through a pointer: flash and RAM are further apart than a BL instruction reaches. */
static void (*volatile flash_op_in_ram)(const struct rom_flash *, uint32_t, const uint8_t *,
                                        size_t) = flash_op;

static uint32_t chip_offset(uint32_t block, uint32_t off)
{
    return (uint32_t)((uintptr_t)__flashfs_start - XIP_BASE) + block * BLOCK_SIZE + off;
}

static int in_range(hal_blockdev_t *d, uint32_t block, uint32_t off, uint32_t len)
{
    return block < d->block_count && off <= d->block_size && len <= d->block_size - off;
}

static int flash_read(hal_blockdev_t *d, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    if (!in_range(d, block, off, len))
        return ERR_INVAL;
    memcpy(buf, (const void *)(uintptr_t)(XIP_BASE + chip_offset(block, off)), len);
    return 0;
}

static int flash_prog(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf,
                      uint32_t len)
{
    if (!in_range(d, block, off, len) || off % PROG_SIZE || len % PROG_SIZE)
        return ERR_INVAL;
    /* The ROM programs whole pages: the rest of a page is sent as 0xFF, which leaves those
     * cells as they are, erased or holding what an earlier program put there. */
    for (uint32_t done = 0, n; done < len; done += n) {
        uint32_t in_page = (off + done) % PAGE_SIZE;
        n = PAGE_SIZE - in_page < len - done ? PAGE_SIZE - in_page : len - done;
        uint32_t s = irq_lock();     /* page[] is shared; and no flash reads meanwhile */
        memset(page, 0xFF, PAGE_SIZE);
        memcpy(page + in_page, (const uint8_t *)buf + done, n);
        flash_op_in_ram(&rom, chip_offset(block, off + done - in_page), page, PAGE_SIZE);
        irq_unlock(s);
    }
    return 0;
}

static int flash_erase(hal_blockdev_t *d, uint32_t block)
{
    if (block >= d->block_count)
        return ERR_INVAL;
    uint32_t s = irq_lock();
    flash_op_in_ram(&rom, chip_offset(block, 0), NULL, 0);
    irq_unlock(s);
    return 0;
}

static int flash_sync(hal_blockdev_t *d)
{
    return 0;                        /* every program and erase has finished on return */
}

hal_blockdev_t *hal_flash_open(const char *name)
{
    rom = (struct rom_flash){
        rom_func('I', 'F'), rom_func('E', 'X'), rom_func('R', 'E'),
        rom_func('R', 'P'), rom_func('F', 'C'), rom_func('C', 'X'),
    };
    if (!rom.connect || !rom.exit_xip || !rom.erase || !rom.program || !rom.flush ||
        !rom.enter_xip)
        return NULL;
    dev = (hal_blockdev_t){
        .block_size = BLOCK_SIZE, .block_count = (uint32_t)(uintptr_t)__flashfs_size / BLOCK_SIZE,
        .prog_size = PROG_SIZE, .read = flash_read, .prog = flash_prog, .erase = flash_erase,
        .sync = flash_sync, .ctx = NULL,
    };
    return &dev;
}

void hal_flash_close(hal_blockdev_t *d)
{
}
