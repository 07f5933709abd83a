/* i2cscan and sensors. */
#include <stdlib.h>

#include "hal/board.h"
#include "kernel/board.h"
#include "kernel/command.h"
#include "lib/err.h"

#define LM75_ADDR 0x48

COMMAND(i2cscan, "i2cscan [BUS]", "list the addresses that answer on an I2C bus (default 0)",
        RAW_ARGS, 0, 1)
{
    char *end;
    long bus = argc == 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc == 2 && (*end || bus < 0))
        return cmd_error(ctx, "%s: not a bus number", argv[1]);
    if (board_bus_gpio("i2c", (int)bus, "sda") < 0)
        return cmd_error(ctx, "bus %ld: not on this board", bus);
    int found = 0;
    for (int addr = 0x08; addr <= 0x77; addr++) {
        uint8_t probe;
        int r = hal_i2c_transfer((int)bus, (uint8_t)addr, NULL, 0, &probe, 1);
        if (r < 0)
            continue;
        proc_printf(p, "%s0x%02x", found % 8 ? " " : found ? "\n" : "", addr);
        found++;
    }
    if (found)
        proc_puts(p, "\n");
    proc_printf(p, "%d device%s found on I2C bus %ld\n", found, found == 1 ? "" : "s", bus);
    proc_set_result(p, value_int(found));
    return 0;
}

/* An LM75-style sensor: register 0 is the temperature, 9 bits two's complement, 0.5 C. */
static int read_lm75(int32_t *millicelsius)
{
    uint8_t reg = 0, raw[2];
    int r = hal_i2c_transfer(0, LM75_ADDR, &reg, 1, raw, 2);
    if (r < 0)
        return r;
    int16_t v = (int16_t)((raw[0] << 8) | raw[1]);
    *millicelsius = (int32_t)(v >> 7) * 500;
    return 0;
}

static void show_temp(proc_t *p, const char *what, int32_t mc)
{
    proc_printf(p, "%-22s %s%ld.%ld C\n", what, mc < 0 ? "-" : "", labs((long)mc) / 1000,
                labs((long)mc) % 1000 / 100);
}

COMMAND(sensors, "sensors", "show the temperatures: the chip's, and an I2C sensor (0x48) if any",
        RAW_ARGS, 0, 0)
{
    int32_t chip, ext;
    int r = hal_temp_read_mc(&chip);
    if (r == 0) {
        show_temp(p, "Chip temperature:", chip);
        proc_set_result(p, value_float(chip / 1000.0));
    } else {
        proc_printf(p, "%-22s %s\n", "Chip temperature:", err_str(r));
    }
    if (read_lm75(&ext) == 0)
        show_temp(p, "I2C sensor 0x48:", ext);
    return 0;
}
