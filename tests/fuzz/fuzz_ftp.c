/* libFuzzer target: FTP command lines and the PORT/EPRT address parsers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/svc/ftp_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    uint32_t addr;
    uint16_t port;
    ftp_parse_port(line, &addr, &port);
    ftp_parse_eprt(line, &addr, &port);
    char *verb, *arg;
    if (ftp_split(line, &verb, &arg) == 0) {
        char out[128];
        struct vfs_stat st = { VFS_FILE, (uint32_t)size, (int64_t)size * 1000003 };
        ftp_list_line(out, sizeof out, arg, &st, 1700000000);
        ftp_facts_line(out, sizeof out, arg, &st);
    }
    free(line);
    return 0;
}
