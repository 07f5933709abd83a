/* The firmware slots on the Pico's flash (slots.h). Reads come from the execute-in-place
 * window; erase (a 4 KB sector) and program (whole 256-byte pages: a shorter write is padded
 * with 0xFF, which leaves those bits as they are) go through the boot ROM, from a function in
 * RAM, as flash.c does for the filesystem. */
#include "slots.h"

#include <string.h>

#include "lib/err.h"
#include "rp2040.h"

#define PAGE 256u
#define SECTOR 4096u
#define SECTOR_ERASE_CMD 0x20u

/* rp2040.ld */
extern char __slot_primary[], __slot_staging[], __slot_scratch[], __slot_status[];
extern char __slot_sectors[];

typedef void (*rom_void_fn)(void);
typedef void (*rom_erase_fn)(uint32_t offset, size_t count, uint32_t block_size, uint8_t cmd);
typedef void (*rom_program_fn)(uint32_t offset, const uint8_t *data, size_t count);
typedef void *(*rom_lookup_fn)(const uint16_t *table, uint32_t code);

struct rom {
    rom_void_fn connect, exit_xip;
    rom_erase_fn erase;
    rom_program_fn program;
    rom_void_fn flush, enter_xip;
};

static struct rom rom;
static uint8_t page[PAGE];
static struct fwswap_layout layout;

static void *rom_func(char c1, char c2)
{
    rom_lookup_fn lookup = (rom_lookup_fn)(uintptr_t)ROM_TABLE_LOOKUP;
    return lookup((const uint16_t *)(uintptr_t)ROM_FUNC_TABLE, ROM_CODE(c1, c2));
}

__attribute__((section(".ramfunc.slot_op"), noinline, no_instrument_function))
static void slot_op(const struct rom *r, uint32_t offset, const uint8_t *data)
{
    r->connect();
    r->exit_xip();
    if (data)
        r->program(offset, data, PAGE);
    else
        r->erase(offset, SECTOR, SECTOR, SECTOR_ERASE_CMD);
    r->flush();
    r->enter_xip();
}

static void (*volatile slot_op_in_ram)(const struct rom *, uint32_t, const uint8_t *) = slot_op;

static uint32_t mask_irqs(void)
{
    uint32_t primask;
    __asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask) :: "memory");
    return primask;
}

static void unmask_irqs(uint32_t primask)
{
    __asm volatile("msr primask, %0" :: "r"(primask) : "memory");
}

static int slot_read(void *ctx, uint32_t offset, void *buf, size_t len)
{
    (void)ctx;
    memcpy(buf, (const void *)(uintptr_t)(XIP_BASE + offset), len);
    return 0;
}

static int slot_erase(void *ctx, uint32_t offset)
{
    (void)ctx;
    uint32_t s = mask_irqs();
    slot_op_in_ram(&rom, offset, NULL);
    unmask_irqs(s);
    return 0;
}

static int slot_program(void *ctx, uint32_t offset, const void *buf, size_t len)
{
    (void)ctx;
    const uint8_t *data = buf;
    while (len > 0) {
        uint32_t base = offset & ~(PAGE - 1), at = offset - base;
        size_t n = len < PAGE - at ? len : PAGE - at;
        uint32_t s = mask_irqs();            /* page[] is shared */
        memset(page, 0xff, PAGE);
        memcpy(page + at, data, n);
        slot_op_in_ram(&rom, base, page);
        unmask_irqs(s);
        offset += n;
        data += n;
        len -= n;
    }
    return 0;
}

static struct fwswap_flash flash = {
    .sector = SECTOR, .read = slot_read, .erase = slot_erase, .program = slot_program,
};

const struct fwswap_flash *slots_flash(void)
{
    if (!rom.connect) {
        rom = (struct rom){
            rom_func('I', 'F'), rom_func('E', 'X'), rom_func('R', 'E'),
            rom_func('R', 'P'), rom_func('F', 'C'), rom_func('C', 'X'),
        };
        if (!rom.connect || !rom.exit_xip || !rom.erase || !rom.program || !rom.flush ||
            !rom.enter_xip) {
            rom.connect = NULL;
            return NULL;
        }
    }
    return &flash;
}

const struct fwswap_layout *slots_layout(void)
{
    layout = (struct fwswap_layout){
        .primary = (uint32_t)(uintptr_t)__slot_primary - XIP_BASE,
        .staging = (uint32_t)(uintptr_t)__slot_staging - XIP_BASE,
        .scratch = (uint32_t)(uintptr_t)__slot_scratch - XIP_BASE,
        .status = (uint32_t)(uintptr_t)__slot_status - XIP_BASE,
        .sectors = (uint32_t)(uintptr_t)__slot_sectors,
    };
    return &layout;
}
