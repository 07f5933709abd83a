#include "flash_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/err.h"

static struct flash_model *model_of(hal_blockdev_t *d)
{
    return d->ctx;
}

static uint32_t next_random(struct flash_model *m)
{
    m->rng ^= m->rng << 13;
    m->rng ^= m->rng >> 17;
    m->rng ^= m->rng << 5;
    return m->rng;
}

static void violation(struct flash_model *m, const char *what, uint32_t block, uint32_t off,
                      uint32_t len)
{
    if (m->violations++ == 0) {
        snprintf(m->first_violation, sizeof m->first_violation,
                 "%s: block %u offset %u length %u", what, (unsigned)block, (unsigned)off,
                 (unsigned)len);
        fprintf(stderr, "flash model: %s\n", m->first_violation);
    }
}

static int in_range(struct flash_model *m, uint32_t block, uint32_t off, uint32_t len)
{
    return block < m->dev.block_count && off <= m->dev.block_size &&
           len <= m->dev.block_size - off;
}

static uint8_t *at(struct flash_model *m, uint32_t block, uint32_t off)
{
    return m->mem + (size_t)block * m->dev.block_size + off;
}

/* 1 when this operation is the one the power cut tears. */
static int cut_now(struct flash_model *m)
{
    if (m->ops_until_cut < 0)
        return 0;
    if (m->ops_until_cut-- > 0)
        return 0;
    m->powered_off = 1;
    return 1;
}

static int model_read(hal_blockdev_t *d, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    struct flash_model *m = model_of(d);
    if (!in_range(m, block, off, len)) {
        violation(m, "read out of range", block, off, len);
        return ERR_IO;
    }
    if (m->powered_off)
        return ERR_IO;
    memcpy(buf, at(m, block, off), len);
    m->bytes_read += len;
    return 0;
}

static int model_prog(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf, uint32_t len)
{
    struct flash_model *m = model_of(d);
    if (!in_range(m, block, off, len) || off % d->prog_size || len % d->prog_size || len == 0) {
        violation(m, "unaligned or out-of-range program", block, off, len);
        return ERR_IO;
    }
    if (m->powered_off)
        return ERR_IO;
    const uint8_t *src = buf;
    uint8_t *dst = at(m, block, off);
    for (uint32_t i = 0; i < len; i++) {
        if ((uint8_t)(~dst[i] & src[i])) {
            violation(m, "program turns a 0 bit back to 1", block, off + i, len);
            return ERR_IO;
        }
    }
    if (cut_now(m)) {
        /* torn: a random prefix lands, or a random scatter of bytes does */
        uint32_t mode = next_random(m) % 2, keep = next_random(m) % len;
        for (uint32_t i = 0; i < len; i++)
            if (mode ? i < keep : next_random(m) % 2)
                dst[i] &= src[i];
        return ERR_IO;
    }
    for (uint32_t i = 0; i < len; i++)
        dst[i] &= src[i];
    m->bytes_programmed += len;
    m->prog_ops++;
    return 0;
}

static int model_erase(hal_blockdev_t *d, uint32_t block)
{
    struct flash_model *m = model_of(d);
    if (block >= d->block_count) {
        violation(m, "erase out of range", block, 0, 0);
        return ERR_IO;
    }
    if (m->powered_off)
        return ERR_IO;
    uint8_t *p = at(m, block, 0);
    if (cut_now(m)) {
        uint32_t done = next_random(m) % d->block_size;
        memset(p, 0xFF, done);
        for (uint32_t i = done; i < d->block_size; i += 1 + next_random(m) % 64)
            p[i] = (uint8_t)next_random(m);
        return ERR_IO;
    }
    memset(p, 0xFF, d->block_size);
    m->erases[block]++;
    m->erase_ops++;
    return 0;
}

static int model_sync(hal_blockdev_t *d)
{
    return model_of(d)->powered_off ? ERR_IO : 0;
}

struct flash_model *flash_model_new(uint32_t block_size, uint32_t block_count, uint32_t prog_size)
{
    struct flash_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->mem = malloc((size_t)block_size * block_count);
    m->erases = calloc(block_count, sizeof *m->erases);
    if (!m->mem || !m->erases) {
        flash_model_free(m);
        return NULL;
    }
    memset(m->mem, 0xFF, (size_t)block_size * block_count);
    m->dev = (hal_blockdev_t){ block_size, block_count, prog_size, model_read, model_prog,
                               model_erase, model_sync, m };
    m->ops_until_cut = -1;
    m->rng = 0x12345678u;
    return m;
}

void flash_model_free(struct flash_model *m)
{
    if (!m)
        return;
    free(m->mem);
    free(m->erases);
    free(m);
}

void flash_model_cut_after(struct flash_model *m, long ops, uint32_t seed)
{
    m->ops_until_cut = ops;
    m->rng = seed ? seed : 1u;
}

void flash_model_power_on(struct flash_model *m)
{
    m->ops_until_cut = -1;
    m->powered_off = 0;
}

void flash_model_reset_counters(struct flash_model *m)
{
    m->bytes_programmed = m->bytes_read = m->prog_ops = m->erase_ops = 0;
    memset(m->erases, 0, m->dev.block_count * sizeof *m->erases);
}

uint32_t flash_model_max_erases(const struct flash_model *m)
{
    uint32_t max = 0;
    for (uint32_t b = 0; b < m->dev.block_count; b++)
        if (m->erases[b] > max)
            max = m->erases[b];
    return max;
}

double flash_model_mean_erases(const struct flash_model *m)
{
    double total = 0;
    for (uint32_t b = 0; b < m->dev.block_count; b++)
        total += m->erases[b];
    return total / m->dev.block_count;
}
