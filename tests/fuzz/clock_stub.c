/* The fuzzer links the filesystem alone, without a port: a fixed clock is enough. */
#include <stdint.h>
#include "hal/time.h"

int64_t hal_rtc_get(void)
{
    return 1700000000;
}
