/* The second-stage boot loader (datasheet 2.8.1.3): the boot ROM copies the first 256 bytes
 * of flash to 0x20041f00, checks their CRC-32 and enters them with LR = 0. This one sets the
 * flash interface (SSI, datasheet 4.10) to execute in place with the plain serial read
 * command (03h, one data line, 24-bit address), which every QSPI flash chip understands, then
 * points the vector table at the boot stage's (0x10000100) and jumps to its reset handler.
 * Called with LR != 0 it returns instead (to re-enable execute-in-place after programming).
 *
 * Position independent, Thumb-1 only (Cortex-M0+). boot2_crc.cmake appends the CRC word. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb
    .section .text.boot2, "ax"
    .global boot2_entry
    .type boot2_entry, %function

#define SSI_BASE        0x18000000
#define SSI_CTRLR0      0x00
#define SSI_CTRLR1      0x04
#define SSI_SSIENR      0x08
#define SSI_BAUDR       0x14
#define SSI_SPI_CTRLR0  0xf4
/* CTRLR0: SPI_FRF = 0 (standard), DFS_32 = 31 (32-bit frames), TMOD = 3 (EEPROM read) */
#define CTRLR0_XIP      ((31 << 16) | (3 << 8))
/* SPI_CTRLR0: XIP_CMD = 0x03, INST_L = 2 (8-bit instruction), ADDR_L = 6 (24 bits),
 * TRANS_TYPE = 0 (instruction and address on one line) */
#define SPI_CTRLR0_XIP  ((0x03 << 24) | (2 << 8) | (6 << 2))
#define CLKDIV          4           /* 125 MHz / 4: well within any chip's 03h limit */
#define VTOR            0xe000ed08
#define FIRMWARE_VECTORS 0x10000100

boot2_entry:
    push {lr}
    ldr r3, =SSI_BASE
    movs r1, #0
    str r1, [r3, #SSI_SSIENR]       /* off while it is configured */
    movs r1, #CLKDIV
    str r1, [r3, #SSI_BAUDR]
    ldr r1, =CTRLR0_XIP
    str r1, [r3, #SSI_CTRLR0]
    ldr r1, =SPI_CTRLR0_XIP
    ldr r0, =(SSI_BASE + SSI_SPI_CTRLR0)
    str r1, [r0]
    movs r1, #0
    str r1, [r3, #SSI_CTRLR1]       /* NDF = 0: one frame per request */
    movs r1, #1
    str r1, [r3, #SSI_SSIENR]
    pop {r0}
    cmp r0, #0
    beq vector_into_flash
    bx r0

vector_into_flash:
    ldr r0, =FIRMWARE_VECTORS
    ldr r1, =VTOR
    str r0, [r1]
    ldmia r0!, {r1, r2}             /* initial stack pointer, reset handler */
    msr msp, r1
    bx r2
    .ltorg
