/* Cooperative tasks on an event loop: the TASK_ macros. They are one header of their own so the
 * kernel (kernel/evloop.h, which explains them) and loadable modules (sdk/upyos.h, which must
 * stand alone) share one definition. Whoever includes this declares evloop_task_point,
 * evloop_task_sleep, evloop_task_wait and evloop_stream_readable. */
#ifndef UPYOS_TASK_H
#define UPYOS_TASK_H

enum { EVLOOP_DONE = 0, EVLOOP_WAIT = 1 };

#define TASK_BEGIN(t) switch (evloop_task_point(t)) { case 0:
#define TASK_SLEEP(t, ms)                                                                 \
    do {                                                                                  \
        evloop_task_sleep((t), (ms), __LINE__);                                           \
        return EVLOOP_WAIT;                                                               \
    case __LINE__:;                                                                       \
    } while (0)
#define TASK_YIELD(t) TASK_SLEEP(t, 0)
#define TASK_WAIT_READABLE(t, stream)                                                     \
    do {                                                                                  \
        evloop_task_wait((t), evloop_stream_readable, (stream), __LINE__);                \
        return EVLOOP_WAIT;                                                               \
    case __LINE__:;                                                                       \
    } while (0)
#define TASK_END(t) } return EVLOOP_DONE

#endif
