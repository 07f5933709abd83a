/* asy_test [SECONDS]: the board's LED blinks while two timers print, all in one thread on an
 * event loop (upyOS's asyncio test). Runs until killed, or for SECONDS when given. Held, it
 * pauses; killed, evloop_run returns and the LED is left off. */
#include "upyos.h"

UPYOS_STACK(4096);

struct blinker {
    int pin;
    int level;
    int ticks[2];
};

static void blink(evloop_t *loop, void *arg)
{
    struct blinker *b = arg;
    b->level = !b->level;
    hal_gpio_write(b->pin, b->level);
}

static void fast(evloop_t *loop, void *arg)
{
    struct blinker *b = arg;
    proc_printf(proc_current(), "asy_test: fast %d, led %d\n", ++b->ticks[0],
                hal_gpio_read(b->pin));
}

static void slow(evloop_t *loop, void *arg)
{
    struct blinker *b = arg;
    proc_printf(proc_current(), "asy_test: slow %d\n", ++b->ticks[1]);
}

static void finish(evloop_t *loop, void *arg)
{
    evloop_stop(loop);
}

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    struct blinker b = { board_list_gpio("ledio", 0), 0, { 0, 0 } };
    if (b.pin < 0)
        return proc_error(self, argv[0], "the board has no LED (ledio)");
    evloop_t *loop = evloop_new();
    if (!loop)
        return proc_error(self, argv[0], "out of memory");
    hal_gpio_mode(b.pin, HAL_PIN_OUTPUT);
    evloop_timer(loop, 0, 300, blink, &b);
    evloop_timer(loop, 1000, 1000, fast, &b);
    evloop_timer(loop, 1500, 1500, slow, &b);
    if (argc > 1)
        evloop_timer(loop, (uint32_t)(strtod(argv[1], NULL) * 1000), 0, finish, NULL);
    int r = evloop_run(loop);
    evloop_free(loop);
    hal_gpio_write(b.pin, 0);
    proc_printf(self, "asy_test: %s\n", r < 0 ? "stopped" : "done");
    return r < 0 ? 130 : 0;
}
