#include "kernel/uarts.h"

#include <stdlib.h>
#include <string.h>

#include "hal/uart.h"
#include "lib/err.h"

/* The named UARTs, allocated when named: most boards name none. NULL: a free slot. */
static struct uart_setup *table[UARTS_NAMED_MAX];

static int slot_of_id(int id)
{
    for (int i = 0; i < UARTS_NAMED_MAX; i++)
        if (table[i] && table[i]->id == id)
            return i;
    return -1;
}

static int free_slot(void)
{
    for (int i = 0; i < UARTS_NAMED_MAX; i++)
        if (!table[i])
            return i;
    return -1;
}

const struct uart_setup *uarts_by_name(const char *name)
{
    for (int i = 0; name[0] && i < UARTS_NAMED_MAX; i++)
        if (table[i] && strcmp(table[i]->name, name) == 0)
            return table[i];
    return NULL;
}

const struct uart_setup *uarts_by_id(int id)
{
    int i = slot_of_id(id);
    return i < 0 ? NULL : table[i];
}

const struct uart_setup *uarts_at(int index)
{
    for (int i = 0; i < UARTS_NAMED_MAX; i++)
        if (table[i] && index-- == 0)
            return table[i];
    return NULL;
}

int uarts_valid_name(const char *text)
{
    if (!text[0] || strlen(text) > UART_NAME_MAX || (text[0] >= '0' && text[0] <= '9'))
        return 0;
    for (const char *c = text; *c; c++)
        if (*c == ' ' || *c == '\t' || *c < ' ')
            return 0;
    return 1;
}

int uarts_open(const struct uart_setup *s)
{
    const struct uart_setup *other = uarts_by_name(s->name);
    if (other && other->id != s->id)
        return ERR_EXIST;
    int i = slot_of_id(s->id);
    if (i < 0 && (i = free_slot()) < 0)
        return ERR_MFILE;
    struct uart_setup *kept = malloc(sizeof *kept);
    if (!kept)
        return ERR_NOMEM;
    if (table[i]) {             /* reopened: the new settings replace the old */
        hal_uart_close(s->id);
        free(table[i]);
        table[i] = NULL;
    }
    int r = hal_uart_open(s->id, (uint32_t)s->baud);
    if (r < 0) {
        free(kept);
        return r;
    }
    *kept = *s;
    table[i] = kept;
    return 0;
}

void uarts_forget(int id)
{
    int i = slot_of_id(id);
    if (i >= 0) {
        free(table[i]);
        table[i] = NULL;
    }
}
