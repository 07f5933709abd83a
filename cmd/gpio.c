/* gpio and led: pins by their GPIO number, LEDs by their index in the board file's ledio. */
#include <stdlib.h>
#include <string.h>

#include "hal/board.h"
#include "kernel/board.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/json.h"

static int parse_number(const char *text, long *out)
{
    char *end;
    *out = strtol(text, &end, 10);
    return *text && !*end ? 0 : -1;
}

/* The ADC channel of a GPIO: its entry's index in the board's "adc" table. */
static int adc_channel(int gpio)
{
    for (int i = 0; i < board_list_count("adc"); i++)
        if (board_list_gpio("adc", i) == gpio)
            return i;
    return ERR_NOENT;
}

static int read_adc(const struct cmd_ctx *ctx, long pin)
{
    int channel = adc_channel((int)pin);
    if (channel < 0)
        return cmd_error(ctx, "%ld: not an ADC pin of this board", pin);
    int v = hal_adc_read(channel);
    if (v < 0)
        return cmd_error(ctx, "%ld: %s", pin, err_str(v));
    proc_printf(ctx->p, "%d\n", v);
    proc_set_result(ctx->p, value_int(v));
    return 0;
}

COMMAND(gpio, "gpio [-a] PIN [0|1]",
        "read a GPIO pin, or set it to 0 or 1; -a read the pin's ADC (0..4095)",
        "a", 1, 2, .missing = "missing PIN")
{
    long pin, level = -1;
    if (parse_number(argv[1], &pin) < 0 || pin < 0 || pin >= hal_gpio_count())
        return cmd_error(ctx, "%s: not a pin (0..%d)", argv[1], hal_gpio_count() - 1);
    if (ctx->flags & FLAG('a'))
        return argc == 3 ? cmd_error(ctx, "-a only reads") : read_adc(ctx, pin);
    if (argc == 3 && (parse_number(argv[2], &level) < 0 || (level != 0 && level != 1)))
        return cmd_error(ctx, "%s: expected 0 or 1", argv[2]);
    int r = argc == 3 ? hal_gpio_write((int)pin, (int)level) : hal_gpio_read((int)pin);
    if (r < 0)
        return cmd_error(ctx, "%ld: %s", pin, err_str(r));
    if (argc == 2) {
        proc_printf(p, "%d\n", r);
        proc_set_result(p, value_int(r));
    }
    return 0;
}

static int led_count(void)
{
    return board_list_count("ledio");
}

/* Two short flashes of every LED, as upyOS does at boot. */
static int blink_all(void)
{
    for (int i = 0; i < led_count(); i++)
        for (int k = 0; k < 2; k++) {
            hal_gpio_write(board_list_gpio("ledio", i), 1);
            if (proc_sleep_ms(100) < 0)
                return ERR_INTR;
            hal_gpio_write(board_list_gpio("ledio", i), 0);
            if (proc_sleep_ms(50) < 0)
                return ERR_INTR;
        }
    return 0;
}

/* A strip of N RGB LEDs on rgbio's pin. The HAL has no LED-strip driver yet, so each LED's
 * red, green and blue step is a pulse on the data pin (visible on the virtual board). */
static int rgb_test(const struct cmd_ctx *ctx, long count)
{
    int pin = board_list_gpio("rgbio", 0);
    if (pin < 0)
        return cmd_error(ctx, "this board has no RGB LED (rgbio)");
    for (long i = 0; i < count * 3; i++) {
        hal_gpio_write(pin, 1);
        if (proc_sleep_ms(50) < 0)
            return 130;
        hal_gpio_write(pin, 0);
        if (proc_sleep_ms(50) < 0)
            return 130;
    }
    return 0;
}

COMMAND(led, "led on|off|boot [INDEX]\nled rgb N",
        "switch a board LED (ledio, index 0..) on or off, blink them all (boot), or test a "
        "strip of N RGB LEDs",
        RAW_ARGS, 1, 2, .missing = "expected on, off, boot or rgb")
{
    long index = 0;
    if (argc == 3 && parse_number(argv[2], &index) < 0)
        return cmd_error(ctx, "%s: not a number", argv[2]);
    if (strcmp(argv[1], "rgb") == 0)
        return argc == 3 && index > 0 ? rgb_test(ctx, index)
                                       : cmd_error(ctx, "rgb needs a count of LEDs");
    if (strcmp(argv[1], "boot") == 0)
        return blink_all() < 0 ? 130 : 0;
    int on = strcmp(argv[1], "on") == 0;
    if (!on && strcmp(argv[1], "off") != 0)
        return cmd_error(ctx, "%s: expected on, off, boot or rgb", argv[1]);
    int pin = index >= 0 ? board_list_gpio("ledio", (int)index) : ERR_NOENT;
    if (pin < 0)
        return cmd_error(ctx, "%ld: no such LED (this board has %d)", index, led_count());
    int r = hal_gpio_write(pin, on);
    return r < 0 ? cmd_error(ctx, "%s", err_str(r)) : 0;
}
