/* The JSON API under /api/ (see docs/services.md): login, status, commands, files, GPIO,
 * the display.
 * The routes are a table; every route but login needs a session once a password is set.
 * File paths are cleaned by the VFS (never above "/"); protected files cannot be changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/board.h"
#include "hal/system.h"
#include "hal/time.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "net/login.h"
#include "net/svc/httpd.h"
#include "shell/session.h"
#include "shell/shell.h"

#define OUTPUT_LIMIT 65536
#define FILE_CHUNK 2048

struct api_route {
    const char *method, *path;
    int open;                     /* reachable without a session */
    void (*run)(struct http_conn *c, struct json *body);
};

static struct json *object(void)
{
    return json_new(JSON_OBJECT);
}

/* {"ok":true}, with extra header lines (or NULL). */
static void send_ok_with(struct http_conn *c, const char *extra)
{
    static const char ok[] = "{\"ok\":true}";
    http_send(c, 200, "application/json", ok, sizeof ok - 1, extra);
}

static void send_ok(struct http_conn *c)
{
    send_ok_with(c, NULL);
}

static int status_for(int err)
{
    return err == ERR_NOENT || err == ERR_NOTDIR ? 404 :
           err == ERR_PERM || err == ERR_PROTECTED ? 403 :
           err == ERR_EXIST || err == ERR_NOTEMPTY || err == ERR_ISDIR ? 409 :
           err == ERR_INVAL || err == ERR_NAMETOOLONG || err == ERR_BADNAME ? 400 : 500;
}

static void send_err(struct http_conn *c, int err)
{
    http_send_json_error(c, status_for(err), err_str(err));
}

/* A path argument from the query (?path=) or the JSON body, made absolute and clean. */
static int path_arg(struct http_conn *c, struct json *body, const char *name, char *out)
{
    char raw[VFS_PATH_MAX];
    const char *text = NULL;
    if (http_query_param(c->req.query, name, raw, sizeof raw) >= 0)
        text = raw;
    else if (body)
        text = json_get_str(body, name, NULL);
    if (!text || !text[0])
        return ERR_INVAL;
    return vfs_resolve("/", text, out, VFS_PATH_MAX);
}

/* ---- login ---- */

static void api_login(struct http_conn *c, struct json *body)
{
    char token[HTTP_TOKEN_LEN + 1], cookie[128];
    if (login_required()) {
        const char *user = json_get_str(body, "user", ""), *pass = json_get_str(body, "password", "");
        int ok = login_attempt(c->peer, user, pass);
        if (ok == 0)
            http_send_json_error(c, 401, "login incorrect");
        else if (ok == ERR_TIMEOUT)
            http_send_json_error(c, 503, "too many logins at once, try later");
        if (ok <= 0)
            return;               /* ERR_INTR: the server is stopping */
    }
    if (http_session_new(token) < 0) {
        http_send_json_error(c, 500, "out of memory");
        return;
    }
    snprintf(cookie, sizeof cookie,
             "Set-Cookie: session=%s; HttpOnly; SameSite=Strict; Path=/\r\n", token);
    struct json *j = object();
    if (j)
        json_add(j, "user", json_new_str(json_get_str(body, "user", "")));
    http_send_json(c, 200, j, cookie);
}

static void api_logout(struct http_conn *c, struct json *body)
{
    http_session_drop(c->req.token);
    send_ok_with(c, "Set-Cookie: session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0\r\n");
}

/* ---- system ---- */

static void add_num(struct json *j, const char *key, double n)
{
    json_add(j, key, json_new_num(n));
}

static void api_status(struct http_conn *c, struct json *body)
{
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    struct json *j = object();
    if (!j) {
        http_send_error(c, 500);
        return;
    }
    json_add(j, "name", json_new_str(sysdata.name));
    json_add(j, "version", json_new_str(sysdata.version));
    json_add(j, "platform", json_new_str(sysdata.platform));
    json_add(j, "board", json_new_str(sysdata.board));
    add_num(j, "uptime", (double)((hal_time_us() - sysdata.boot_us) / 1000000));
    add_num(j, "time", (double)hal_rtc_get());
    add_num(j, "mem_total", (double)m.heap_total);
    add_num(j, "mem_used", (double)m.heap_used);
    add_num(j, "mem_free", (double)(m.heap_total > m.heap_used ? m.heap_total - m.heap_used : 0));
    proc_lock();
    add_num(j, "processes", proc_count());
    proc_unlock();
    json_add(j, "login", json_new_str(login_required() ? "required" : "none"));
    http_send_json(c, 200, j, NULL);
}

static void api_reset(struct http_conn *c, struct json *body)
{
    send_ok(c);
    shutdown_request(1);
}

/* ---- commands ---- */

/* Runs one shell line as a process of its own whose output is captured. */
static void api_cmd_run(struct http_conn *c, struct json *body)
{
    const char *line = json_get_str(body, "cmd", NULL);
    if (!line || strlen(line) >= SHELL_LINE_MAX) {
        http_send_json_error(c, 400, "cmd missing or too long");
        return;
    }
    stream_t *out = stream_capture(OUTPUT_LIMIT);
    proc_t *job = out ? shell_start(line, NULL, NULL, stream_null(), out, stream_ref(out)) : NULL;
    if (!job) {                           /* shell_start released the streams */
        http_send_json_error(c, 503, "out of memory or processes");
        return;
    }
    http_session_set_command(c->req.token, job->pid);
    int status = shell_run(job, line);
    http_session_set_command(c->req.token, 0);
    struct json *j = object();
    if (j) {
        json_add(j, "output", json_new_str(stream_capture_text(out, NULL)));
        json_add(j, "status", json_new_num(status));
    }
    shell_end(job);
    http_send_json(c, 200, j, NULL);
}

static void api_cmd_interrupt(struct http_conn *c, struct json *body)
{
    int pid = http_session_command(c->req.token);
    if (!pid) {
        http_send_json_error(c, 409, "no command is running");
        return;
    }
    proc_kill(pid);
    send_ok(c);
}

/* ---- files ---- */

static void api_fs_list(struct http_conn *c, struct json *body)
{
    char path[VFS_PATH_MAX];
    vfs_dir_t *d;
    int r = path_arg(c, body, "path", path);
    if (r == ERR_INVAL)
        r = vfs_resolve("/", "/", path, sizeof path);
    if (r == 0)
        r = file_opendir(path, &d);
    if (r < 0) {
        send_err(c, r);
        return;
    }
    struct json *j = object(), *entries = json_new(JSON_ARRAY);
    struct vfs_dirent e;
    while (j && entries && vfs_readdir(d, &e) > 0) {
        struct json *item = object();
        if (!item)
            break;
        json_add(item, "name", json_new_str(e.name));
        json_add(item, "type", json_new_str(e.type == VFS_DIR ? "dir" : "file"));
        add_num(item, "size", e.size);
        json_add(entries, NULL, item);
    }
    vfs_closedir(d);
    if (j) {
        json_add(j, "path", json_new_str(path));
        json_add(j, "entries", entries);
    } else {
        json_free(entries);
    }
    http_send_json(c, 200, j, NULL);
}

static void send_file(struct http_conn *c, struct json *body, const char *type, int attachment)
{
    char path[VFS_PATH_MAX], extra[HTTP_ATTACHMENT_HEADER_MAX];
    struct vfs_stat st;
    int r = path_arg(c, body, "path", path);
    if (r == 0)
        r = file_stat(path, &st);
    if (r == 0 && st.type == VFS_DIR)
        r = ERR_ISDIR;
    if (r < 0) {
        send_err(c, r);
        return;
    }
    if (attachment && http_attachment_header(vfs_basename(path), extra, sizeof extra) < 0)
        attachment = 0;           /* cannot happen: names are at most VFS_NAME_MAX */
    http_send_file(c, path, &st, type, attachment ? extra : NULL);
}

static void api_fs_read(struct http_conn *c, struct json *body)
{
    send_file(c, body, "text/plain; charset=utf-8", 0);
}

static void api_fs_download(struct http_conn *c, struct json *body)
{
    send_file(c, body, "application/octet-stream", 1);
}

static int read_body(void *c, void *buf, size_t len)
{
    return http_read_body(c, buf, len);
}

static int read_first_part(void *m, void *buf, size_t len)
{
    return multipart_read(m, buf, len);
}

static int copy_to_file(multipart_source next, void *from, vfs_file_t *f)
{
    char buf[FILE_CHUNK];
    int n, r;
    while ((n = next(from, buf, sizeof buf)) > 0)
        if ((r = vfs_write(f, buf, (size_t)n)) < 0)
            return r;
    return n;
}

/* Streams the request body into a file opened for writing, and closes it: the body itself,
 * or the first part of a multipart/form-data body (curl -F, an HTML form). 0 or an ERR_*. */
static int body_to_file(struct http_conn *c, vfs_file_t *f)
{
    struct multipart *form = NULL;
    int r;
    if (!c->req.boundary[0])
        r = copy_to_file(read_body, c, f);
    else if (!(form = malloc(sizeof *form)))
        r = ERR_NOMEM;
    else if ((r = multipart_begin(form, c->req.boundary, read_body, c)) == 0)
        r = copy_to_file(read_first_part, form, f);
    free(form);
    int closed = vfs_close(f);
    return r < 0 ? r : closed;
}

/* The request body replaces the file all or nothing (vfs_replace_open): an upload cut off
 * half way, or out of space, loses nothing. */
static void api_fs_write(struct http_conn *c, struct json *body)
{
    char path[VFS_PATH_MAX], part[VFS_PATH_MAX];
    vfs_file_t *f;
    int opened = 0, r = path_arg(c, NULL, "path", path);
    if (r == 0)
        opened = (r = file_replace_open(path, part, sizeof part, &f)) == 0;
    if (opened)
        r = file_replace_commit(part, path, body_to_file(c, f));
    if (r < 0) {
        send_err(c, r);
        return;
    }
    send_ok(c);
}

static void api_fs_delete(struct http_conn *c, struct json *body)
{
    char path[VFS_PATH_MAX];
    int r = path_arg(c, body, "path", path);
    if (r == 0 && !strcmp(path, "/"))
        r = ERR_PERM;
    if (r == 0)
        r = file_is_dir(path) ? file_rmdir(path) : file_unlink(path);
    if (r < 0)
        send_err(c, r);
    else
        send_ok(c);
}

static void api_fs_rename(struct http_conn *c, struct json *body)
{
    char from[VFS_PATH_MAX], to[VFS_PATH_MAX];
    int r = path_arg(c, body, "from", from);
    if (r == ERR_INVAL)
        r = path_arg(c, body, "path", from);
    if (r == 0)
        r = path_arg(c, body, "to", to);
    if (r == 0)
        r = file_rename(from, to);
    if (r < 0)
        send_err(c, r);
    else
        send_ok(c);
}

static void api_fs_mkdir(struct http_conn *c, struct json *body)
{
    char path[VFS_PATH_MAX];
    int r = path_arg(c, body, "path", path);
    if (r == 0)
        r = file_mkdir(path);
    if (r < 0)
        send_err(c, r);
    else
        send_ok(c);
}

/* ---- GPIO ---- */

static void api_gpio_status(struct http_conn *c, struct json *body)
{
    struct json *j = object(), *pins = json_new(JSON_ARRAY);
    for (int pin = 0; j && pins && pin < hal_gpio_count(); pin++) {
        int v = hal_gpio_read(pin);
        struct json *item = object();
        if (v < 0 || !item) {
            json_free(item);
            continue;
        }
        add_num(item, "pin", pin);
        add_num(item, "val", v);
        json_add(pins, NULL, item);
    }
    if (j)
        json_add(j, "pins", pins);
    else
        json_free(pins);
    http_send_json(c, 200, j, NULL);
}

static void api_gpio_set(struct http_conn *c, struct json *body)
{
    struct json *pin = json_get(body, "pin"), *val = json_get(body, "val");
    int value = val && val->type == JSON_BOOL ? val->boolean :
                val && val->type == JSON_NUMBER ? val->num != 0 : -1;
    if (!pin || pin->type != JSON_NUMBER || value < 0 || pin->num < 0 ||
        pin->num >= hal_gpio_count()) {
        http_send_json_error(c, 400, "pin and val (0 or 1) needed");
        return;
    }
    int r = hal_gpio_mode((int)pin->num, HAL_PIN_OUTPUT);
    if (r == 0)
        r = hal_gpio_write((int)pin->num, value);
    if (r < 0)
        send_err(c, r);
    else
        send_ok(c);
}

/* ---- the board's display ---- */

/* {"width", "height", "rows"}: the picture as hal_display_read gives it, rows in hex. */
static void api_display(struct http_conn *c, struct json *body)
{
    enum { MAX_BYTES = 128 * 64 / 8 };
    uint8_t *rows = malloc(MAX_BYTES);
    char *hex = malloc(2 * MAX_BYTES + 1);
    int width = 0, height = 0;
    int r = rows && hex ? hal_display_read(rows, MAX_BYTES, &width, &height) : ERR_NOMEM;
    struct json *j = r < 0 ? NULL : object();
    if (r == ERR_NODEV)
        http_send_json_error(c, 404, "no display on this board");
    else if (!j)
        http_send_error(c, 500);
    else {
        for (int i = 0; i < width * height / 8; i++)
            snprintf(hex + 2 * i, 3, "%02x", rows[i]);
        hex[width * height / 8 * 2] = '\0';
        add_num(j, "width", width);
        add_num(j, "height", height);
        json_add(j, "rows", json_new_str(hex));
        http_send_json(c, 200, j, NULL);
    }
    free(rows);
    free(hex);
}

static const struct api_route routes[] = {
    { "POST", "/api/login", 1, api_login },
    { "GET", "/api/logout", 1, api_logout },
    { "GET", "/api/status", 0, api_status },
    { "POST", "/api/system/reset", 0, api_reset },
    { "POST", "/api/cmd/run", 0, api_cmd_run },
    { "POST", "/api/cmd/interrupt", 0, api_cmd_interrupt },
    { "POST", "/api/fs/list", 0, api_fs_list },
    { "GET", "/api/fs/list", 0, api_fs_list },
    { "GET", "/api/fs/read", 0, api_fs_read },
    { "POST", "/api/fs/write", 0, api_fs_write },
    { "GET", "/api/fs/download", 0, api_fs_download },
    { "POST", "/api/fs/upload", 0, api_fs_write },
    { "POST", "/api/fs/delete", 0, api_fs_delete },
    { "POST", "/api/fs/rename", 0, api_fs_rename },
    { "POST", "/api/fs/mkdir", 0, api_fs_mkdir },
    { "GET", "/api/gpio/status", 0, api_gpio_status },
    { "POST", "/api/gpio/set", 0, api_gpio_set },
    { "GET", "/api/display", 0, api_display },
};

/* Routes whose body is a file rather than JSON. */
static int streams_body(const struct api_route *r)
{
    return r->run == api_fs_write;
}

static const struct api_route *find_route(const char *path, const char *method, int *path_known)
{
    *path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, path))
            continue;
        *path_known = 1;
        if (!strcmp(routes[i].method, method))
            return &routes[i];
    }
    return NULL;
}

void http_serve_api(struct http_conn *c)
{
    int known;
    const struct api_route *route = find_route(c->req.path, c->req.method, &known);
    if (!route) {
        http_send_json_error(c, known ? 405 : 404, known ? "method not allowed" : "no such API");
        return;
    }
    /* A page on another site may make a browser send requests here (with no password set,
     * or with the session cookie): the browser says where from in Origin. */
    if (!http_same_origin(&c->req)) {
        http_send_json_error(c, 403, "cross-origin request refused");
        return;
    }
    if (!route->open && !http_authorized(c)) {
        http_send_json_error(c, 401, "login required");
        return;
    }
    /* A JSON content type is one a cross-site form or a no-CORS fetch cannot send. */
    if (!streams_body(route) && (http_has_body(c) || c->req.has_type) && !c->req.type_json) {
        http_send_json_error(c, 415, "Content-Type must be application/json");
        return;
    }
    struct json *body = NULL;
    if (!streams_body(route) && http_has_body(c)) {
        int status = 0;
        char err[64];
        char *text = http_read_body_text(c, HTTP_BODY_MAX, &status);
        if (!text) {
            http_send_json_error(c, status, status == 413 ? "body too large" : "bad body");
            return;
        }
        body = json_parse(text, err, sizeof err);
        free(text);
        if (!body || body->type != JSON_OBJECT) {
            json_free(body);
            http_send_json_error(c, 400, "body is not a JSON object");
            return;
        }
    }
    route->run(c, body);
    json_free(body);
}
