/* A stream on an open file: `cmd > file`, `cmd >> file`. */
#ifndef KERNEL_STREAM_FILE_H
#define KERNEL_STREAM_FILE_H

#include "fs/vfs.h"
#include "kernel/stream.h"

/* Opens path for the stream (append: add at the end, else replace). Protected files
 * (system.conf pfiles) give ERR_PROTECTED, from the VFS. */
int stream_file_open(const char *path, int append, stream_t **out);
int stream_file_read_open(const char *path, stream_t **out);

/* Closes the file of a stream stream_file_open made, now, and returns what the close
 * returned: on flashfs a file's contents (and a new file itself) are committed by the
 * close, so this says whether what was written landed. Later writes fail with ERR_BADF.
 * 0 for any other stream. */
int stream_file_close(stream_t *s);

#endif
