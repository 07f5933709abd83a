#include "net/tls.h"

#include "kernel/config.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

void tls_ca_path(const struct tls_options *o, char *buf, size_t size)
{
    if (o && o->ca_file) {
        str_copy(buf, o->ca_file, size);
        return;
    }
    struct json *ca = config_get(TLS_CA_CONFIG_KEY);
    str_copy(buf, ca && ca->type == JSON_STRING ? ca->str : TLS_CA_DEFAULT, size);
    json_free(ca);
}

#if UPYOS_TLS

#include <stdint.h>
#include <stdlib.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "hal/system.h"
#include "hal/time.h"
#include "kernel/files.h"

/* mbedTLS allocates with the C library's calloc and free, the allocator the core uses; the
 * records' buffers (about 16 KB each way, fixed by the library's configuration) are most of a
 * connection's memory (docs/tls.md). */
struct tls {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt ca;
    sock_t *sock;
    uint64_t deadline_us;         /* of the read or handshake under way; 0: none */
    int sock_err;                 /* what the socket said, which mbedTLS only calls "failed" */
};

/* What mbedTLS hears when the socket failed; tls_error then reports t->sock_err. */
#define BIO_FAILED MBEDTLS_ERR_SSL_INTERNAL_ERROR

int tls_available(void)
{
    return 1;
}

static uint64_t deadline_after(int timeout_ms)
{
    return timeout_ms < 0 ? 0 : hal_time_us() + (uint64_t)timeout_ms * 1000 + 1;
}

static int time_left_ms(const tls_t *t)
{
    if (!t->deadline_us)
        return SOCK_FOREVER;
    uint64_t now = hal_time_us();
    return now >= t->deadline_us ? 0 : (int)((t->deadline_us - now + 999) / 1000);
}

/* The transport mbedTLS reads and writes: the socket, within the current call's deadline. */
static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    tls_t *t = ctx;
    int n = sock_recv(t->sock, buf, len, time_left_ms(t));
    if (n >= 0)
        return n;                 /* 0: the peer closed */
    t->sock_err = n;
    return BIO_FAILED;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    tls_t *t = ctx;
    int n = sock_send(t->sock, buf, len);
    if (n >= 0)
        return (int)len;
    t->sock_err = n;
    return BIO_FAILED;
}

/* The verification's result in our words: a name mismatch alone is ERR_TLS_NAME, anything
 * else (untrusted, expired, bad usage) ERR_TLS_CERT. */
static int verify_error(const tls_t *t)
{
    uint32_t flags = mbedtls_ssl_get_verify_result(&t->ssl);
    return flags == MBEDTLS_X509_BADCERT_CN_MISMATCH ? ERR_TLS_NAME : ERR_TLS_CERT;
}

static int tls_error(const tls_t *t, int ret)
{
    if (t->sock_err)
        return t->sock_err;
    switch (ret) {
    case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED:
        return verify_error(t);
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
        return ERR_NOMEM;
    case MBEDTLS_ERR_SSL_CONN_EOF:
        return ERR_CLOSED;
    default:
        return ERR_TLS;
    }
}

/* Unpredictable bytes for the generator: the HAL's entropy source, on every port. */
static int hal_entropy(void *ctx, unsigned char *buf, size_t len)
{
    (void)ctx;
    hal_random_bytes(buf, len);
    return 0;
}

static int load_ca(tls_t *t, const struct tls_options *o)
{
    char path[128];
    char *pem;
    size_t len;
    tls_ca_path(o, path, sizeof path);
    if (file_read_all(path, &pem, &len) < 0)
        return ERR_TLS_CA;
    /* PEM is parsed with its terminating NUL; a partly bad bundle keeps its good certs. */
    int r = len < TLS_CA_FILE_MAX ? mbedtls_x509_crt_parse(&t->ca, (unsigned char *)pem, len + 1)
                                  : MBEDTLS_ERR_X509_BAD_INPUT_DATA;
    free(pem);
    if (r == MBEDTLS_ERR_X509_ALLOC_FAILED)
        return ERR_NOMEM;
    return t->ca.raw.p ? 0 : ERR_TLS_CA;
}

static int configure(tls_t *t, const struct tls_options *o)
{
    static const char personal[] = "upyos-tls";
    mbedtls_ssl_config *c = &t->conf;
    if (mbedtls_ctr_drbg_seed(&t->drbg, hal_entropy, NULL, (const unsigned char *)personal,
                              sizeof personal - 1) ||
        mbedtls_ssl_config_defaults(c, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT))
        return ERR_TLS;
    mbedtls_ssl_conf_rng(c, mbedtls_ctr_drbg_random, &t->drbg);
    /* TLS 1.0 and 1.1 are deprecated (RFC 8996) */
    mbedtls_ssl_conf_min_version(c, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    if (o->insecure) {
        mbedtls_ssl_conf_authmode(c, MBEDTLS_SSL_VERIFY_NONE);
        return 0;
    }
    int r = load_ca(t, o);
    if (r == 0) {
        mbedtls_ssl_conf_authmode(c, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(c, &t->ca, NULL);
    }
    return r;
}

static int start_session(tls_t *t, const char *host, int timeout_ms)
{
    int r = mbedtls_ssl_setup(&t->ssl, &t->conf);
    if (r == 0)
        r = mbedtls_ssl_set_hostname(&t->ssl, host);   /* SNI, and the name checked */
    if (r)
        return r == MBEDTLS_ERR_SSL_ALLOC_FAILED ? ERR_NOMEM : ERR_TLS;
    mbedtls_ssl_set_bio(&t->ssl, t, bio_send, bio_recv, NULL);
    t->deadline_us = deadline_after(timeout_ms);
    r = mbedtls_ssl_handshake(&t->ssl);
    t->deadline_us = 0;
    if (r == 0)
        return 0;
    r = tls_error(t, r);
    return r == ERR_CLOSED ? ERR_TLS : r;   /* a peer that hangs up on a hello speaks no TLS */
}

static void free_contexts(tls_t *t)
{
    mbedtls_ssl_free(&t->ssl);
    mbedtls_ssl_config_free(&t->conf);
    mbedtls_ctr_drbg_free(&t->drbg);
    mbedtls_x509_crt_free(&t->ca);
    free(t);
}

int tls_connect(sock_t *s, const char *host, const struct tls_options *o, tls_t **out)
{
    tls_t *t = calloc(1, sizeof *t);
    if (!t)
        return ERR_NOMEM;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_x509_crt_init(&t->ca);
    t->sock = s;
    int r = configure(t, o);
    if (r == 0)
        r = start_session(t, host, o->timeout_ms);
    if (r < 0) {
        free_contexts(t);
        return r;
    }
    *out = t;
    return 0;
}

int tls_read(tls_t *t, void *buf, size_t len, int timeout_ms)
{
    t->sock_err = 0;
    t->deadline_us = deadline_after(timeout_ms);
    int r = mbedtls_ssl_read(&t->ssl, buf, len);
    t->deadline_us = 0;
    if (r >= 0)
        return r;
    if (r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || r == MBEDTLS_ERR_SSL_CONN_EOF)
        return 0;
    return tls_error(t, r);
}

int tls_write(tls_t *t, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    size_t done = 0;
    t->sock_err = 0;
    while (done < len) {      /* mbedTLS writes at most one record at a time */
        int r = mbedtls_ssl_write(&t->ssl, p + done, len - done);
        if (r < 0)
            return tls_error(t, r);
        done += (size_t)r;
    }
    return (int)done;
}

void tls_close(tls_t *t)
{
    if (!t)
        return;
    mbedtls_ssl_close_notify(&t->ssl);   /* a courtesy: the peer may be gone already */
    sock_close(t->sock);
    free_contexts(t);
}

sock_t *tls_socket(tls_t *t)
{
    return t->sock;
}

size_t tls_pending(tls_t *t)
{
    return mbedtls_ssl_get_bytes_avail(&t->ssl);
}

#else /* no TLS in this build: the calls exist, and say so */

int tls_available(void)
{
    return 0;
}

int tls_connect(sock_t *s, const char *host, const struct tls_options *o, tls_t **out)
{
    (void)s, (void)host, (void)o, (void)out;
    return ERR_NOTSUP;
}

int tls_read(tls_t *t, void *buf, size_t len, int timeout_ms)
{
    (void)t, (void)buf, (void)len, (void)timeout_ms;
    return ERR_NOTSUP;
}

int tls_write(tls_t *t, const void *buf, size_t len)
{
    (void)t, (void)buf, (void)len;
    return ERR_NOTSUP;
}

void tls_close(tls_t *t)
{
    (void)t;
}

sock_t *tls_socket(tls_t *t)
{
    (void)t;
    return NULL;
}

size_t tls_pending(tls_t *t)
{
    (void)t;
    return 0;
}

#endif

static int conn_tls_read(void *impl, void *buf, size_t len, int timeout_ms)
{
    return tls_read(impl, buf, len, timeout_ms);
}

static int conn_tls_write(void *impl, const void *buf, size_t len)
{
    return tls_write(impl, buf, len);
}

static void conn_tls_close(void *impl)
{
    tls_close(impl);
}

static sock_t *conn_tls_socket(void *impl)
{
    return tls_socket(impl);
}

static size_t conn_tls_pending(void *impl)
{
    return tls_pending(impl);
}

static const struct conn_ops tls_ops = { conn_tls_read, conn_tls_write, conn_tls_close,
                                         conn_tls_socket, conn_tls_pending };

struct conn tls_as_conn(tls_t *t)
{
    return (struct conn){ &tls_ops, t };
}
