/* The console terminal: a tty fed by the HAL console through a small pump thread. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "kernel/tty.h"

/* Starts the pump; returns the console's tty (NULL when out of memory). */
struct tty *console_start(void);

#endif
