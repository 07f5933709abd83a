/* The fixed part of the boot ROM stand-in (datasheet 2.8.3): the vector table the core
 * resets from, the "Mu" magic and version, and the 16-bit pointers to the function table,
 * the data table and the lookup function that the firmware uses to find the flash functions. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb
    .section .header, "a"
    .word 0x20041f00                /* stack below the 256 bytes boot2 is copied to */
    .word rom_reset
    .word rom_hang                  /* NMI */
    .word rom_hang                  /* HardFault */
    .byte 'M', 'u', 0x01            /* 0x10: magic */
    .byte 0x02                      /* 0x13: version (B2 silicon) */
    .hword func_table               /* 0x14 */
    .hword data_table               /* 0x16 */
    .hword rom_table_lookup + 1     /* 0x18: a Thumb function address */
    .hword 0

    .section .rodata.tables, "a"
    .balign 4
/* code (two characters, the first in the low byte), address of the Thumb function */
func_table:
    .hword 'I' | ('F' << 8), rom_connect_internal_flash + 1
    .hword 'E' | ('X' << 8), rom_flash_exit_xip + 1
    .hword 'R' | ('E' << 8), rom_flash_range_erase + 1
    .hword 'R' | ('P' << 8), rom_flash_range_program + 1
    .hword 'F' | ('C' << 8), rom_flash_flush_cache + 1
    .hword 'C' | ('X' << 8), rom_flash_enter_cmd_xip + 1
    .hword 0, 0
data_table:
    .hword 0, 0
