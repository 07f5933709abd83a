/* A RAM flash chip for tests: it enforces the flash rules a filesystem must respect and
 * can lose power in the middle of any program or erase. */
#ifndef TESTS_FLASH_MODEL_H
#define TESTS_FLASH_MODEL_H

#include <stdint.h>
#include "hal/blockdev.h"

struct flash_model {
    hal_blockdev_t dev;           /* first, so &model->dev is the device */
    uint8_t *mem;
    uint32_t *erases;             /* per block */
    uint64_t bytes_programmed, bytes_read, prog_ops, erase_ops;
    long ops_until_cut;           /* program/erase operations left before the cut; -1 never */
    int powered_off;
    unsigned violations;          /* broken flash rules; a correct filesystem leaves it 0 */
    char first_violation[160];
    uint32_t rng;
};

struct flash_model *flash_model_new(uint32_t block_size, uint32_t block_count, uint32_t prog_size);
void flash_model_free(struct flash_model *m);

/* After `ops` more programs/erases complete, the next one is torn (a program writes only
 * some of its bytes, an erase leaves the block half erased) and fails, and so does every
 * operation after it until flash_model_power_on(). */
void flash_model_cut_after(struct flash_model *m, long ops, uint32_t seed);
void flash_model_power_on(struct flash_model *m);

/* Clears counters (not contents): used to measure one phase of a test. */
void flash_model_reset_counters(struct flash_model *m);
uint32_t flash_model_max_erases(const struct flash_model *m);
double flash_model_mean_erases(const struct flash_model *m);

#endif
