/* The pattern is parsed into a small tree, the tree is compiled into instructions for a Pike
 * machine (CHAR, ANY, CLASS, BOL, EOL, SPLIT, JMP, MATCH), and a search runs every possible
 * match at once, one text character at a time, each instruction at most once per character. */
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

/* ---- the tree ---- */

enum node_type { N_EMPTY, N_CHAR, N_ANY, N_CLASS, N_BOL, N_EOL, N_ALT, N_STAR, N_PLUS, N_QUEST,
                 N_REPEAT, N_GROUP };

struct node {
    uint8_t type;
    uint8_t c;                    /* N_CHAR: the character; N_CLASS: which class */
    int16_t min, max;             /* N_REPEAT; max -1: no limit */
    int16_t a, b;                 /* children: N_ALT both, the repeats and N_GROUP a */
    int16_t next;                 /* the next node in its sequence, or -1 */
};

typedef uint8_t class_bits[32];

struct parser {
    const char *p;
    int ere, icase, depth;
    struct node *nodes;
    int count, cap;
    class_bits *classes;
    int class_count, class_cap;
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

/* ERE writes an operator as one character; BRE as a backslash and that character. */
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
    bits[0] &= (uint8_t)~1u;      /* never the terminating NUL */
}

static int bracket_item(struct parser *ps, class_bits bits)
{
    const char *p = ps->p;
    if (p[0] == '[' && p[1] == ':') {
        const char *end = strstr(p + 2, ":]");
        if (!end || named_class(p + 2, (size_t)(end - p - 2), bits) < 0)
            return fail(ps, "unknown character class");
        ps->p = end + 2;
        return 0;
    }
    unsigned char lo = (unsigned char)*p++, hi = lo;
    if (p[0] == '-' && p[1] && p[1] != ']') {
        hi = (unsigned char)p[1];
        p += 2;
        if (hi < lo)
            return fail(ps, "invalid range end");
    }
    for (unsigned c = lo; c <= hi; c++)
        set_bit(bits, (unsigned char)c);
    ps->p = p;
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
        return fail(ps, "unmatched [");
    ps->p++;
    finish_class(ps, *bits, negate);
    int n = new_node(ps, N_CLASS, -1);
    if (n >= 0)
        ps->nodes[n].c = (uint8_t)index;
    return n;
}

/* \w \W \s \S */
static int parse_shorthand(struct parser *ps, char which)
{
    class_bits *bits;
    int index = new_class(ps, &bits);
    if (index < 0)
        return -1;
    int word = which == 'w' || which == 'W';
    for (int c = 1; c < 256; c++)
        if (word ? isalnum(c) || c == '_' : isspace(c))
            set_bit(*bits, (unsigned char)c);
    finish_class(ps, *bits, which == 'W' || which == 'S');
    int n = new_node(ps, N_CLASS, -1);
    if (n >= 0)
        ps->nodes[n].c = (uint8_t)index;
    return n;
}

/* ---- the grammar: alternatives of sequences of repeated atoms ---- */

static int parse_alternatives(struct parser *ps);

static int literal(struct parser *ps, char c)
{
    int n = new_node(ps, N_CHAR, -1);
    if (n >= 0)
        ps->nodes[n].c = (uint8_t)(ps->icase ? tolower((unsigned char)c) : c);
    return n;
}

static int parse_group(struct parser *ps)
{
    if (ps->depth >= GROUP_DEPTH_MAX)
        return fail(ps, "groups nested too deep");
    skip_op(ps);
    ps->depth++;
    int inner = parse_alternatives(ps);
    if (inner < 0)
        return -1;
    if (!is_op(ps, ')'))
        return fail(ps, "unmatched (");
    skip_op(ps);
    ps->depth--;
    return new_node(ps, N_GROUP, inner);
}

static int parse_escape(struct parser *ps)
{
    char c = ps->p[1];
    if (!c)
        return fail(ps, "trailing backslash");
    ps->p += 2;
    if (c == 'w' || c == 'W' || c == 's' || c == 'S')
        return parse_shorthand(ps, c);
    return literal(ps, c);
}

static int parse_atom(struct parser *ps, int first)
{
    char c = *ps->p;
    if (c == '^' && (first || ps->ere)) {
        ps->p++;
        return new_node(ps, N_BOL, -1);
    }
    if (c == '$') {
        ps->p++;
        if (ps->ere || at_alternative_end(ps))
            return new_node(ps, N_EOL, -1);
        return literal(ps, '$');
    }
    if (c == '.') {
        ps->p++;
        return new_node(ps, N_ANY, -1);
    }
    if (c == '[')
        return parse_bracket(ps);
    if (is_op(ps, '('))
        return parse_group(ps);
    if (c == '\\')
        return parse_escape(ps);
    ps->p++;
    return literal(ps, c);      /* also a * + ? with nothing before it to repeat */
}

static int read_count(struct parser *ps)
{
    int n = 0, digits = 0;
    while (isdigit((unsigned char)*ps->p) && digits++ < 4)
        n = n * 10 + (*ps->p++ - '0');
    return digits ? n : -1;
}

/* {m}, {m,}, {m,n} (BRE: \{...\}); p is at the opening brace. */
static int parse_interval(struct parser *ps, int atom)
{
    skip_op(ps);
    int min = read_count(ps), max = min;
    if (*ps->p == ',') {
        ps->p++;
        max = read_count(ps);              /* -1: no limit */
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

static int parse_repeats(struct parser *ps, int first)
{
    int atom = parse_atom(ps, first);
    while (atom >= 0) {
        if (*ps->p == '*') {
            ps->p++;
            atom = new_node(ps, N_STAR, atom);
        } else if (is_op(ps, '+') || is_op(ps, '?')) {
            int type = is_op(ps, '+') ? N_PLUS : N_QUEST;
            skip_op(ps);
            atom = new_node(ps, type, atom);
        } else if (is_op(ps, '{') && (!ps->ere || isdigit((unsigned char)ps->p[1]))) {
            atom = parse_interval(ps, atom);
        } else {
            break;
        }
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

enum op { I_CHAR, I_ANY, I_CLASS, I_BOL, I_EOL, I_SPLIT, I_JMP, I_MATCH };

struct inst {
    uint8_t op, c;
    uint16_t x, y;                /* SPLIT: both ways; JMP: x */
};

struct regex {
    const char *literal;          /* a pattern without operators: searched as a plain string */
    int icase, size;
    struct inst *prog;
    class_bits *classes;
    uint16_t *now, *next, *stack;
    uint32_t *mark, turn;
};

struct compiler {
    const struct parser *ps;
    struct inst *prog;
    int size;
};

static int emit(struct compiler *cc, int op, int c)
{
    if (cc->size >= REGEX_PROGRAM_MAX)
        return -1;
    cc->prog[cc->size] = (struct inst){ (uint8_t)op, (uint8_t)c, 0, 0 };
    return cc->size++;
}

static int gen_sequence(struct compiler *cc, int n);

static int gen_quest(struct compiler *cc, int a)
{
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0 || gen_sequence(cc, a) < 0)
        return -1;
    cc->prog[split].x = (uint16_t)(split + 1);
    cc->prog[split].y = (uint16_t)cc->size;
    return 0;
}

static int gen_star(struct compiler *cc, int a)
{
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0 || gen_sequence(cc, a) < 0)
        return -1;
    int jump = emit(cc, I_JMP, 0);
    if (jump < 0)
        return -1;
    cc->prog[jump].x = (uint16_t)split;
    cc->prog[split].x = (uint16_t)(split + 1);
    cc->prog[split].y = (uint16_t)cc->size;
    return 0;
}

static int gen_plus(struct compiler *cc, int a)
{
    int start = cc->size;
    if (gen_sequence(cc, a) < 0)
        return -1;
    int split = emit(cc, I_SPLIT, 0);
    if (split < 0)
        return -1;
    cc->prog[split].x = (uint16_t)start;
    cc->prog[split].y = (uint16_t)cc->size;
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
    cc->prog[split].x = (uint16_t)(split + 1);
    cc->prog[split].y = (uint16_t)cc->size;
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
        return gen_star(cc, n->a);
    for (int i = n->min; i < n->max; i++)
        if (gen_quest(cc, n->a) < 0)
            return -1;
    return 0;
}

static int gen_node(struct compiler *cc, int index)
{
    const struct node *n = &cc->ps->nodes[index];
    switch (n->type) {
    case N_EMPTY: return 0;
    case N_CHAR: return emit(cc, I_CHAR, n->c);
    case N_ANY: return emit(cc, I_ANY, 0);
    case N_CLASS: return emit(cc, I_CLASS, n->c);
    case N_BOL: return emit(cc, I_BOL, 0);
    case N_EOL: return emit(cc, I_EOL, 0);
    case N_ALT: return gen_alt(cc, n->a, n->b);
    case N_STAR: return gen_star(cc, n->a);
    case N_PLUS: return gen_plus(cc, n->a);
    case N_QUEST: return gen_quest(cc, n->a);
    case N_REPEAT: return gen_repeat(cc, n);
    default: return gen_sequence(cc, n->a);              /* N_GROUP */
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

/* A pattern of plain characters only (most grep patterns): the machine is not needed. */
static int is_literal(const char *pattern, int ere)
{
    return !strpbrk(pattern, ere ? ".[]*^$\\+?(){}|" : ".[]*^$\\");
}

static struct regex *new_regex(const struct parser *ps, const struct inst *prog, int size,
                               const char *pattern)
{
    size_t n = (size_t)size, stack = 2 * n + 1, literal = strlen(pattern) + 1;
    size_t bytes = sizeof(struct regex) + n * sizeof(struct inst) +
                   (size_t)ps->class_count * sizeof(class_bits) + n * sizeof(uint32_t) +
                   (2 * n + stack) * sizeof(uint16_t) + literal;
    struct regex *re = calloc(1, bytes);
    if (!re)
        return NULL;
    re->size = size;
    re->icase = ps->icase;
    /* one allocation, widest members first so each part is aligned */
    re->mark = (uint32_t *)(re + 1);
    re->prog = (struct inst *)(re->mark + n);
    re->now = (uint16_t *)(re->prog + n);
    re->next = re->now + n;
    re->stack = re->next + n;
    re->classes = (class_bits *)(re->stack + stack);
    memcpy(re->prog, prog, n * sizeof(struct inst));
    memcpy(re->classes, ps->classes, (size_t)ps->class_count * sizeof(class_bits));
    if (is_literal(pattern, ps->ere))
        re->literal = memcpy(re->classes + ps->class_count, pattern, literal);
    return re;
}

static int compile(struct parser *ps, const char *pattern, struct regex **out)
{
    struct inst *prog = malloc(REGEX_PROGRAM_MAX * sizeof *prog);
    struct compiler cc = { ps, prog, 0 };
    int root = prog ? parse_alternatives(ps) : -1;
    if (!prog)
        return ERR_NOMEM;
    if (root >= 0 && *ps->p)
        root = fail(ps, "unmatched )");
    if (root >= 0 && (gen_sequence(&cc, root) < 0 || emit(&cc, I_MATCH, 0) < 0))
        root = fail(ps, "pattern too complex");
    if (root >= 0 && !(*out = new_regex(ps, prog, cc.size, pattern)))
        root = fail(ps, "out of memory");
    free(prog);
    return root < 0 ? ERR_INVAL : 0;
}

int regex_compile(const char *pattern, int flags, struct regex **out, const char **why)
{
    size_t len = strlen(pattern);
    struct parser ps = { .p = pattern, .ere = flags & REGEX_EXTENDED, .icase = flags & REGEX_ICASE };
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
    int r = ps.nodes && ps.classes ? compile(&ps, pattern, out) : ERR_NOMEM;
    free(ps.nodes);
    free(ps.classes);
    *why = r == ERR_NOMEM ? "out of memory" : ps.why;
    return r;
}

void regex_free(struct regex *re)
{
    free(re);
}

/* ---- the machine ---- */

/* Adds the thread at pc to list, following JMP, SPLIT and the anchors at once (each
 * instruction once per turn, which also ends loops that match nothing). */
static void add_thread(struct regex *re, uint16_t *list, int *count, int pc, const char *text,
                       const char *at)
{
    int sp = 0;
    re->stack[sp++] = (uint16_t)pc;
    while (sp > 0) {
        pc = re->stack[--sp];
        if (re->mark[pc] == re->turn)
            continue;
        re->mark[pc] = re->turn;
        const struct inst *i = &re->prog[pc];
        if (i->op == I_JMP)
            re->stack[sp++] = i->x;
        else if (i->op == I_SPLIT) {
            re->stack[sp++] = i->y;
            re->stack[sp++] = i->x;
        } else if (i->op == I_BOL) {
            if (at == text)
                re->stack[sp++] = (uint16_t)(pc + 1);
        } else if (i->op == I_EOL) {
            if (!*at)
                re->stack[sp++] = (uint16_t)(pc + 1);
        } else {
            list[(*count)++] = (uint16_t)pc;
        }
    }
}

static void next_turn(struct regex *re)
{
    if (++re->turn == 0) {                   /* wrapped: old marks would look current */
        memset(re->mark, 0, (size_t)re->size * sizeof *re->mark);
        re->turn = 1;
    }
}

static int step_matches(const struct regex *re, const struct inst *i, unsigned char c)
{
    switch (i->op) {
    case I_CHAR: return i->c == c;
    case I_ANY: return 1;
    case I_CLASS: return has_bit(re->classes[i->c], c);
    default: return 0;
    }
}

int regex_search(struct regex *re, const char *text)
{
    if (re->literal)
        return (re->icase ? str_casestr(text, re->literal) : strstr(text, re->literal)) != NULL;
    const char *at = text;
    int count = 0;
    next_turn(re);
    add_thread(re, re->now, &count, 0, text, at);
    for (;;) {
        for (int i = 0; i < count; i++)
            if (re->prog[re->now[i]].op == I_MATCH)
                return 1;
        if (!*at)
            return 0;
        unsigned char c = (unsigned char)*at;
        if (re->icase)
            c = (unsigned char)tolower(c);       /* the pattern was folded when compiled */
        int next_count = 0;
        next_turn(re);
        for (int i = 0; i < count; i++)
            if (step_matches(re, &re->prog[re->now[i]], c))
                add_thread(re, re->next, &next_count, re->now[i] + 1, text, at + 1);
        at++;
        add_thread(re, re->next, &next_count, 0, text, at);   /* a match may start here too */
        uint16_t *swap = re->now;
        re->now = re->next;
        re->next = swap;
        count = next_count;
    }
}
