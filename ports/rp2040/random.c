/* hal_random_bytes: xorshift64* stirred, on every call, with the ring oscillator's random bit
 * (datasheet 2.17.5: a noisy bit on the chip; the emulator may return a constant) and the
 * microsecond clock, whose low bits depend on when interrupts and input arrived. Good enough
 * for salts and session tokens, not for keys. */
#include "hal/system.h"

#include "hal/time.h"
#include "rp2040.h"
#include "sched.h"

static uint64_t state = 0x9E3779B97F4A7C15ull;

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
    uint64_t noise = 0;
    for (int i = 0; i < 32; i++)
        noise = (noise << 1) | (ROSC_RANDOMBIT & 1u);
    state ^= (noise << 32) ^ hal_time_us() ^ SYST_CVR;
    uint8_t *out = buf;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t r = next();
        for (size_t j = 0; j < 8 && i + j < len; j++)
            out[i + j] = (uint8_t)(r >> (8 * j));
    }
    irq_unlock(s);
}
