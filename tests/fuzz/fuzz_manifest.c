/* libFuzzer target: release manifests (lib/manifest.h), what a server sends `upgrade`. The
 * bytes are the manifest; the check must answer without reading outside them, and a manifest
 * it accepts must read back entry by entry with exactly the count its last line says. The
 * first line of the input doubles as two versions to order. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/manifest.h"

static void order_versions(const uint8_t *data, size_t size)
{
    char a[MANIFEST_VERSION_MAX], b[MANIFEST_VERSION_MAX];
    size_t n = size < sizeof a - 1 ? size : sizeof a - 1;
    memcpy(a, data, n);
    a[n] = '\0';
    char *comma = strchr(a, ',');
    if (comma)
        *comma = '\0';
    strcpy(b, comma ? comma + 1 : "");
    int ab = manifest_version_cmp(a, b), ba = manifest_version_cmp(b, a);
    if ((ab > 0) != (ba < 0) || (ab == 0) != (ba == 0) || manifest_version_cmp(a, a) != 0)
        abort();                   /* an order: antisymmetric and reflexive */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);    /* exactly the input: no NUL after it */
    if (!text)
        return 0;
    memcpy(text, data, size);
    struct manifest_head head;
    int line;
    if (manifest_check(text, size, &head, &line) == 0) {
        struct manifest_reader r;
        struct manifest_entry e, found;
        long count = 0;
        int got;
        manifest_begin(&r, text, size);
        while ((got = manifest_next(&r, &e)) == 1) {
            if (e.path[0] != '/' || e.size < 0 || !manifest_find(text, size, e.path, &found) ||
                found.size != e.size)
                abort();
            count++;
        }
        if (got != 0 || count != head.files || !head.version[0])
            abort();
    } else if (line < 1) {
        abort();                   /* a refusal names the line */
    }
    order_versions(data, size);
    free(text);
    return 0;
}
