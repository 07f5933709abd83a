/* Firmware slots: the swap with its power-safe progress record (lib/fwswap.h). */
#include "lib/fwswap.h"

#include "lib/err.h"

/* An entry: its kind in the top 4 bits, an argument (a sector count or index) below. */
enum {
    REC_SWAP = 1,         /* arg: sectors; a swap is asked for */
    REC_STEP = 2,         /* arg: steps done of the current swap (3 per sector) */
    REC_SWAPPED = 3,      /* the current swap is complete */
    REC_BOOT = 4,         /* a trial boot began */
    REC_CONFIRM = 5,      /* the firmware on trial confirmed itself */
    REC_REVERT = 6,       /* the trial failed: a swap back begins */
};
#define ARG_MAX 0x0fffu
#define ERASED 0xffffffffu

static uint32_t encode(unsigned kind, uint32_t arg)
{
    uint32_t entry = (uint32_t)kind << 12 | (arg & ARG_MAX);
    return entry | (~entry & 0xffffu) << 16;
}

/* 1 and the entry when word is one whole entry. */
static int decode(uint32_t word, unsigned *kind, uint32_t *arg)
{
    uint32_t entry = word & 0xffffu;
    if ((word >> 16) != (~entry & 0xffffu))
        return 0;
    *kind = entry >> 12;
    *arg = entry & ARG_MAX;
    return 1;
}

static uint32_t status_words(const struct fwswap_flash *f)
{
    return f->sector / 4;
}

static void apply(struct fwswap_state *st, unsigned kind, uint32_t arg)
{
    switch (kind) {
    case REC_SWAP:
        *st = (struct fwswap_state){ .phase = FWSWAP_PENDING, .sectors = arg, .used = st->used };
        break;
    case REC_STEP:
        st->done = arg;
        break;
    case REC_SWAPPED:
        st->phase = st->phase == FWSWAP_REVERTING ? FWSWAP_REVERTED : FWSWAP_TRIAL;
        break;
    case REC_BOOT:
        st->boots++;
        break;
    case REC_CONFIRM:
        st->phase = FWSWAP_CONFIRMED;
        break;
    case REC_REVERT:
        st->phase = FWSWAP_REVERTING;
        st->done = 0;
        break;
    }
}

int fwswap_state(const struct fwswap_flash *f, const struct fwswap_layout *l,
                 struct fwswap_state *st)
{
    *st = (struct fwswap_state){ .phase = FWSWAP_NONE };
    uint32_t words[64];
    for (uint32_t at = 0; at < status_words(f); at += 64) {
        int r = f->read(f->ctx, l->status + at * 4, words, sizeof words);
        if (r < 0)
            return r;
        for (uint32_t i = 0; i < 64; i++) {
            unsigned kind;
            uint32_t arg;
            if (words[i] == ERASED)
                continue;
            st->used = at + i + 1;      /* a torn word is skipped, and never written again */
            if (decode(words[i], &kind, &arg))
                apply(st, kind, arg);
        }
    }
    return 0;
}

static int append(const struct fwswap_flash *f, const struct fwswap_layout *l,
                  struct fwswap_state *st, unsigned kind, uint32_t arg)
{
    if (st->used >= status_words(f))
        return ERR_NOSPC;
    uint32_t word = encode(kind, arg);
    int r = f->program(f->ctx, l->status + st->used * 4, &word, sizeof word);
    if (r < 0)
        return r;
    st->used++;
    apply(st, kind, arg);
    return 0;
}

/* The words a whole upgrade may append: request, two swaps and their ends, boots, confirm. */
static uint32_t words_needed(uint32_t sectors, int max_boots)
{
    return 1 + 2 * (3 * sectors + 1) + (uint32_t)max_boots + 2;
}

int fwswap_request(const struct fwswap_flash *f, const struct fwswap_layout *l,
                   uint32_t sectors)
{
    struct fwswap_state st;
    int r = fwswap_state(f, l, &st);
    if (r < 0)
        return r;
    if (st.phase == FWSWAP_PENDING || st.phase == FWSWAP_TRIAL || st.phase == FWSWAP_REVERTING)
        return ERR_BUSY;
    if (sectors == 0 || sectors > l->sectors || sectors > ARG_MAX / 3 ||
        words_needed(sectors, 16) > status_words(f))
        return ERR_FBIG;
    /* A cut during the erase leaves no request (or a torn record of the last upgrade, which
     * was finished: nothing for the boot stage to do). */
    if ((r = f->erase(f->ctx, l->status)) < 0)
        return r;
    st = (struct fwswap_state){ .phase = FWSWAP_NONE };
    return append(f, l, &st, REC_SWAP, sectors);
}

int fwswap_confirm(const struct fwswap_flash *f, const struct fwswap_layout *l)
{
    struct fwswap_state st;
    int r = fwswap_state(f, l, &st);
    if (r < 0)
        return r;
    if (st.phase != FWSWAP_TRIAL)
        return ERR_INVAL;
    return append(f, l, &st, REC_CONFIRM, 0);
}

static int copy_sector(const struct fwswap_flash *f, uint32_t to, uint32_t from, void *buf)
{
    int r = f->read(f->ctx, from, buf, f->sector);
    if (r >= 0)
        r = f->erase(f->ctx, to);
    if (r >= 0)
        r = f->program(f->ctx, to, buf, f->sector);
    return r;
}

/* One step of the swap (lib/fwswap.h): step is the index of the step, 3 per sector. */
static int swap_step(const struct fwswap_flash *f, const struct fwswap_layout *l,
                     uint32_t step, void *buf)
{
    uint32_t at = (step / 3) * f->sector;
    switch (step % 3) {
    case 0:
        return copy_sector(f, l->scratch, l->staging + at, buf);
    case 1:
        return copy_sector(f, l->staging + at, l->primary + at, buf);
    default:
        return copy_sector(f, l->primary + at, l->scratch, buf);
    }
}

/* Finishes the current swap from the last step recorded. */
static int run_swap(const struct fwswap_flash *f, const struct fwswap_layout *l,
                    struct fwswap_state *st, void *buf)
{
    int r;
    while (st->done < 3 * st->sectors) {
        if ((r = swap_step(f, l, st->done, buf)) < 0 ||
            (r = append(f, l, st, REC_STEP, st->done + 1)) < 0)
            return r;
    }
    return append(f, l, st, REC_SWAPPED, 0);
}

int fwswap_boot(const struct fwswap_flash *f, const struct fwswap_layout *l, int max_boots,
                void *buf)
{
    struct fwswap_state st;
    int r = fwswap_state(f, l, &st);
    if (r < 0)
        return r;
    if (st.phase == FWSWAP_PENDING && (r = run_swap(f, l, &st, buf)) < 0)
        return r;
    if (st.phase == FWSWAP_TRIAL && st.boots >= max_boots &&
        (r = append(f, l, &st, REC_REVERT, 0)) < 0)
        return r;
    if (st.phase == FWSWAP_REVERTING && (r = run_swap(f, l, &st, buf)) < 0)
        return r;
    if (st.phase == FWSWAP_TRIAL && (r = append(f, l, &st, REC_BOOT, 0)) < 0)
        return r;
    return (int)st.phase;
}
