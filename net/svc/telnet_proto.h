/* The telnet protocol (RFC 854) without the sockets: splits received bytes into data and
 * IAC commands, answers option requests (RFC 1143's rule: only a change of state is
 * answered, so two sides never loop) and decodes window-size subnegotiation (NAWS, RFC 1073).
 * Pure code, so it can be fuzzed. */
#ifndef NET_SVC_TELNET_PROTO_H
#define NET_SVC_TELNET_PROTO_H

#include <stddef.h>
#include <stdint.h>

enum {
    TELNET_SE = 240, TELNET_NOP = 241, TELNET_DM = 242, TELNET_BRK = 243, TELNET_IP = 244,
    TELNET_AO = 245, TELNET_AYT = 246, TELNET_EC = 247, TELNET_EL = 248, TELNET_GA = 249,
    TELNET_SB = 250, TELNET_WILL = 251, TELNET_WONT = 252, TELNET_DO = 253, TELNET_DONT = 254,
    TELNET_IAC = 255,
};
enum { TELNET_OPT_ECHO = 1, TELNET_OPT_SGA = 3, TELNET_OPT_NAWS = 31 };

#define TELNET_SB_MAX 16          /* longer subnegotiations are skipped, not kept */

struct telnet_events {
    void *ctx;
    void (*data)(void *ctx, const char *buf, size_t len);
    void (*reply)(void *ctx, const uint8_t *buf, size_t len);   /* bytes to send back */
    void (*window)(void *ctx, int cols, int rows);
    void (*interrupt)(void *ctx);                               /* IAC IP */
};

struct telnet {
    uint8_t state;
    uint8_t verb;                 /* WILL/WONT/DO/DONT being read */
    uint8_t sb[TELNET_SB_MAX];
    size_t sb_len;
    uint8_t ours[32], theirs[32]; /* option bits: enabled on our side / on the client's */
};

/* Resets p and writes the server's opening offers (WILL ECHO, WILL SGA, DO NAWS) to out;
 * returns their length (out needs 9 bytes). */
size_t telnet_start(struct telnet *p, uint8_t *out);
void telnet_parse(struct telnet *p, const uint8_t *buf, size_t len, const struct telnet_events *ev);
/* Doubles IAC bytes of data for sending; returns the length written to out (2*len max). */
size_t telnet_escape(const char *buf, size_t len, uint8_t *out);

#endif
