/* Functions on hot paths that need no stack check of their own. On the Cortex-M ports every
 * function of the core checks its stack on entry (-finstrument-functions, STACK_RESERVE in
 * ports/cortex-m/sched.c), and GCC adds that check to inlined bodies as well. For a small leaf
 * (it calls nothing, its frame far below the reserve, like the C library's functions) or a
 * helper always inlined into a checked caller (whose check covers its frame), the check costs
 * more than the work: the mount's walk and the JSON reader at boot spent a tenth of their time
 * in it. Elsewhere the attribute changes nothing. */
#ifndef LIB_LEAF_H
#define LIB_LEAF_H

/* A small function that calls nothing. */
#define LEAF __attribute__((no_instrument_function))
/* The same, always inlined. */
#define INLINE_LEAF static inline __attribute__((always_inline, no_instrument_function))
/* A helper that calls others, always inlined into a function that is checked. */
#define INLINED static inline __attribute__((always_inline, no_instrument_function))

#endif
