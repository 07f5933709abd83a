/* Keys from an ANSI terminal: plain bytes, and the escape sequences of the cursor and editing
 * keys decoded into KEY_* codes. Shared by the line editor and vi. */
#ifndef TERM_KEYS_H
#define TERM_KEYS_H

struct tty;

#define KEY_ESC 27
enum {
    KEY_UP = 0x100, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END, KEY_DELETE,
    KEY_PGUP, KEY_PGDN,
    KEY_UNKNOWN = 0x1ff          /* a sequence this decoder does not know */
};

struct key_reader {
    struct tty *tty;
    int unread;                  /* the byte after a lone Esc, handed out by the next call */
};

/* The next key. A lone Esc (nothing follows within 50 ms, or no sequence follows) is KEY_ESC.
 * Returns -1 at end of input, or a negative ERR_* (ERR_INTR when told to stop). */
int keys_read(struct key_reader *kr);

#endif
