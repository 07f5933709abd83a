/* hal_random_bytes: the board (and QEMU's model of it) has no entropy source. The generator
 * is xorshift64* stirred, on every call, with the SysTick counter and the microsecond clock,
 * whose low bits depend on when interrupts and input arrived; the seed also takes the host's
 * clock. Good enough for salts and session tokens on a development board, not for keys. */
#include "hal/system.h"

#include "cmsdk.h"
#include "hal/time.h"
#include "sched.h"
#include "semihost.h"

static uint64_t state;

static uint64_t next(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
}

void hal_random_bytes(void *buf, size_t len)
{
    uint32_t s = irq_lock();
    if (state == 0)
        state = ((uint64_t)semihost_time() << 20) ^ 0x9E3779B97F4A7C15ull;
    state ^= ((uint64_t)SYST_CVR << 32) ^ hal_time_us();
    uint8_t *out = buf;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t r = next();
        for (size_t j = 0; j < 8 && i + j < len; j++)
            out[i + j] = (uint8_t)(r >> (8 * j));
    }
    irq_unlock(s);
}
