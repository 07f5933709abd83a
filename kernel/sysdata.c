#include "kernel/sysdata.h"

#include "hal/system.h"
#include "hal/time.h"

struct sysdata sysdata;

void sysdata_init(void)
{
    uint8_t id[20];
    size_t n = hal_unique_id(id, sizeof id);
    sysdata.name = "upyOS-C";
    sysdata.version = UPYOS_VERSION;
    sysdata.platform = hal_platform_name();
    /* "%02X" a byte, written out: eight snprintf calls were 0.1 ms of an MCU's boot */
    static const char digits[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        sysdata.sid[2 * i] = digits[id[i] >> 4];
        sysdata.sid[2 * i + 1] = digits[id[i] & 15];
    }
    sysdata.sid[2 * n] = '\0';
    sysdata.boot_rtc = hal_rtc_get();
    sysdata.boot_us = hal_time_us();
}
