/* hal/firmware.h for a board without firmware slots or a boot stage of its own: the simulator
 * (its firmware is the program itself) and the MPS2 under QEMU (QEMU loads the ELF). */
#include "hal/firmware.h"

#include "lib/err.h"

size_t hal_firmware_slot_size(void)
{
    return 0;
}

int hal_firmware_write(size_t offset, const void *data, size_t len)
{
    return ERR_NOTSUP;
}

int hal_firmware_read(size_t offset, void *data, size_t len)
{
    return ERR_NOTSUP;
}

int hal_firmware_request(size_t size)
{
    return ERR_NOTSUP;
}

enum hal_firmware_state hal_firmware_state(void)
{
    return HAL_FIRMWARE_CONFIRMED;
}

int hal_firmware_confirm(void)
{
    return ERR_INVAL;
}
