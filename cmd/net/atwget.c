/* atwget: download a URL into a file through the modem's own HTTP client (net/at_http.h),
 * not through the socket driver: for a modem that speaks HTTP itself. The size comes first
 * (AT+HTTPGETSIZE: a 404 or a dead server fails before any file is made), then the body
 * (AT+HTTPCGET) goes to the file chunk by chunk; a cut or short body leaves no file. */
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "net/at_http.h"
#include "net/http_client.h"

COMMAND(atwget, "atwget URL [FILE]\n"
        "  FILE: the URL's last segment by default; a failed or short download leaves none",
        "download a URL into a file through the modem's HTTP client (AT+HTTPCGET)",
        RAW_ARGS, 1, 2)
{
    struct url u;
    char name[VFS_NAME_MAX + 1];
    const char *url = argv[1];
    int r = url_parse(url, &u);
    if (r < 0 || strncmp(url, "http", 4))
        return cmd_error(ctx, "%s: %s", url,
                         r == ERR_NOTSUP ? "only http:// and https:// are supported"
                                         : "not a URL (http://HOST[:PORT]/PATH)");
    const char *target = argc > 2 ? argv[2] : name;
    url_file_name(u.path, name, sizeof name);
    struct at_http_request req = { .url = url };
    long size;
    enum at_status st = at_http_size(&req, &size);
    if (st == AT_STATUS_OK)
        st = at_http_save(&req, target, size > 0 ? size : -1, at_http_get);
    if (st == AT_STATUS_STOPPED)
        return 130;
    if (st != AT_STATUS_OK)
        return cmd_error(ctx, "%s: %s", url, req.why);
    proc_printf(p, "Saved %s (%lld bytes)\n", target, req.received);
    return 0;
}
