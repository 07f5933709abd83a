/* A bounded in-memory pipe: `a | b`. The writer waits while it is full, the reader while it is
 * empty; when either end is gone the other sees end of input or ERR_CLOSED. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include "kernel/stream.h"

#define PIPE_SIZE 512

/* Makes the two ends; each holds one reference. Returns 0 or ERR_NOMEM. */
int pipe_new(stream_t **read_end, stream_t **write_end);

#endif
