/* Sockets on posix: the host's BSD sockets, IPv4. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hal/net.h"
#include "lib/err.h"

static int map_errno(int e)
{
    switch (e) {
    case ECONNREFUSED: return ERR_CONNREFUSED;
    case ETIMEDOUT: return ERR_TIMEOUT;
    case EADDRINUSE: return ERR_BUSY;
    case EACCES: case EPERM: return ERR_PERM;
    case EPIPE: case ECONNRESET: return ERR_CLOSED;
    case EMFILE: case ENFILE: return ERR_MFILE;
    case ENOMEM: case ENOBUFS: return ERR_NOMEM;
    case EAGAIN: return ERR_AGAIN;
    default: return ERR_IO;
    }
}

static struct sockaddr_in address(uint32_t addr, uint16_t port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(addr);
    a.sin_port = htons(port);
    return a;
}

/* 1 when s is ready for the events within timeout_ms, 0 on time-out, <0 on error. */
static int wait_ready(int s, short events, int timeout_ms)
{
    struct pollfd p = { s, events, 0 };
    int r;
    while ((r = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR)
        ;
    return r < 0 ? map_errno(errno) : r;
}

int hal_net_available(void)
{
    return 1;
}

int hal_sock_open(enum hal_sock_type type)
{
    int s = socket(AF_INET, type == HAL_SOCK_TCP ? SOCK_STREAM : SOCK_DGRAM, 0);
    if (s < 0)
        return map_errno(errno);
    fcntl(s, F_SETFD, FD_CLOEXEC);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (type == HAL_SOCK_TCP)
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return s;
}

int hal_sock_bind(int s, uint32_t addr, uint16_t port)
{
    struct sockaddr_in a = address(addr, port);
    return bind(s, (struct sockaddr *)&a, sizeof a) < 0 ? map_errno(errno) : 0;
}

int hal_sock_listen(int s, int backlog)
{
    return listen(s, backlog) < 0 ? map_errno(errno) : 0;
}

int hal_sock_accept(int s, uint32_t *peer_addr, uint16_t *peer_port, int timeout_ms)
{
    int r = wait_ready(s, POLLIN, timeout_ms);
    if (r <= 0)
        return r == 0 ? ERR_TIMEOUT : r;
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int c = accept(s, (struct sockaddr *)&a, &len);
    if (c < 0)
        return map_errno(errno);
    fcntl(c, F_SETFD, FD_CLOEXEC);
    int one = 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (peer_addr)
        *peer_addr = ntohl(a.sin_addr.s_addr);
    if (peer_port)
        *peer_port = ntohs(a.sin_port);
    return c;
}

int hal_sock_connect(int s, uint32_t addr, uint16_t port, int timeout_ms)
{
    struct sockaddr_in a = address(addr, port);
    int flags = fcntl(s, F_GETFL);
    fcntl(s, F_SETFL, flags | O_NONBLOCK);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    if (r < 0 && errno == EISCONN)          /* an earlier attempt that timed out got through */
        r = 0;
    if (r < 0 && (errno == EINPROGRESS || errno == EALREADY)) {
        r = wait_ready(s, POLLOUT, timeout_ms);
        if (r == 0) {
            fcntl(s, F_SETFL, flags);
            return ERR_TIMEOUT;
        }
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
        r = err ? -1 : 0;
        errno = err;
    }
    fcntl(s, F_SETFL, flags);
    return r < 0 ? map_errno(errno) : 0;
}

int hal_sock_send(int s, const void *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = send(s, (const char *)buf + done, len - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return map_errno(errno);
        done += (size_t)n;
    }
    return (int)done;
}

/* What is already there is taken at once; poll only when nothing is: in a bulk transfer the
 * data is nearly always waiting, and the poll was a system call per chunk for nothing. */
int hal_sock_recv(int s, void *buf, size_t len, int timeout_ms)
{
    ssize_t n = recv(s, buf, len, MSG_DONTWAIT);
    if (n >= 0)
        return (int)n;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        return map_errno(errno);
    int r = wait_ready(s, POLLIN, timeout_ms);
    if (r <= 0)
        return r == 0 ? ERR_TIMEOUT : r;
    n = recv(s, buf, len, 0);
    return n < 0 ? map_errno(errno) : (int)n;
}

int hal_sock_sendto(int s, const void *buf, size_t len, uint32_t addr, uint16_t port)
{
    struct sockaddr_in a = address(addr, port);
    ssize_t n = sendto(s, buf, len, 0, (struct sockaddr *)&a, sizeof a);
    return n < 0 ? map_errno(errno) : (int)n;
}

int hal_sock_recvfrom(int s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                      int timeout_ms)
{
    int r = wait_ready(s, POLLIN, timeout_ms);
    if (r <= 0)
        return r == 0 ? ERR_TIMEOUT : r;
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    ssize_t n = recvfrom(s, buf, len, 0, (struct sockaddr *)&a, &alen);
    if (n < 0)
        return map_errno(errno);
    if (addr)
        *addr = ntohl(a.sin_addr.s_addr);
    if (port)
        *port = ntohs(a.sin_port);
    return (int)n;
}

int hal_sock_local(int s, uint32_t *addr, uint16_t *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    if (getsockname(s, (struct sockaddr *)&a, &len) < 0)
        return map_errno(errno);
    if (addr)
        *addr = ntohl(a.sin_addr.s_addr);
    if (port)
        *port = ntohs(a.sin_port);
    return 0;
}

int hal_sock_close(int s)
{
    return close(s) < 0 ? map_errno(errno) : 0;
}

int hal_sock_poll(struct hal_sock_ready *set, size_t n, int timeout_ms)
{
    struct pollfd p[HAL_SOCK_POLL_MAX];
    if (n > HAL_SOCK_POLL_MAX)
        return ERR_INVAL;
    for (size_t i = 0; i < n; i++)
        p[i] = (struct pollfd){ set[i].sock, (short)((set[i].events & HAL_POLL_IN ? POLLIN : 0) |
                                                     (set[i].events & HAL_POLL_OUT ? POLLOUT : 0)), 0 };
    int r;
    while ((r = poll(p, n, timeout_ms)) < 0 && errno == EINTR)
        ;
    if (r < 0)
        return map_errno(errno);
    for (size_t i = 0; i < n; i++) {
        short e = p[i].revents;
        set[i].revents = (short)((e & POLLIN ? HAL_POLL_IN : 0) | (e & POLLOUT ? HAL_POLL_OUT : 0) |
                                 (e & (POLLERR | POLLNVAL) ? HAL_POLL_ERR : 0) |
                                 (e & POLLHUP ? HAL_POLL_HUP : 0));
    }
    return r;
}

int hal_net_resolve(const char *host, uint32_t *addr)
{
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res)
        return ERR_NOTFOUND_HOST;
    *addr = ntohl(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr);
    freeaddrinfo(res);
    return 0;
}

/* The host's IPv4 interfaces, with the default gateway and first name server. */
static uint32_t default_gateway(void)
{
    FILE *f = fopen("/proc/net/route", "r");
    char line[256];
    unsigned dest, gw, flags;
    uint32_t found = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%*s %x %x %x", &dest, &gw, &flags) == 3 && dest == 0 && (flags & 2))
            found = ntohl(gw);
    if (f)
        fclose(f);
    return found;
}

static uint32_t first_dns(void)
{
    FILE *f = fopen("/etc/resolv.conf", "r");
    char line[256], text[64];
    uint32_t found = 0;
    struct in_addr a;
    while (f && !found && fgets(line, sizeof line, f))
        if (sscanf(line, "nameserver %63s", text) == 1 && inet_pton(AF_INET, text, &a) == 1)
            found = ntohl(a.s_addr);
    if (f)
        fclose(f);
    return found;
}

static void read_mac(const char *name, uint8_t mac[6])
{
    char path[96];
    unsigned m[6] = { 0 };
    snprintf(path, sizeof path, "/sys/class/net/%s/address", name);
    FILE *f = fopen(path, "r");
    if (f && fscanf(f, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) == 6)
        for (int i = 0; i < 6; i++)
            mac[i] = (uint8_t)m[i];
    if (f)
        fclose(f);
}

int hal_net_interface(int index, struct hal_net_if *out)
{
    struct ifaddrs *all, *i;
    if (getifaddrs(&all) < 0)
        return ERR_IO;
    int n = 0, r = ERR_NOENT;
    for (i = all; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || n++ != index)
            continue;
        memset(out, 0, sizeof *out);
        snprintf(out->name, sizeof out->name, "%s", i->ifa_name);
        out->addr = ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr);
        if (i->ifa_netmask)
            out->netmask = ntohl(((struct sockaddr_in *)i->ifa_netmask)->sin_addr.s_addr);
        out->up = (i->ifa_flags & IFF_UP) != 0;
        if (!(i->ifa_flags & IFF_LOOPBACK)) {
            out->gateway = default_gateway();
            out->dns = first_dns();
            read_mac(i->ifa_name, out->mac);
        }
        r = 0;
        break;
    }
    freeifaddrs(all);
    return r;
}
