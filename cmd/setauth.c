/* setauth: the login of the remote services. The password is stored as a salted, iterated
 * hash (kernel/auth.h), never as text. */
#include <string.h>

#include "kernel/auth.h"
#include "kernel/command.h"
#include "lib/err.h"

COMMAND(setauth, "setauth USER PASSWORD PASSWORD\nsetauth -v\nsetauth -d",
        "set the user and password of telnet, FTP and HTTP (twice, to confirm); -v show the "
        "user, -d remove the login",
        RAW_ARGS, 0, MANY)
{
    if (argc == 2 && strcmp(argv[1], "-v") == 0) {
        char user[64];
        auth_user(user, sizeof user);
        proc_printf(p, auth_enabled() ? "User: %s\n" : "No login is set%s\n", user);
        proc_set_result(p, value_str(user));
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "-d") == 0) {
        int r = auth_disable();
        if (r < 0)
            return cmd_error(ctx, "%s", err_str(r));
        proc_puts(p, "Login removed: the services no longer ask for one\n");
        return 0;
    }
    if (argc != 4)
        return cmd_error(ctx, "expected USER PASSWORD PASSWORD, -v or -d");
    if (strcmp(argv[2], argv[3]) != 0)
        return cmd_error(ctx, "the passwords differ");
    if (!argv[1][0] || strlen(argv[1]) > 32 || strpbrk(argv[1], " :\"\\"))
        return cmd_error(ctx, "%s: not a valid user name", argv[1]);
    if (strlen(argv[2]) < 4 || strlen(argv[2]) > 128)
        return cmd_error(ctx, "the password needs 4 to 128 characters");
    int r = auth_set(argv[1], argv[2]);
    if (r < 0)
        return cmd_error(ctx, "%s", err_str(r));
    proc_printf(p, "Login set for %s\n", argv[1]);
    return 0;
}
