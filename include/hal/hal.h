/* The only door from the portable core to the platform.
 *
 * Everything in kernel/ shell/ cmd/ fs/ net/ lib/ reaches hardware or the host operating
 * system through these headers and nothing else. A port (ports/<name>/) implements every
 * function declared here; a new board is a new folder, never an #ifdef in the core. */
#ifndef HAL_HAL_H
#define HAL_HAL_H

#include "hal/console.h"
#include "hal/time.h"
#include "hal/thread.h"
#include "hal/blockdev.h"
#include "hal/net.h"
#include "hal/board.h"
#include "hal/uart.h"
#include "hal/system.h"

#endif
