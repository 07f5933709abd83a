#define _POSIX_C_SOURCE 199309L
/* Stack against register dispatch on the benchmark loop `while i < n: i += 1`, both with
 * tagged small ints and computed-goto-free switch dispatch (portable C, as the MCU builds it).
 * Build: cc -O2 bench/py_dispatch.c -o /tmp/py_dispatch && /tmp/py_dispatch */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
typedef uintptr_t pv;
#define INT(i) ((pv)(((uintptr_t)(i) << 1) | 1))
#define VAL(v) ((intptr_t)(v) >> 1)
enum { S_LOAD, S_CONST, S_STORE, S_LT, S_ADD, S_JF, S_JMP, S_RET, S_LT_JF, S_ADD_FAST_K };
enum { R_LT_JF, R_ADDK, R_JMP, R_RET };

static pv run_stack(const uint8_t *code, pv *loc, const pv *k) {
    pv st[8], *sp = st; const uint8_t *ip = code;
    for (;;) switch (*ip++) {
    case S_LOAD: *sp++ = loc[*ip++]; break;
    case S_CONST: *sp++ = k[*ip++]; break;
    case S_STORE: loc[*ip++] = *--sp; break;
    case S_LT: { pv b = *--sp, a = sp[-1];
        sp[-1] = ((a & b & 1) ? VAL(a) < VAL(b) : 0) ? INT(1) : INT(0); break; }
    case S_ADD: { pv b = *--sp, a = sp[-1]; sp[-1] = (pv)(a + b - 1); break; }
    case S_JF: { uint8_t t = *ip++; if (*--sp == INT(0)) ip = code + t; break; }
    case S_JMP: ip = code + *ip; break;
    case S_RET: return loc[0];
    /* the fused forms a stack compiler can emit for the common shapes */
    case S_LT_JF: { pv b = *--sp, a = *--sp; uint8_t t = *ip++;
        if (!((a & b & 1) && VAL(a) < VAL(b))) ip = code + t;
        break; }
    case S_ADD_FAST_K: { uint8_t l = *ip++, c = *ip++; loc[l] = loc[l] + k[c] - 1; break; }
    }
}
static pv run_reg(const uint32_t *code, pv *r) {
    const uint32_t *ip = code;
    for (;;) { uint32_t i = *ip++; switch (i & 0xff) {
    case R_LT_JF: { pv a = r[(i >> 8) & 0xff], b = r[(i >> 16) & 0xff];
        if (!((a & b & 1) && VAL(a) < VAL(b))) ip = code + (i >> 24);
        break; }
    case R_ADDK: { pv a = r[(i >> 8) & 0xff], b = r[(i >> 16) & 0xff];
        r[i >> 24] = (pv)(a + b - 1); break; }
    case R_JMP: ip = code + (i >> 8); break;
    case R_RET: return r[(i >> 8) & 0xff];
    } }
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(void) {
    /* i=loc0, n=loc1; 0: LOAD 0, LOAD 1, LT, JF 17, LOAD 0, CONST 0, ADD, STORE 0, JMP 0, RET */
    static const uint8_t sc[] = { S_LOAD,0, S_LOAD,1, S_LT, S_JF,17, S_LOAD,0, S_CONST,0, S_ADD,
                                  S_STORE,0, S_JMP,0, S_RET, S_RET };
    static const uint32_t rc[] = { R_LT_JF | 0 << 8 | 1 << 16 | 3u << 24, R_ADDK | 0 << 8 | 2 << 16 | 0u << 24,
                                   R_JMP | 0 << 8, R_RET | 0 << 8 };
    /* the same loop with a fused compare-and-jump and an in-place add of a constant */
    static const uint8_t sf[] = { S_LOAD,0, S_LOAD,1, S_LT_JF,11, S_ADD_FAST_K,0,0, S_JMP,0, S_RET };
    const long n = 10000000; pv k[1] = { INT(1) };
    for (int rep = 0; rep < 3; rep++) {
        pv loc[2] = { INT(0), INT(n) }; double t = now(); pv s = run_stack(sc, loc, k); double ts = now() - t;
        pv reg[3] = { INT(0), INT(n), INT(1) }; t = now(); pv r = run_reg(rc, reg); double tr = now() - t;
        pv loc2[2] = { INT(0), INT(n) }; t = now(); pv f = run_stack(sf, loc2, k); double tf = now() - t;
        printf("n=%ld stack %.1f ms (%ld), stack fused %.1f ms (%ld), register %.1f ms (%ld)\n", n,
               ts * 1e3, (long)VAL(s), tf * 1e3, (long)VAL(f), tr * 1e3, (long)VAL(r));
    }
    return 0;
}
