#include "kernel/sysdata.h"

#include <stdio.h>

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
    for (size_t i = 0; i < n; i++)
        snprintf(sysdata.sid + 2 * i, 3, "%02X", id[i]);
    sysdata.boot_rtc = hal_rtc_get();
    sysdata.boot_us = hal_time_us();
}
