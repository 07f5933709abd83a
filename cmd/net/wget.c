/* wget: download a URL into a file named after its last path segment (or "index"). */
#include <stdio.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "lib/str.h"
#include "net/http_client.h"

#define CHUNK 2048
#define BAR_WIDTH 30

static int on_terminal(proc_t *p)
{
    return p->out && p->out->tty && p->out->tty->terminal;
}

/* "[=====>      ]  42%  120K" on a terminal, redrawn in place; nothing elsewhere. */
static void draw_progress(proc_t *p, long long done, long long total)
{
    char size[16], bar[BAR_WIDTH + 1];
    if (!on_terminal(p))
        return;
    str_human_size((unsigned long long)done, size, sizeof size);
    if (total <= 0) {
        proc_printf(p, "\r%s", size);
        return;
    }
    int filled = (int)(done * BAR_WIDTH / total);
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '=' : i == filled ? '>' : ' ';
    bar[BAR_WIDTH] = '\0';
    proc_printf(p, "\r[%s] %3d%% %s", bar, (int)(done * 100 / total), size);
}

static int download(proc_t *p, struct http_client *c, vfs_file_t *f, long long total)
{
    char buf[CHUNK];
    long long done = 0;
    uint64_t last_draw = 0;
    int n;
    while ((n = http_client_read(c, buf, sizeof buf)) > 0) {
        int w = vfs_write(f, buf, (size_t)n);
        if (w < 0)
            return w;
        done += n;
        uint64_t now = hal_time_us();
        if (now - last_draw > 200000) {
            draw_progress(p, done, total);
            last_draw = now;
        }
    }
    if (n == 0) {
        draw_progress(p, done, total > 0 ? total : done);
        if (on_terminal(p))
            proc_puts(p, "\n");
    }
    return n < 0 ? n : (int)(done > 0x7fffffff ? 0x7fffffff : done);
}

struct wget_opts {
    const char *url, *target;
    struct tls_options tls;
};

static int parse(const struct cmd_ctx *ctx, int argc, char **argv, struct wget_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-O") && i + 1 < argc)
            o->target = argv[++i];
        else if (!strcmp(a, "--cacert") && i + 1 < argc)
            o->tls.ca_file = argv[++i];
        else if (!strcmp(a, "-k") || !strcmp(a, "--insecure") ||
                 !strcmp(a, "--no-check-certificate"))
            o->tls.insecure = 1;
        else if (a[0] == '-')
            return cmd_error(ctx, "unknown option %s", a);
        else if (!o->url)
            o->url = a;
        else
            return cmd_error(ctx, "too many arguments");
    }
    return o->url ? 0 : cmd_error(ctx, "missing URL");
}

/* Connects and checks the answer; on failure says why and returns the exit status. */
static int open_url(const struct cmd_ctx *ctx, proc_t *p, struct http_client *c,
                    const struct wget_opts *o, const struct url *u)
{
    char why[192];
    c->tls = o->tls;
    if (u->tls && o->tls.insecure)
        stream_printf(p->err, "wget: warning: not checking the server's certificate (-k)\n");
    int r = http_client_open(c, u, 10000);
    if (r < 0) {
        http_client_error_text(c, r, why, sizeof why);
        return cmd_error(ctx, "%s: %s", o->url, why);
    }
    if (c->status != 200) {
        http_client_close(c);
        return cmd_error(ctx, "%s: server answered %d", o->url, c->status);
    }
    return 0;
}

COMMAND(wget, "wget URL [-O FILE] [-k] [--cacert FILE]",
        "download a URL (http or https) into a file, with a progress bar", RAW_ARGS, 0, MANY)
{
    struct wget_opts o = { 0 };
    struct url u;
    char name[VFS_NAME_MAX + 1];
    int r = parse(ctx, argc, argv, &o);
    if (r)
        return r;
    if ((r = url_parse(o.url, &u)) < 0)
        return cmd_error(ctx, "%s: %s", o.url,
                         r == ERR_NOTSUP ? "only http:// and https:// are supported"
                                         : "not a URL");
    const char *target = o.target;
    if (!target) {
        url_file_name(u.path, name, sizeof name);
        target = name;
    }
    struct http_client c = { 0 };
    if ((r = open_url(ctx, p, &c, &o, &u)) != 0)
        return r;
    vfs_file_t *f;
    if ((r = file_open(target, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f)) < 0) {
        http_client_close(&c);
        return cmd_error(ctx, "%s: %s", target, err_str(r));
    }
    long long total = c.length;
    r = download(p, &c, f, total);
    int closed = vfs_close(f);
    http_client_close(&c);
    if (r < 0 || closed < 0)
        return cmd_error(ctx, "%s: %s", target, err_str(r < 0 ? r : closed));
    proc_printf(p, "Saved %s (%d bytes)\n", target, r);
    return 0;
}
