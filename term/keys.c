#include "term/keys.h"

#include "kernel/tty.h"

#define SEQUENCE_GAP_MS 50       /* the bytes of one key's sequence arrive together */

static int next_byte(struct key_reader *kr, int timeout_ms)
{
    char c;
    int r = timeout_ms < 0 ? tty_read(kr->tty, &c, 1)
                           : tty_read_timeout(kr->tty, &c, 1, timeout_ms);
    if (r < 0)
        return r;
    return r == 0 ? -1 : (unsigned char)c;
}

/* "[A".."[D" arrows, "[H" "[F" "OH" "OF" home/end, "[N~": 1/7 home, 4/8 end, 3 delete,
 * 5/6 page up/down. */
static int decode_sequence(struct key_reader *kr)
{
    int num = 0, c;
    while ((c = next_byte(kr, SEQUENCE_GAP_MS)) >= '0' && c <= '9')
        num = num * 10 + (c - '0');
    switch (c) {
    case 'A': return KEY_UP;
    case 'B': return KEY_DOWN;
    case 'C': return KEY_RIGHT;
    case 'D': return KEY_LEFT;
    case 'H': return KEY_HOME;
    case 'F': return KEY_END;
    case '~':
        switch (num) {
        case 1: case 7: return KEY_HOME;
        case 4: case 8: return KEY_END;
        case 3: return KEY_DELETE;
        case 5: return KEY_PGUP;
        case 6: return KEY_PGDN;
        default: return KEY_UNKNOWN;
        }
    default: return c < -1 ? c : KEY_UNKNOWN;
    }
}

int keys_read(struct key_reader *kr)
{
    int c;
    if (kr->unread) {
        c = kr->unread;
        kr->unread = 0;
    } else if ((c = next_byte(kr, -1)) < 0) {
        return c;
    }
    if (c != KEY_ESC)
        return c;
    int after = next_byte(kr, SEQUENCE_GAP_MS);
    if (after == '[' || after == 'O')
        return decode_sequence(kr);
    if (after < -1)
        return after;
    if (after >= 0)
        kr->unread = after;      /* not a sequence: the byte is a key of its own */
    return KEY_ESC;
}
