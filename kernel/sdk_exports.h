/* The symbols program modules may use: everything sdk/upyos.h declares, generated from it at
 * build time (tools/gen_sdk_exports.cmake) so that every loader resolves against one list. */
#ifndef KERNEL_SDK_EXPORTS_H
#define KERNEL_SDK_EXPORTS_H

#include <stddef.h>

#include "hal/loader.h"

extern const struct hal_symbol sdk_exports[];
extern const size_t sdk_export_count;

#endif
