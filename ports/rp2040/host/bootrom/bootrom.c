/* A stand-in for the RP2040's boot ROM, for the rp2040js emulator only: a test fixture, never
 * part of the firmware. The npm package ships no boot ROM (its ROM region is zeros), and the
 * real ROM's reset path stalls in the emulator (it reads a chip-reset register the emulator
 * does not implement). This one does what the firmware needs of the real one:
 *  - reset: copy boot2 (the first 256 bytes of flash) to 0x20041f00, check its CRC-32, and
 *    enter it with LR = 0, as the real ROM does (datasheet 2.8.1.3);
 *  - the table lookup and the flash functions the firmware finds through it (2.8.3.1.3). The
 *    emulator lets the CPU store into the flash window, so erase writes 0xFF and program
 *    clears bits there, like the chip. The real ROM's versions drive the flash controller,
 *    which the emulator does not model: through them nothing would change.
 * A bad boot2 stops at BKPT #0x42, which the host runner reports. */
#include <stddef.h>
#include <stdint.h>

#define XIP_BASE 0x10000000u
#define FLASH_WINDOW (16u * 1024u * 1024u)
#define SECTOR 4096u
#define BOOT2_RAM ((volatile uint32_t *)0x20041f00u)

void rom_hang(void);
void rom_reset(void);
void *rom_table_lookup(const uint16_t *table, uint32_t code);
void rom_connect_internal_flash(void);
void rom_flash_exit_xip(void);
void rom_flash_range_erase(uint32_t offset, size_t count, uint32_t block_size, uint8_t cmd);
void rom_flash_range_program(uint32_t offset, const uint8_t *data, size_t count);
void rom_flash_flush_cache(void);
void rom_flash_enter_cmd_xip(void);

void rom_hang(void)
{
    for (;;)
        __asm__ volatile("wfi");
}

void *rom_table_lookup(const uint16_t *table, uint32_t code)
{
    for (; table[0]; table += 2)
        if (table[0] == code)
            return (void *)(uintptr_t)table[1];
    return NULL;
}

/* The emulator's flash needs no connecting, no leaving or entering XIP and has no cache. */
void rom_connect_internal_flash(void) {}
void rom_flash_exit_xip(void) {}
void rom_flash_flush_cache(void) {}
void rom_flash_enter_cmd_xip(void) {}

static volatile uint32_t *flash_word(uint32_t offset)
{
    return (volatile uint32_t *)(uintptr_t)(XIP_BASE + offset);
}

/* Erases the whole sectors that [offset, offset + count) touches. */
void rom_flash_range_erase(uint32_t offset, size_t count, uint32_t block_size, uint8_t cmd)
{
    uint32_t start = offset & ~(SECTOR - 1u);
    uint32_t end = (offset + count + SECTOR - 1u) & ~(SECTOR - 1u);
    for (uint32_t at = start; at < end && at < FLASH_WINDOW; at += 4)
        *flash_word(at) = 0xFFFFFFFFu;
}

/* offset and count are multiples of 256 (a page); data may be unaligned. */
void rom_flash_range_program(uint32_t offset, const uint8_t *data, size_t count)
{
    for (size_t i = 0; i + 4 <= count && offset + i < FLASH_WINDOW; i += 4) {
        uint32_t w = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
                     (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;
        *flash_word(offset + i) &= w;
    }
}

/* CRC-32 as boot2 carries it: polynomial 0x04c11db7, initial 0xffffffff, not reflected. */
static uint32_t boot2_crc(const volatile uint32_t *words)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (int i = 0; i < 252; i++) {
        uint32_t byte = (words[i / 4] >> (8 * (i % 4))) & 0xFFu;
        crc ^= byte << 24;
        for (int bit = 0; bit < 8; bit++)
            crc = crc & 0x80000000u ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
    }
    return crc;
}

void rom_reset(void)
{
    for (int i = 0; i < 64; i++)
        BOOT2_RAM[i] = *flash_word(4u * (uint32_t)i);
    if (boot2_crc(BOOT2_RAM) != BOOT2_RAM[63]) {
        __asm__ volatile("bkpt #0x42");
        rom_hang();
    }
    __asm__ volatile(
        "movs r0, #0\n"
        "mov lr, r0\n"
        "ldr r1, =0x20041f01\n"
        "bx r1\n"
        ".ltorg\n");
}
