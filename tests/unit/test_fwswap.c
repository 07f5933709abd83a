/* Firmware slots (lib/fwswap.h) on a flash in RAM that can lose power in the middle of any
 * erase or program: the swap, the trial, the rollback, and a cut at every point of each,
 * after which the next boot finishes the job and the primary slot holds one whole image. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/err.h"
#include "lib/fwswap.h"

#define SECTOR 4096u
#define SLOT 5u                                  /* sectors per slot */
#define TOTAL (2 * SLOT + 2)                     /* primary, staging, scratch, status */
#define MAX_BOOTS 2

struct fake {
    uint8_t mem[TOTAL * SECTOR];
    long ops, cut_at;                            /* cut_at: the op that loses power, or 0 */
    unsigned seed;
};

static struct fake flash;
static uint8_t buf[SECTOR];
static const struct fwswap_layout layout = {
    .primary = 0, .staging = SLOT * SECTOR, .scratch = 2 * SLOT * SECTOR,
    .status = (2 * SLOT + 1) * SECTOR, .sectors = SLOT,
};

/* The op that loses power does part of its work: a prefix of its bytes, whose last byte
 * may have only some of its bits cleared. */
static int cut(long *ops)
{
    return flash.cut_at && ++*ops == flash.cut_at;
}

/* xorshift: the same cuts on every run and host */
static unsigned next_random(void)
{
    unsigned x = flash.seed ? flash.seed : 1;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return flash.seed = x;
}

static int fake_read(void *ctx, uint32_t at, void *out, size_t len)
{
    (void)ctx;
    memcpy(out, flash.mem + at, len);
    return 0;
}

static int fake_erase(void *ctx, uint32_t at)
{
    (void)ctx;
    assert_int_equal(at % SECTOR, 0);
    if (cut(&flash.ops)) {
        memset(flash.mem + at, 0xff, (size_t)next_random() % SECTOR);
        return ERR_IO;
    }
    memset(flash.mem + at, 0xff, SECTOR);
    return 0;
}

static int fake_program(void *ctx, uint32_t at, const void *data, size_t len)
{
    (void)ctx;
    const uint8_t *d = data;
    size_t n = len;
    int lost = cut(&flash.ops);
    if (lost)
        n = (size_t)next_random() % len;
    for (size_t i = 0; i < n; i++)
        flash.mem[at + i] &= d[i];
    if (lost) {
        flash.mem[at + n] &= (uint8_t)(d[n] | next_random());   /* a torn byte */
        return ERR_IO;
    }
    return 0;
}

static const struct fwswap_flash fake_flash = {
    .sector = SECTOR, .read = fake_read, .erase = fake_erase, .program = fake_program,
};

/* Image v fills a slot: every byte says which image and where. */
static void fill(uint32_t slot, uint8_t v)
{
    for (uint32_t i = 0; i < SLOT * SECTOR; i++)
        flash.mem[slot + i] = (uint8_t)(v ^ (i / SECTOR) ^ (i * 7));
}

static int holds(uint32_t slot, uint8_t v)
{
    for (uint32_t i = 0; i < SLOT * SECTOR; i++)
        if (flash.mem[slot + i] != (uint8_t)(v ^ (i / SECTOR) ^ (i * 7)))
            return 0;
    return 1;
}

/* A board running image 1, with image 2 staged and its swap asked for. */
static void staged_upgrade(void)
{
    memset(&flash, 0xff, sizeof flash);
    flash.cut_at = 0;
    fill(layout.primary, 1);
    fill(layout.staging, 2);
    assert_int_equal(fwswap_request(&fake_flash, &layout, SLOT), 0);
}

static int boot(long cut_at)
{
    flash.ops = 0;
    flash.cut_at = cut_at;
    int r = fwswap_boot(&fake_flash, &layout, MAX_BOOTS, buf);
    flash.cut_at = 0;
    return r;
}

static enum fwswap_phase phase(void)
{
    struct fwswap_state st;
    assert_int_equal(fwswap_state(&fake_flash, &layout, &st), 0);
    return st.phase;
}

static void test_a_swap_puts_the_new_image_on_trial(void **state)
{
    (void)state;
    staged_upgrade();
    assert_int_equal(phase(), FWSWAP_PENDING);
    assert_int_equal(boot(0), FWSWAP_TRIAL);
    assert_true(holds(layout.primary, 2));
    assert_true(holds(layout.staging, 1));
    assert_int_equal(fwswap_request(&fake_flash, &layout, SLOT), ERR_BUSY);
    assert_int_equal(fwswap_confirm(&fake_flash, &layout), 0);
    assert_int_equal(phase(), FWSWAP_CONFIRMED);
    assert_int_equal(boot(0), FWSWAP_CONFIRMED);             /* no more swapping */
    assert_true(holds(layout.primary, 2));
    assert_int_equal(fwswap_confirm(&fake_flash, &layout), ERR_INVAL);
}

static void test_a_firmware_never_confirmed_is_swapped_back(void **state)
{
    (void)state;
    staged_upgrade();
    for (int i = 0; i < MAX_BOOTS; i++)
        assert_int_equal(boot(0), FWSWAP_TRIAL);
    assert_int_equal(boot(0), FWSWAP_REVERTED);
    assert_true(holds(layout.primary, 1));
    assert_true(holds(layout.staging, 2));
    assert_int_equal(fwswap_confirm(&fake_flash, &layout), ERR_INVAL);
    /* and the next upgrade starts afresh */
    fill(layout.staging, 3);
    assert_int_equal(fwswap_request(&fake_flash, &layout, SLOT), 0);
    assert_int_equal(boot(0), FWSWAP_TRIAL);
    assert_true(holds(layout.primary, 3));
}

static void test_a_request_larger_than_the_slot_is_refused(void **state)
{
    (void)state;
    staged_upgrade();
    boot(0);
    fwswap_confirm(&fake_flash, &layout);
    assert_int_equal(fwswap_request(&fake_flash, &layout, SLOT + 1), ERR_FBIG);
    assert_int_equal(fwswap_request(&fake_flash, &layout, 0), ERR_FBIG);
}

/* The ops an uncut boot of this state takes. */
static long ops_of_boot(void (*setup)(void))
{
    setup();
    flash.ops = 0;
    flash.cut_at = -1;                          /* counts, never reached */
    fwswap_boot(&fake_flash, &layout, MAX_BOOTS, buf);
    return flash.ops;
}

/* Cuts the boot at every op, then at a second random op of the next boot, then boots
 * uncut: the outcome is always the one an uncut boot has. */
static void cut_everywhere(void (*setup)(void), int want_phase, uint8_t want_primary,
                           uint8_t want_staging)
{
    long total = ops_of_boot(setup);
    assert_true(total > 3 * SLOT * 3);
    for (long at = 1; at <= total; at++) {
        setup();
        flash.seed = (unsigned)at;
        assert_true(boot(at) < 0);
        long again = 1 + next_random() % total;
        boot(again);                             /* may finish, or be cut once more */
        assert_int_equal(boot(0), want_phase);
        assert_int_equal(phase(), want_phase);
        assert_true(holds(layout.primary, want_primary));
        assert_true(holds(layout.staging, want_staging));
    }
}

static void test_a_cut_anywhere_in_the_swap_resumes(void **state)
{
    (void)state;
    cut_everywhere(staged_upgrade, FWSWAP_TRIAL, 2, 1);
}

static void failed_trial(void)
{
    staged_upgrade();
    for (int i = 0; i < MAX_BOOTS; i++)
        boot(0);
}

static void test_a_cut_anywhere_in_the_rollback_resumes(void **state)
{
    (void)state;
    cut_everywhere(failed_trial, FWSWAP_REVERTED, 1, 2);
}

static void test_a_torn_record_is_no_record(void **state)
{
    (void)state;
    staged_upgrade();
    /* cut the request itself at its record: no swap is asked for, or the whole one */
    int torn = 0;
    for (unsigned seed = 1; seed < 200; seed++) {
        memset(&flash, 0xff, sizeof flash);
        fill(layout.primary, 1);
        fill(layout.staging, 2);
        flash.seed = seed;
        flash.ops = 0;
        flash.cut_at = 2;                        /* the erase is op 1, the record op 2 */
        assert_true(fwswap_request(&fake_flash, &layout, SLOT) < 0);
        flash.cut_at = 0;
        int asked = phase() == FWSWAP_PENDING;   /* the cut came after its last bit */
        if (!asked)
            assert_int_equal(phase(), FWSWAP_NONE);
        assert_int_equal(boot(0), asked ? FWSWAP_TRIAL : FWSWAP_NONE);
        assert_true(holds(layout.primary, asked ? 2 : 1));
        torn += !asked;
    }
    assert_true(torn > 150);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_swap_puts_the_new_image_on_trial),
        cmocka_unit_test(test_a_firmware_never_confirmed_is_swapped_back),
        cmocka_unit_test(test_a_request_larger_than_the_slot_is_refused),
        cmocka_unit_test(test_a_cut_anywhere_in_the_swap_resumes),
        cmocka_unit_test(test_a_cut_anywhere_in_the_rollback_resumes),
        cmocka_unit_test(test_a_torn_record_is_no_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
