/* What the posix port's files share. */
#ifndef POSIX_PORT_H
#define POSIX_PORT_H

void posix_console_init(void);
void posix_console_restore(void);
void posix_board_init(void);
/* The host directory hostfs serves as "/". */
extern const struct vfs_ops hostfs_ops;
void *hostfs_new(const char *host_dir);

#endif
