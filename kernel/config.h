/* /etc/system.conf: the system's settings, a JSON object with the keys
 *   ver    version that wrote it
 *   board  path of the board file
 *   pfiles protected files: the VFS refuses every change to them and to the directories
 *          above them (config_guard is its guard), whoever asks
 *   auth   {"user": ..., "paswd": ...} the login for remote services (a salted hash)
 *   env    variables set at every boot, e.g. {"TZ": 1}
 *   login_grace  seconds a remote client has to log in before its connection is closed
 *          (default CONFIG_LOGIN_GRACE_S; 0: no limit), as sshd's LoginGraceTime
 *   fscache bytes of the flash root's metadata cache (default: the port's), read when the
 *          root is mounted (kernel/fscache.h)
 *   pyheap bytes of a Python program's memory cap, and of a session's `<`/`>` lines
 *          (default: the port's UPYOS_PY_HEAP; shell/python.c, docs/python.md)
 *   ca     the PEM file of CA certificates that TLS connections verify servers with
 *          (default /etc/ca.pem; net/tls.h, docs/tls.md)
 *   mqttd  fleet control through a broker (net/svc/mqttd.c, docs/mqtt.md): {"host", "port"
 *          (1883, or 8883 with "tls": true), "user", "password", "ca", "key" (the fleet's
 *          HMAC key, up to 127 characters; without one no command runs), "groups": [names], "telemetry" (seconds
 *          between reports, default 60, 0: none), "window" (seconds a request's ts may be off,
 *          default 60)}
 * Keys it does not know are kept when it is saved. */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#include <stddef.h>

#include "kernel/stream.h"

#define CONFIG_PATH "/etc/system.conf"
#define CONFIG_LOGIN_GRACE_S 60

struct json;

/* Loads the file, creating it with defaults (and saying so on out) when missing. Sets the
 * variables of "env". Returns 0 or a negative ERR_* (the defaults are in force then). */
int config_load(const char *path, stream_t *out);
int config_save(void);
/* A tree of the setting key (NULL when it is not set); the caller frees it with json_free. */
struct json *config_get(const char *key);
/* Changes the settings: change(root, ctx) on a tree of them all, kept when it returns 0
 * (else its negative ERR_* is returned). One change at a time; save after. */
int config_update(int (*change)(struct json *root, void *ctx), void *ctx);
/* The board file's path ("board"). */
void config_board_path(char *buf, size_t size);
/* A size setting of system.conf: its number when it lies in [min, max), else fallback. */
size_t config_size(const char *key, size_t min, size_t max, size_t fallback);
/* The login grace time in milliseconds; 0: no limit. */
long config_login_grace_ms(void);
/* 1 when abs_path is listed in pfiles. */
int config_is_protected(const char *abs_path);
/* The VFS change guard: VFS_GUARD_FILE for a path in pfiles, VFS_GUARD_ABOVE for a directory
 * above one, else 0. */
int config_guard(const char *abs);

#endif
