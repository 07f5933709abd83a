/* pyrun.elf's py_io file calls on the host's files, through semihosting (pyrun_files.c). */
#ifndef MPS2_PYRUN_FILES_H
#define MPS2_PYRUN_FILES_H

#include <stddef.h>

void *pyrun_fopen(void *ctx, const char *path, const char *mode, int *err);
long pyrun_fread(void *ctx, void *h, char *buf, size_t n);
long pyrun_fwrite(void *ctx, void *h, const char *buf, size_t n);
void pyrun_fclose(void *ctx, void *h);
long pyrun_fseek(void *ctx, void *h, long off, int whence);
int pyrun_remove(void *ctx, const char *path);
int pyrun_fs(void *ctx, int op, const char *path, const char *path2, void *out);

#endif
