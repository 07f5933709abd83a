/* The pattern is parsed into a small tree, the tree is compiled into instructions for a Pike
 * machine (CHAR, ANY, CLASS, ASSERT, SPLIT, JMP, SAVE, MATCH), and a search runs every
 * possible match at once, one text character at a time, each instruction at most once per
 * character. Threads are kept in priority order, so the first that matches is the match Perl
 * and Python would find; each carries the group positions it has saved. */
#include "lib/regex.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/str.h"

#define PATTERN_MAX 512           /* characters */
#define GROUP_DEPTH_MAX 16
#define CLASSES_MAX 255
#define REPEAT_MAX 255            /* the largest m or n in {m,n} */
#define NON_ASCII 128             /* in UTF-8 mode, the class bit that stands for every
                                     character beyond ASCII */

/* ---- the tree ---- */

enum node_type { N_EMPTY, N_CHAR, N_ANY, N_CLASS, N_ASSERT, N_ALT, N_STAR, N_PLUS, N_QUEST,
                 N_REPEAT, N_GROUP };

/* zero-width assertions */
enum { A_BEGIN, A_END, A_LINE_BEGIN, A_LINE_END, A_END_OR_LAST_NEWLINE, A_WORD_EDGE,
       A_NOT_WORD_EDGE };

struct node {
    uint8_t type;
    uint8_t lazy;                 /* a repeat that prefers fewer */
    int16_t min, max;             /* N_REPEAT; max -1: no limit */
    uint32_t c;                   /* N_CHAR: the character; N_CLASS: which class; N_ASSERT:
                                     which; N_ANY: 1 not a newline; N_GROUP: its number or 0 */
    int16_t a, b;                 /* children: N_ALT both, the repeats and N_GROUP a */
    int16_t next;                 /* the next node in its sequence, or -1 */
};

typedef uint8_t class_bits[32];

struct parser {
    const char *p;
    int ere, icase, depth, py, utf8, multiline, dotall;
    struct node *nodes;
    int count, cap;
    class_bits *classes;
    int class_count, class_cap;
    int groups;
    char *names;                  /* each group's name and a NUL, in order */
    size_t names_len;
    const char *why;
};

static int fail(struct parser *ps, const char *why)
{
    if (!ps->why)
        ps->why = why;
    return -1;
}

static int new_node(struct parser *ps, int type, int a)
{
    if (ps->count >= ps->cap)
        return fail(ps, "pattern too complex");
    struct node *n = &ps->nodes[ps->count];
    memset(n, 0, sizeof *n);
    n->type = (uint8_t)type;
    n->a = (int16_t)a;
    n->b = n->next = -1;
    return ps->count++;
}

static int new_node_c(struct parser *ps, int type, uint32_t c)
{
    int n = new_node(ps, type, -1);
    if (n >= 0)
        ps->nodes[n].c = c;
    return n;
}

/* ERE and Python write an operator as one character; BRE as a backslash and that character. */
static int is_op(const struct parser *ps, char op)
{
    return ps->ere ? ps->p[0] == op : ps->p[0] == '\\' && ps->p[1] == op;
}

static void skip_op(struct parser *ps)
{
    ps->p += ps->ere ? 1 : 2;
}

static int at_alternative_end(const struct parser *ps)
{
    return !*ps->p || is_op(ps, '|') || (ps->depth > 0 && is_op(ps, ')'));
}

/* One UTF-8 character of s (at most n bytes) in *cp; its length. A byte that does not start a
 * valid sequence stands for itself. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 1;
    if (len > n)
        len = 1;
    uint32_t v = len == 1 ? c : c & (0x3fu >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *cp = c;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3fu);
    }
    *cp = v;
    return len;
}

/* ---- bracket expressions ---- */

static void set_bit(class_bits bits, unsigned char c)
{
    bits[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int has_bit(const class_bits bits, unsigned char c)
{
    return bits[c >> 3] & (1u << (c & 7));
}

static int named_class(const char *name, size_t len, class_bits bits)
{
    static const struct { const char *name; int (*test)(int); } classes[] = {
        { "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "upper", isupper },
        { "lower", islower }, { "space", isspace }, { "blank", isblank }, { "punct", ispunct },
        { "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == len && !memcmp(classes[i].name, name, len)) {
            for (int c = 1; c < 256; c++)
                if (classes[i].test(c))
                    set_bit(bits, (unsigned char)c);
            return 0;
        }
    return -1;
}

static int new_class(struct parser *ps, class_bits **bits)
{
    if (ps->class_count >= ps->class_cap)
        return fail(ps, "too many bracket expressions");
    *bits = &ps->classes[ps->class_count];
    memset(*bits, 0, sizeof **bits);
    return ps->class_count++;
}

/* Both cases of every letter in the class, and its complement when negated. */
static void finish_class(const struct parser *ps, class_bits bits, int negate)
{
    if (ps->icase)
        for (int c = 'a'; c <= 'z'; c++)
            if (has_bit(bits, (unsigned char)c) || has_bit(bits, (unsigned char)toupper(c))) {
                set_bit(bits, (unsigned char)c);
                set_bit(bits, (unsigned char)toupper(c));
            }
    if (negate)
        for (int i = 0; i < 32; i++)
            bits[i] = (uint8_t)~bits[i];
    if (!ps->py)
        bits[0] &= (uint8_t)~1u;      /* never the terminating NUL of grep's line */
}

/* \d \w \s (and their complements, upper case) into bits; 0, or -1 when which is none. */
static int shorthand_bits(char which, class_bits bits)
{
    char lower = (char)tolower((unsigned char)which);
    if (lower != 'd' && lower != 'w' && lower != 's')
        return -1;
    for (int c = 0; c < 256; c++) {
        int in = !!(lower == 'd' ? isdigit(c) : lower == 'w' ? isalnum(c) || c == '_' : isspace(c));
        if (c >= 128)
            in = 0;                   /* ASCII only, as grep's C locale has it */
        if (in != (which != lower))
            set_bit(bits, (unsigned char)c);
    }
    return 0;
}

/* The character of a Python escape (\n, \x41, \., ...); -1 when c does not name one. */
static int escaped_char(struct parser *ps, char c)
{
    static const char from[] = "ntrfva0", to[] = "\n\t\r\f\v\a";
    const char *f = strchr(from, c);
    if (c && f)
        return (unsigned char)to[f - from];
    if (c == 'x') {
        const char *p = ps->p;
        if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
            return fail(ps, "incomplete escape \\x");
        ps->p += 2;
        int v = 0;
        for (int i = 0; i < 2; i++)
            v = v * 16 + (isdigit((unsigned char)p[i]) ? p[i] - '0' : (tolower((unsigned char)p[i]) - 'a' + 10));
        return v;
    }
    if (isalnum((unsigned char)c))
        return fail(ps, isdigit((unsigned char)c) ? "back references are not supported" : "bad escape");
    return (unsigned char)c;
}

/* One member of a bracket expression at ps->p: a character (its code), or -2 when it was a
 * class (\d, [:alpha:]) already put in bits; -1 on an error. */
static int bracket_char(struct parser *ps, class_bits bits)
{
    const char *p = ps->p;
    if (p[0] == '[' && p[1] == ':') {
        const char *end = strstr(p + 2, ":]");
        if (!end || named_class(p + 2, (size_t)(end - p - 2), bits) < 0)
            return fail(ps, "unknown character class");
        ps->p = end + 2;
        return -2;
    }
    if (ps->py && p[0] == '\\') {
        if (!p[1])
            return fail(ps, "unterminated character set");
        ps->p += 2;
        if (shorthand_bits(p[1], bits) == 0)
            return -2;
        return p[1] == 'b' ? '\b' : escaped_char(ps, p[1]);
    }
    if (ps->utf8 && (unsigned char)p[0] >= 128)
        return fail(ps, "non-ASCII characters in [] are not supported");
    ps->p++;
    return (unsigned char)p[0];
}

static int bracket_item(struct parser *ps, class_bits bits)
{
    int lo = bracket_char(ps, bits);
    if (lo < 0)
        return lo == -2 ? 0 : -1;
    int hi = lo;
    if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']') {
        ps->p++;
        hi = bracket_char(ps, bits);
        if (hi == -2)
            return fail(ps, "bad character range");
        if (hi < 0)
            return -1;
        if (hi < lo)
            return fail(ps, ps->py ? "bad character range" : "invalid range end");
    }
    for (int c = lo; c <= hi; c++)
        set_bit(bits, (unsigned char)c);
    return 0;
}

static int parse_bracket(struct parser *ps)
{
    class_bits *bits;
    int index = new_class(ps, &bits);
    if (index < 0)
        return -1;
    ps->p++;                                   /* [ */
    int negate = *ps->p == '^';
    ps->p += negate;
    if (*ps->p == ']') {                       /* a ] first is a member */
        set_bit(*bits, ']');
        ps->p++;
    }
    while (*ps->p && *ps->p != ']')
        if (bracket_item(ps, *bits) < 0)
            return -1;
    if (*ps->p != ']')
        return fail(ps, ps->py ? "unterminated character set" : "unmatched [");
    ps->p++;
    finish_class(ps, *bits, negate);
    return new_node_c(ps, N_CLASS, (uint32_t)index);
}

/* \w \W \s \S, and in Python \d \D */
static int parse_shorthand(struct parser *ps, char which)
{
    class_bits *bits;
    int index = new_class(ps, &bits);
    if (index < 0)
        return -1;
    shorthand_bits(which, *bits);
    finish_class(ps, *bits, 0);
    return new_node_c(ps, N_CLASS, (uint32_t)index);
}

/* ---- the grammar: alternatives of sequences of repeated atoms ---- */

static int parse_alternatives(struct parser *ps);

static int literal(struct parser *ps, uint32_t c)
{
    return new_node_c(ps, N_CHAR, ps->icase && c < 128 ? (uint32_t)tolower((int)c) : c);
}

/* (?:...) and (?P<name>...): the group's number (0 for none) after the opening; -1 on error. */
static int group_kind(struct parser *ps)
{
    if (ps->p[0] != '?')
        return ++ps->groups;
    if (ps->p[1] == ':') {
        ps->p += 2;
        return 0;
    }
    if (ps->p[1] != 'P' || ps->p[2] != '<')
        return fail(ps, ps->p[1] == 'P' && ps->p[2] == '=' ? "back references are not supported"
                                                           : "unsupported group (?...)");
    const char *name = ps->p + 3, *end = strchr(name, '>');
    if (!end || end == name || isdigit((unsigned char)*name))
        return fail(ps, "bad group name");
    for (const char *q = name; q < end; q++)
        if (!isalnum((unsigned char)*q) && *q != '_')
            return fail(ps, "bad group name");
    size_t len = (size_t)(end - name);
    for (const char *known = ps->names; known < ps->names + ps->names_len; known += strlen(known) + 1)
        if (strlen(known) == len && !memcmp(known, name, len))
            return fail(ps, "redefinition of group name");
    ps->p = end + 1;
    int group = ++ps->groups;
    if (group < REGEX_GROUPS_MAX) {
        /* unnamed groups before this one get their empty names first */
        size_t have = 0;
        for (const char *k = ps->names; k < ps->names + ps->names_len; k += strlen(k) + 1)
            have++;
        while ((int)have++ < group - 1)
            ps->names[ps->names_len++] = 0;
        memcpy(ps->names + ps->names_len, name, len);
        ps->names_len += len;
        ps->names[ps->names_len++] = 0;
    }
    return group;
}

static int parse_group(struct parser *ps)
{
    if (ps->depth >= GROUP_DEPTH_MAX)
        return fail(ps, "groups nested too deep");
    skip_op(ps);
    int group = ps->py ? group_kind(ps) : 0;
    if (group < 0)
        return -1;
    if (group >= REGEX_GROUPS_MAX)
        return fail(ps, "too many groups");
    ps->depth++;
    int inner = parse_alternatives(ps);
    if (inner < 0)
        return -1;
    if (!is_op(ps, ')'))
        return fail(ps, ps->py ? "missing ), unterminated subpattern" : "unmatched (");
    skip_op(ps);
    ps->depth--;
    int n = new_node(ps, N_GROUP, inner);
    if (n >= 0)
        ps->nodes[n].c = (uint32_t)group;
    return n;
}

static int parse_py_escape(struct parser *ps, char c)
{
    static const char asserts[] = "AZbB";
    static const uint8_t kinds[] = { A_BEGIN, A_END, A_WORD_EDGE, A_NOT_WORD_EDGE };
    const char *a = strchr(asserts, c);
    if (a)
        return new_node_c(ps, N_ASSERT, kinds[a - asserts]);
    if (c == 'd' || c == 'D')
        return parse_shorthand(ps, c);
    int v = escaped_char(ps, c);
    return v < 0 ? -1 : literal(ps, (uint32_t)v);
}

static int parse_escape(struct parser *ps)
{
    char c = ps->p[1];
    if (!c)
        return fail(ps, ps->py ? "bad escape (end of pattern)" : "trailing backslash");
    ps->p += 2;
    if (c == 'w' || c == 'W' || c == 's' || c == 'S')
        return parse_shorthand(ps, c);
    if (ps->py)
        return parse_py_escape(ps, c);
    return literal(ps, (unsigned char)c);
}

static int is_repeat(const struct parser *ps)
{
    const char *p = ps->p;
    return *p == '*' || *p == '+' || *p == '?' ||
           (*p == '{' && (isdigit((unsigned char)p[1]) || (p[1] == ',' && isdigit((unsigned char)p[2]))));
}

static int parse_atom(struct parser *ps, int first)
{
    char c = *ps->p;
    if (c == '^' && (first || ps->ere)) {
        ps->p++;
        return new_node_c(ps, N_ASSERT, ps->multiline ? A_LINE_BEGIN : A_BEGIN);
    }
    if (c == '$') {
        ps->p++;
        if (ps->py)
            return new_node_c(ps, N_ASSERT, ps->multiline ? A_LINE_END : A_END_OR_LAST_NEWLINE);
        if (ps->ere || at_alternative_end(ps))
            return new_node_c(ps, N_ASSERT, A_END);
        return literal(ps, '$');
    }
    if (c == '.') {
        ps->p++;
        return new_node_c(ps, N_ANY, ps->py && !ps->dotall);
    }
    if (c == '[')
        return parse_bracket(ps);
    if (is_op(ps, '('))
        return parse_group(ps);
    if (c == '\\')
        return parse_escape(ps);
    if (ps->py && (c == ')' || is_repeat(ps)))
        return fail(ps, c == ')' ? "unbalanced parenthesis" : "nothing to repeat");
    uint32_t cp = (unsigned char)c;
    ps->p += ps->utf8 ? utf8_decode((const unsigned char *)ps->p, strlen(ps->p), &cp) : 1;
    return literal(ps, cp);      /* also a * + ? with nothing before it to repeat (grep) */
}

static int read_count(struct parser *ps)
{
    int n = 0, digits = 0;
    while (isdigit((unsigned char)*ps->p) && digits++ < 4)
        n = n * 10 + (*ps->p++ - '0');
    return digits ? n : -1;
}

/* {m}, {m,}, {m,n} (BRE: \{...\}; Python: {,n} too); p is at the opening brace. */
static int parse_interval(struct parser *ps, int atom)
{
    skip_op(ps);
    int min = read_count(ps), max = min;
    if (*ps->p == ',') {
        ps->p++;
        max = read_count(ps);              /* -1: no limit */
        if (ps->py && min < 0)
            min = 0;
    }
    if (!is_op(ps, '}') || min < 0 || min > REPEAT_MAX || max > REPEAT_MAX ||
        (max >= 0 && max < min))
        return fail(ps, "invalid interval {m,n}");
    skip_op(ps);
    int n = new_node(ps, N_REPEAT, atom);
    if (n >= 0) {
        ps->nodes[n].min = (int16_t)min;
        ps->nodes[n].max = (int16_t)max;
    }
    return n;
}

/* One repeat operator after atom; the new node, or atom itself when there is none. */
static int parse_one_repeat(struct parser *ps, int atom)
{
    if (*ps->p == '*') {
        ps->p++;
        return new_node(ps, N_STAR, atom);
    }
    if (is_op(ps, '+') || is_op(ps, '?')) {
        int type = is_op(ps, '+') ? N_PLUS : N_QUEST;
        skip_op(ps);
        return new_node(ps, type, atom);
    }
    if (is_op(ps, '{') && (!ps->ere || isdigit((unsigned char)ps->p[1]) ||
                           (ps->py && ps->p[1] == ',')))
        return parse_interval(ps, atom);
    return atom;
}

static int parse_repeats(struct parser *ps, int first)
{
    int atom = parse_atom(ps, first);
    if (ps->py && atom >= 0) {
        /* one repeat, maybe lazy; a second is an error, as in Python */
        int repeated = parse_one_repeat(ps, atom);
        if (repeated >= 0 && repeated != atom && *ps->p == '?') {
            ps->p++;
            ps->nodes[repeated].lazy = 1;
        }
        if (repeated >= 0 && repeated != atom && is_repeat(ps))
            return fail(ps, "multiple repeat");
        return repeated;
    }
    while (atom >= 0) {
        int repeated = parse_one_repeat(ps, atom);
        if (repeated == atom)
            break;
        atom = repeated;
    }
    return atom;
}

/* A sequence, linked through next; its first node (N_EMPTY when it is empty). */
static int parse_sequence(struct parser *ps)
{
    int head = new_node(ps, N_EMPTY, -1), tail = head;
    for (int first = 1; tail >= 0 && !at_alternative_end(ps); first = 0) {
        int atom = parse_repeats(ps, first);
        if (atom < 0)
            return -1;
        ps->nodes[tail].next = (int16_t)atom;
        tail = atom;
    }
    return tail < 0 ? -1 : head;
}

static int parse_alternatives(struct parser *ps)
{
    int left = parse_sequence(ps);
    while (left >= 0 && is_op(ps, '|')) {
        skip_op(ps);
        int right = parse_sequence(ps);
        if (right < 0)
            return -1;
        int alt = new_node(ps, N_ALT, left);
        if (alt < 0)
            return -1;
        ps->nodes[alt].b = (int16_t)right;
        left = alt;
    }
    return left;
}

/* ---- the program ---- */

enum op { I_CHAR, I_ANY, I_CLASS, I_ASSERT, I_SPLIT, I_JMP, I_SAVE, I_MATCH };

struct inst {
    uint8_t op, c;                /* CHAR: the character's low byte; ANY: not a newline;
                                     CLASS: which; ASSERT: which */
    uint16_t x, y;                /* SPLIT: both ways, x preferred; JMP: x; SAVE: the slot x;
                                     CHAR: x the character's bits above the low byte */
};

/* One stacked step of add_thread: follow pc, or (slot >= 0) restore a saved position. */
struct pending {
    uint16_t pc;
    int16_t slot;
    int32_t old;
};

/* One block: this header, then the parts parts() finds from its counts. */
struct regex {
    uint32_t bytes;
    uint16_t size, class_count, ncap, names_len, literal_len;
    uint8_t icase, utf8, groups;
    uint32_t turn;
};

struct parts {
    uint32_t *mark;               /* per instruction: the turn it was last added in */
    int32_t *caps_now, *caps_next, *work;
    struct pending *stack;
    struct inst *prog;
    uint16_t *now, *next;
    class_bits *classes;
    char *names, *literal;
};

static size_t layout(const struct regex *re, struct parts *p)
{
    size_t n = re->size, nc = re->ncap;
    uint8_t *at = (uint8_t *)(uintptr_t)re + sizeof *re;
    p->mark = (uint32_t *)at;
    p->caps_now = (int32_t *)(p->mark + n);
    p->caps_next = p->caps_now + n * nc;
    p->work = p->caps_next + n * nc;
    p->stack = (struct pending *)(p->work + nc);
    p->prog = (struct inst *)(p->stack + 2 * n + 1);
    p->now = (uint16_t *)(p->prog + n);
    p->next = p->now + n;
    p->classes = (class_bits *)(p->next + n);
    p->names = (char *)(p->classes + re->class_count);
    p->literal = p->names + re->names_len;
    return (size_t)(p->literal + re->literal_len - (char *)(uintptr_t)re);
}

struct compiler {
    const struct parser *ps;
    struct inst *prog;
    int size;
    long visits;                  /* nodes generated, copies of repeats included */
};

/* A repeat of nothing emits nothing, so (x{0}){255}{255}... never reaches the size limit:
 * the visits are bounded too, or such a pattern would take hours to compile. */
#define VISITS_MAX (16L * REGEX_PROGRAM_MAX)

static int emit(struct compiler *cc, int op, uint32_t c)
{
    if (cc->size >= REGEX_PROGRAM_MAX)
        return -1;
    cc->prog[cc->size] = (struct inst){ (uint8_t)op, (uint8_t)c, (uint16_t)(c >> 8), 0 };
    return cc->size++;
}

/* A SPLIT to here + 1 and to target, the first preferred unless lazy. */
static void set_split(struct compiler *cc, int split, int target, int lazy)
{
    cc->prog[split].x = (uint16_t)(lazy ? target : split + 1);
    cc->prog[split].y = (uint16_t)(lazy ? split + 1 : target);
}

static int gen_sequence(struct compiler *cc, int n);

static int gen_quest(struct compiler *cc, int a, int lazy)
{
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0 || gen_sequence(cc, a) < 0)
        return -1;
    set_split(cc, split, cc->size, lazy);
    return 0;
}

static int gen_star(struct compiler *cc, int a, int lazy)
{
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0 || gen_sequence(cc, a) < 0)
        return -1;
    int jump = emit(cc, I_JMP, 0);
    if (jump < 0)
        return -1;
    cc->prog[jump].x = (uint16_t)split;
    set_split(cc, split, cc->size, lazy);
    return 0;
}

static int gen_plus(struct compiler *cc, int a, int lazy)
{
    int start = cc->size;
    if (gen_sequence(cc, a) < 0)
        return -1;
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0)
        return -1;
    cc->prog[split].x = (uint16_t)(lazy ? cc->size : start);
    cc->prog[split].y = (uint16_t)(lazy ? start : cc->size);
    return 0;
}

static int gen_alt(struct compiler *cc, int a, int b)
{
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0 || gen_sequence(cc, a) < 0)
        return -1;
    int jump = emit(cc, I_JMP, 0);
    if (jump < 0)
        return -1;
    set_split(cc, split, cc->size, 0);
    if (gen_sequence(cc, b) < 0)
        return -1;
    cc->prog[jump].x = (uint16_t)cc->size;
    return 0;
}

/* x{m,n}: m copies of x, then x* or (n - m) copies of x?. */
static int gen_repeat(struct compiler *cc, const struct node *n)
{
    for (int i = 0; i < n->min; i++)
        if (gen_sequence(cc, n->a) < 0)
            return -1;
    if (n->max < 0)
        return gen_star(cc, n->a, n->lazy);
    for (int i = n->min; i < n->max; i++)
        if (gen_quest(cc, n->a, n->lazy) < 0)
            return -1;
    return 0;
}

static int gen_group(struct compiler *cc, const struct node *n)
{
    int save = (int)n->c * 2;
    if (n->c && emit(cc, I_SAVE, 0) < 0)
        return -1;
    if (n->c)
        cc->prog[cc->size - 1].x = (uint16_t)save;
    if (gen_sequence(cc, n->a) < 0 || (n->c && emit(cc, I_SAVE, 0) < 0))
        return -1;
    if (n->c)
        cc->prog[cc->size - 1].x = (uint16_t)(save + 1);
    return 0;
}

static int gen_node(struct compiler *cc, int index)
{
    const struct node *n = &cc->ps->nodes[index];
    if (++cc->visits > VISITS_MAX)
        return -1;
    switch (n->type) {
    case N_EMPTY: return 0;
    case N_CHAR: return emit(cc, I_CHAR, n->c);
    case N_ANY: return emit(cc, I_ANY, n->c);
    case N_CLASS: return emit(cc, I_CLASS, n->c);
    case N_ASSERT: return emit(cc, I_ASSERT, n->c);
    case N_ALT: return gen_alt(cc, n->a, n->b);
    case N_STAR: return gen_star(cc, n->a, n->lazy);
    case N_PLUS: return gen_plus(cc, n->a, n->lazy);
    case N_QUEST: return gen_quest(cc, n->a, n->lazy);
    case N_REPEAT: return gen_repeat(cc, n);
    default: return gen_group(cc, n);
    }
}

/* A node and, when it heads a sequence, those after it: a repeat's operand is one node (its
 * next belongs to the sequence around it), so only sequence heads walk on. */
static int gen_sequence(struct compiler *cc, int index)
{
    const struct node *n = &cc->ps->nodes[index];
    if (n->type != N_EMPTY)
        return gen_node(cc, index) < 0 ? -1 : 0;
    for (int i = n->next; i >= 0; i = cc->ps->nodes[i].next)
        if (gen_node(cc, i) < 0)
            return -1;
    return 0;
}

/* A grep pattern of plain characters only (most are): the machine is not needed. */
static int is_literal(const char *pattern, int ere)
{
    return !strpbrk(pattern, ere ? ".[]*^$\\+?(){}|" : ".[]*^$\\");
}

static struct regex *new_regex(const struct parser *ps, const struct inst *prog, int size,
                               const char *pattern)
{
    struct regex head = { 0 };
    head.size = (uint16_t)size;
    head.class_count = (uint16_t)ps->class_count;
    head.ncap = (uint16_t)(ps->py ? 2 * (ps->groups + 1) : 0);
    head.names_len = (uint16_t)ps->names_len;
    head.literal_len = (uint16_t)(!ps->py && is_literal(pattern, ps->ere) ? strlen(pattern) + 1 : 0);
    head.icase = (uint8_t)ps->icase;
    head.utf8 = (uint8_t)ps->utf8;
    head.groups = (uint8_t)ps->groups;
    struct parts p;
    head.bytes = (uint32_t)layout(&head, &p);
    struct regex *re = calloc(1, head.bytes);
    if (!re)
        return NULL;
    *re = head;
    layout(re, &p);
    memcpy(p.prog, prog, (size_t)size * sizeof *prog);
    memcpy(p.classes, ps->classes, (size_t)ps->class_count * sizeof(class_bits));
    if (ps->names_len)
        memcpy(p.names, ps->names, ps->names_len);
    memcpy(p.literal, pattern, re->literal_len);
    return re;
}

static int compile(struct parser *ps, const char *pattern, struct regex **out)
{
    struct inst *prog = malloc(REGEX_PROGRAM_MAX * sizeof *prog);
    struct compiler cc = { ps, prog, 0, 0 };
    int root = prog ? parse_alternatives(ps) : -1;
    if (!prog)
        return ERR_NOMEM;
    if (root >= 0 && *ps->p)
        root = fail(ps, ps->py ? "unbalanced parenthesis" : "unmatched )");
    if (root >= 0 && ps->py && emit(&cc, I_SAVE, 0) < 0)
        root = fail(ps, "pattern too complex");
    if (root >= 0 && (gen_sequence(&cc, root) < 0 ||
                      (ps->py && emit(&cc, I_SAVE, 0) < 0) || emit(&cc, I_MATCH, 0) < 0))
        root = fail(ps, "pattern too complex");
    if (root >= 0 && ps->py)
        cc.prog[cc.size - 2].x = 1;            /* the end of group 0 */
    if (root >= 0 && !(*out = new_regex(ps, prog, cc.size, pattern)))
        root = fail(ps, "out of memory");
    free(prog);
    return root < 0 ? ERR_INVAL : 0;
}

int regex_compile(const char *pattern, int flags, struct regex **out, const char **why)
{
    size_t len = strlen(pattern);
    int py = !!(flags & REGEX_PYTHON);
    struct parser ps = { .p = pattern, .ere = py || (flags & REGEX_EXTENDED), .icase = !!(flags & REGEX_ICASE),
                         .py = py, .utf8 = py && !(flags & REGEX_BYTES),
                         .multiline = py && (flags & REGEX_MULTILINE), .dotall = !!(flags & REGEX_DOTALL) };
    *why = NULL;
    *out = NULL;
    if (len > PATTERN_MAX) {
        *why = "pattern too long";
        return ERR_INVAL;
    }
    ps.cap = 4 * (int)len + 8;
    ps.nodes = malloc((size_t)ps.cap * sizeof *ps.nodes);
    /* a bracket expression takes 3 characters at least, \w and the like 2 */
    ps.class_cap = (int)len / 2 + 1 < CLASSES_MAX ? (int)len / 2 + 1 : CLASSES_MAX;
    ps.classes = malloc((size_t)ps.class_cap * sizeof *ps.classes);
    /* names come from the pattern; groups before a named one add a NUL each */
    ps.names = py ? malloc(len + REGEX_GROUPS_MAX + 1) : NULL;
    int r = ps.nodes && ps.classes && (ps.names || !py) ? compile(&ps, pattern, out) : ERR_NOMEM;
    free(ps.nodes);
    free(ps.classes);
    free(ps.names);
    *why = r == ERR_NOMEM ? "out of memory" : ps.why;
    return r;
}

void regex_free(struct regex *re)
{
    free(re);
}

size_t regex_size(const struct regex *re)
{
    return re->bytes;
}

int regex_groups(const struct regex *re)
{
    return re->groups;
}

const char *regex_group_name(const struct regex *re, int group)
{
    struct parts p;
    layout(re, &p);
    const char *name = p.names;
    for (int i = 1; i < group && name < p.literal; i++)
        name += strlen(name) + 1;
    return group >= 1 && name < p.literal ? name : "";
}

/* ---- the machine ---- */

struct run {
    struct regex *re;
    struct parts p;
    const char *text, *end;
};

static int is_word(const struct run *r, const char *at)
{
    if (at < r->text || at >= r->end)
        return 0;
    unsigned char c = (unsigned char)*at;
    return c < 128 && (isalnum(c) || c == '_');
}

static int assertion_holds(const struct run *r, int which, const char *at)
{
    switch (which) {
    case A_BEGIN: return at == r->text;
    case A_END: return at == r->end;
    case A_LINE_BEGIN: return at == r->text || at[-1] == '\n';
    case A_LINE_END: return at == r->end || *at == '\n';
    case A_END_OR_LAST_NEWLINE: return at == r->end || (at + 1 == r->end && *at == '\n');
    case A_WORD_EDGE: return is_word(r, at - 1) != is_word(r, at);
    default: return is_word(r, at - 1) == is_word(r, at);
    }
}

/* Adds the thread at pc, with the group positions in work, to list, following JMP, SPLIT,
 * SAVE and the assertions at once (each instruction once per turn, which also ends loops
 * that match nothing). Depth first, the preferred way first: the list stays in priority
 * order. A SAVE is undone when the search comes back past it. */
static void add_thread(struct run *r, uint16_t *list, int32_t *caps, int *count, int pc,
                       const char *at)
{
    struct regex *re = r->re;
    struct parts *p = &r->p;
    int sp = 0, nc = re->ncap;
    p->stack[sp++] = (struct pending){ (uint16_t)pc, -1, 0 };
    while (sp > 0) {
        struct pending e = p->stack[--sp];
        if (e.slot >= 0) {
            p->work[e.slot] = e.old;
            continue;
        }
        pc = e.pc;
        if (p->mark[pc] == re->turn)
            continue;
        p->mark[pc] = re->turn;
        const struct inst *i = &p->prog[pc];
        if (i->op == I_JMP) {
            p->stack[sp++] = (struct pending){ i->x, -1, 0 };
        } else if (i->op == I_SPLIT) {
            p->stack[sp++] = (struct pending){ i->y, -1, 0 };
            p->stack[sp++] = (struct pending){ i->x, -1, 0 };
        } else if (i->op == I_SAVE) {
            p->stack[sp++] = (struct pending){ 0, (int16_t)i->x, p->work[i->x] };
            p->work[i->x] = (int32_t)(at - r->text);
            p->stack[sp++] = (struct pending){ (uint16_t)(pc + 1), -1, 0 };
        } else if (i->op == I_ASSERT) {
            if (assertion_holds(r, i->c, at))
                p->stack[sp++] = (struct pending){ (uint16_t)(pc + 1), -1, 0 };
        } else {
            memcpy(caps + *count * nc, p->work, (size_t)nc * sizeof *caps);
            list[(*count)++] = (uint16_t)pc;
        }
    }
}

static void next_turn(struct run *r)
{
    if (++r->re->turn == 0) {                /* wrapped: old marks would look current */
        memset(r->p.mark, 0, (size_t)r->re->size * sizeof *r->p.mark);
        r->re->turn = 1;
    }
}

static int step_matches(const struct run *r, const struct inst *i, uint32_t c)
{
    switch (i->op) {
    case I_CHAR: return (i->c | (uint32_t)i->x << 8) == c;
    case I_ANY: return !i->c || c != '\n';
    case I_CLASS:
        return has_bit(r->p.classes[i->c], r->re->utf8 && c >= 128 ? NON_ASCII : (unsigned char)c);
    default: return 0;
    }
}

int regex_exec(struct regex *re, const char *text, size_t len, size_t start, int how,
               int32_t *caps)
{
    struct run r = { re, { 0 }, text, text + len };
    layout(re, &r.p);
    struct parts *p = &r.p;
    int nc = re->ncap, count = 0, found = 0;
    const char *at = text + start;
    next_turn(&r);
    memset(p->work, 0xff, (size_t)nc * sizeof *p->work);
    add_thread(&r, p->now, p->caps_now, &count, 0, at);
    for (;;) {
        uint32_t c = 0;
        size_t clen = 0;
        if (at < r.end) {
            clen = re->utf8 ? utf8_decode((const unsigned char *)at, (size_t)(r.end - at), &c) : 1;
            if (!re->utf8)
                c = (unsigned char)*at;
            if (re->icase && c < 128)
                c = (uint32_t)tolower((int)c);      /* the pattern was folded when compiled */
        }
        int next_count = 0;
        next_turn(&r);
        for (int i = 0; i < count; i++) {
            const struct inst *in = &p->prog[p->now[i]];
            if (in->op == I_MATCH) {
                if ((how & REGEX_FULL) && at != r.end)
                    continue;
                found = 1;
                if (!caps)
                    return 1;
                memcpy(caps, p->caps_now + i * nc, (size_t)nc * sizeof *caps);
                break;                           /* the threads after it are less preferred */
            }
            if (clen && step_matches(&r, in, c)) {
                memcpy(p->work, p->caps_now + i * nc, (size_t)nc * sizeof *p->work);
                add_thread(&r, p->next, p->caps_next, &next_count, p->now[i] + 1, at + clen);
            }
        }
        if (!clen)
            return found;
        at += clen;
        if (!found && !(how & REGEX_ANCHORED)) {  /* a match may start here too */
            memset(p->work, 0xff, (size_t)nc * sizeof *p->work);
            add_thread(&r, p->next, p->caps_next, &next_count, 0, at);
        }
        uint16_t *swap = p->now;
        p->now = p->next;
        p->next = swap;
        int32_t *swap_caps = p->caps_now;
        p->caps_now = p->caps_next;
        p->caps_next = swap_caps;
        count = next_count;
        if (!count && (found || (how & REGEX_ANCHORED)))
            return found;
    }
}

int regex_search(struct regex *re, const char *text)
{
    struct parts p;
    layout(re, &p);
    if (re->literal_len)
        return (re->icase ? str_casestr(text, p.literal) : strstr(text, p.literal)) != NULL;
    return regex_exec(re, text, strlen(text), 0, 0, NULL);
}
