/* re (ure): regular expressions on lib/regex, the system's engine (grep's), in its Python
 * syntax. The engine has no backtracking, so there are no back-references and no lookaround;
 * in exchange no pattern takes exponential time. A match's positions come from the engine in
 * bytes and are given to the program in characters. */
#include <stdlib.h>
#include <string.h>
#include "py/mod/mod.h"
#include "lib/err.h"
#include "lib/regex.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
enum { F_IGNORECASE = 2, F_MULTILINE = 8, F_DOTALL = 16, F_UNICODE = 32, F_ASCII = 256 };

extern const py_type py_re_pattern_type, py_re_match_type;
typedef struct { const py_type *type; pv source; int flags; struct regex *re; pv groupindex; } pattern_obj;
typedef struct { const py_type *type; pv pattern, string; int ncap; int32_t caps[]; } match_obj;

static pint int_arg(pv v, pint dflt) { return v && v != PV_NONE ? py_to_index(v) : dflt; }
static _Noreturn void re_error(const char *why) { py_raise(py_call1(py_cur->re_error, py_str_cstr(why))); }

/* ---- the subject: a str (UTF-8, positions in characters) or bytes ---- */
static bool is_text(pv v) { return IS(v, py_str_type); }
/* the bytes of a str or bytes; an empty bytes may have no buffer */
static const char *text_of(pv s, size_t *len) {
    const char *d = (const char *)py_mod_buffer(s, len);
    return d ? d : "";
}
static const char *subject(pattern_obj *p, pv s, size_t *len) {
    if (is_text(p->source) != is_text(s))
        py_raisef(&py_TypeError_type, is_text(s) ? "cannot use a bytes pattern on a string-like object" : "cannot use a string pattern on a bytes-like object");
    return text_of(s, len);
}
static pv slice_of(pv s, int32_t from, int32_t to) {
    size_t len;
    const char *d = text_of(s, &len);
    if (is_text(s)) return py_str_new(d + from, (size_t)(to - from));
    return py_bytes_new(&py_bytes_type, d + from, (size_t)(to - from));
}
/* a byte offset of s as a character index */
static pint char_index(pv s, int32_t off) {
    if (off < 0 || !is_text(s) || py_str_len(s) == py_str_clen(s)) return off;
    return (pint)py_mod_chars(py_str_data(s), (size_t)off);
}
/* the bytes of the character at `at`, `left` bytes before the end: never past the end, even
 * for text that is not well-formed UTF-8 (a file read as text) */
static size_t char_len(pv s, const char *at, size_t left) {
    if (!is_text(s)) return 1;
    uint8_t c = (uint8_t)*at;
    size_t k = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    return k < left ? k : left;
}

/* ---- Pattern ---- */
static void pattern_mark(pv o, gc_heap *h) {
    pattern_obj *p = (pattern_obj *)o;
    gc_mark(h, p->source); gc_mark_ptr(h, p->re); gc_mark(h, p->groupindex);
}
/* The engine compiles into malloc'd memory; the pattern keeps a copy in the program's heap,
 * so that it goes with the program. */
static pv compile_pattern(pv source, int flags) {
    size_t len;
    const char *src = text_of(source, &len);
    if (strlen(src) != len) re_error("NUL in a pattern is not supported");
    int rf = REGEX_PYTHON | (flags & F_IGNORECASE ? REGEX_ICASE : 0) | (flags & F_MULTILINE ? REGEX_MULTILINE : 0) |
             (flags & F_DOTALL ? REGEX_DOTALL : 0) | (is_text(source) ? 0 : REGEX_BYTES);
    if (flags & ~(F_IGNORECASE | F_MULTILINE | F_DOTALL | F_UNICODE | F_ASCII)) py_raisef(&py_ValueError_type, "unsupported flags");
    pattern_obj *p = NEW(pattern_obj, py_re_pattern_type);
    p->source = source;
    p->flags = flags | (is_text(source) && !(flags & F_ASCII) ? F_UNICODE : 0);
    p->groupindex = py_dict_new();
    struct regex *re;
    const char *why;
    int err = regex_compile(src, rf, &re, &why);
    if (err == ERR_NOMEM) py_raise(py_cur->memerr);
    if (err) re_error(why);
    size_t size = regex_size(re);
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) { regex_free(re); py_raise(py_try_catch(&t)); }
    p->re = gc_alloc(size, GC_RAW);
    py_try_end(&t);
    memcpy(p->re, re, size);
    regex_free(re);
    for (int g = 1; g <= regex_groups(p->re); g++) {
        const char *name = regex_group_name(p->re, g);
        if (*name) py_dict_set(p->groupindex, py_str_cstr(name), MKSMALL(g));
    }
    return (pv)p;
}
static pattern_obj *pattern_of(pv v, pv flags) {
    if (IS(v, py_re_pattern_type)) {
        if (flags && py_to_index(flags)) py_raisef(&py_ValueError_type, "cannot process flags argument with a compiled pattern");
        return (pattern_obj *)v;
    }
    if (!IS(v, py_str_type) && !IS(v, py_bytes_type)) py_raisef(&py_TypeError_type, "first argument must be string or compiled pattern");
    return (pattern_obj *)compile_pattern(v, flags ? (int)py_to_index(flags) : 0);
}

/* A match at or after start: a Match, or PV_NULL. */
static pv exec(pattern_obj *p, pv s, size_t start, int how) {
    size_t len;
    const char *text = subject(p, s, &len);
    int ncap = 2 * (regex_groups(p->re) + 1);
    int32_t caps[2 * (REGEX_GROUPS_MAX + 1)];
    if (!regex_exec(p->re, text, len, start, how, caps)) return PV_NULL;
    match_obj *m = (match_obj *)py_new_obj(sizeof(match_obj) + (size_t)ncap * sizeof(int32_t), &py_re_match_type);
    m->pattern = (pv)p;
    m->string = s;
    m->ncap = ncap;
    memcpy(m->caps, caps, (size_t)ncap * sizeof(int32_t));
    return (pv)m;
}
static pv match_or_none(pv m) { return m ? m : PV_NONE; }

/* Pattern.search(string) and the others; self a Pattern */
static pv p_search(int n, pv *a, pv kw) { return match_or_none(exec((pattern_obj *)a[0], a[1], 0, 0)); }
static pv p_match(int n, pv *a, pv kw) { return match_or_none(exec((pattern_obj *)a[0], a[1], 0, REGEX_ANCHORED)); }
static pv p_fullmatch(int n, pv *a, pv kw) { return match_or_none(exec((pattern_obj *)a[0], a[1], 0, REGEX_ANCHORED | REGEX_FULL)); }

/* The matches one after another, as sub, split, findall and finditer take them: after an
 * empty match the next may not be empty at the same place. At most limit (0: all). */
static pv all_matches(pattern_obj *p, pv s, pint limit) {
    size_t len;
    const char *text = subject(p, s, &len);
    pv list = py_list_new(0);
    size_t pos = 0;
    bool after_empty = false;
    while (pos <= len && (!limit || (pint)LIST(list)->len < limit)) {
        pv m = exec(p, s, pos, 0);
        match_obj *mo = (match_obj *)m;
        if (m && after_empty && mo->caps[0] == mo->caps[1] && (size_t)mo->caps[0] == pos) {
            if (pos >= len) break;
            m = exec(p, s, pos + char_len(s, text + pos, len - pos), 0);
            mo = (match_obj *)m;
        }
        if (!m) break;
        py_list_append(list, m);
        after_empty = mo->caps[0] == mo->caps[1];
        pos = (size_t)mo->caps[1];
        py_tick();
    }
    return list;
}

static pv group_value(match_obj *m, int g, pv dflt) {
    if (m->caps[2 * g] < 0) return dflt;
    return slice_of(m->string, m->caps[2 * g], m->caps[2 * g + 1]);
}
static int group_number(match_obj *m, pv g) {
    pint i = -1;
    if (IS(g, py_str_type)) {
        pv v = py_dict_get(((pattern_obj *)m->pattern)->groupindex, g);
        if (v) i = SMALL(v);
    } else if (py_is_int(g)) i = py_int_val(g);
    if (i < 0 || i >= m->ncap / 2) py_raisef(&py_IndexError_type, "no such group");
    return (int)i;
}

BI(p_findall) {
    pattern_obj *p = (pattern_obj *)a[0];
    pv ms = all_matches(p, a[1], 0), out = py_list_new(0);
    int groups = regex_groups(p->re);
    pv empty = slice_of(a[1], 0, 0);
    for (size_t i = 0; i < LIST(ms)->len; i++) {
        match_obj *m = (match_obj *)LIST(ms)->items[i];
        if (groups <= 1) { py_list_append(out, group_value(m, groups, empty)); continue; }
        pv t = py_tuple_new((size_t)groups);
        for (int g = 1; g <= groups; g++) TUPLE(t)->items[g - 1] = group_value(m, g, empty);
        py_list_append(out, t);
    }
    return out;
}
BI(p_finditer) { return py_iter(all_matches((pattern_obj *)a[0], a[1], 0)); }

BI(p_split) {
    pattern_obj *p = (pattern_obj *)a[0];
    pint maxsplit = int_arg(py_mod_arg(n - 1, a + 1, kw, 1, Q_maxsplit, PV_NULL), 0);
    pv out = py_list_new(0);
    if (maxsplit < 0) { py_list_append(out, a[1]); return out; }
    pv ms = all_matches(p, a[1], maxsplit);
    size_t len;
    subject(p, a[1], &len);
    int32_t last = 0;
    for (size_t i = 0; i < LIST(ms)->len; i++) {
        match_obj *m = (match_obj *)LIST(ms)->items[i];
        py_list_append(out, slice_of(a[1], last, m->caps[0]));
        for (int g = 1; g < m->ncap / 2; g++) py_list_append(out, group_value(m, g, PV_NONE));
        last = m->caps[1];
    }
    py_list_append(out, slice_of(a[1], last, (int32_t)len));
    return out;
}

/* The replacement for a match: repl called with it, or repl's template expanded (\1, \g<1>,
 * \g<name>, and the escapes of a string literal). */
static void expand(py_buf *o, match_obj *m, pv repl) {
    size_t len;
    const char *t = text_of(repl, &len);
    for (size_t i = 0; i < len; i++) {
        if (t[i] != '\\') { buf_addc(o, t[i]); continue; }
        if (++i >= len) re_error("bad escape (end of pattern)");
        char c = t[i];
        pv g = PV_NULL;
        if (c >= '0' && c <= '9') {
            int v = c - '0';
            if (i + 1 < len && t[i + 1] >= '0' && t[i + 1] <= '9') v = v * 10 + (t[++i] - '0');
            g = MKSMALL(v);
        } else if (c == 'g') {
            const char *close = i + 1 < len && t[i + 1] == '<' ? memchr(t + i + 2, '>', len - i - 2) : NULL;
            if (!close) re_error("missing group name");
            const char *name = t + i + 2;
            size_t nlen = (size_t)(close - name);
            bool digits = nlen > 0;
            for (size_t k = 0; k < nlen; k++) digits = digits && name[k] >= '0' && name[k] <= '9';
            g = digits ? py_new_int(strtol(name, NULL, 10)) : py_str_new(name, nlen);
            if (!digits && !py_dict_get(((pattern_obj *)m->pattern)->groupindex, g)) py_raisef(&py_IndexError_type, "unknown group name '%.*s'", (int)nlen, name);
            i = (size_t)(close - t);
        } else {
            static const char from[] = "ntrfva\\", to[] = "\n\t\r\f\v\a\\";
            const char *f = strchr(from, c);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) { if (!f) re_error("bad escape"); }
            if (f) buf_addc(o, to[f - from]);
            else { buf_addc(o, '\\'); buf_addc(o, c); }
            continue;
        }
        if (py_is_int(g) && (py_int_val(g) < 0 || py_int_val(g) >= m->ncap / 2)) re_error("invalid group reference");
        int k = group_number(m, g);
        if (m->caps[2 * k] >= 0) {
            size_t slen;
            const char *s = text_of(m->string, &slen);
            buf_add(o, s + m->caps[2 * k], (size_t)(m->caps[2 * k + 1] - m->caps[2 * k]));
        }
    }
}
static pv subn(pattern_obj *p, pv repl, pv s, pint count, bool with_count) {
    size_t len;
    const char *text = subject(p, s, &len);
    bool call = !IS(repl, py_str_type) && !IS(repl, py_bytes_type);
    if (!call && is_text(repl) != is_text(s)) py_raisef(&py_TypeError_type, "expected %s instance", is_text(s) ? "str" : "a bytes-like object");
    pv ms = all_matches(p, s, count < 0 ? 0 : count);
    if (count < 0) LIST(ms)->len = 0;
    py_buf o;
    buf_init(&o, len + 16);
    int32_t last = 0;
    for (size_t i = 0; i < LIST(ms)->len; i++) {
        match_obj *m = (match_obj *)LIST(ms)->items[i];
        buf_add(&o, text + last, (size_t)(m->caps[0] - last));
        if (call) {
            pv r = py_call1(repl, (pv)m);
            if (is_text(r) != is_text(s) || (!IS(r, py_str_type) && !IS(r, py_bytes_type)))
                py_raisef(&py_TypeError_type, "expected %s instance, %s found", is_text(s) ? "str" : "a bytes-like object", py_type_name(TYPE(r)));
            size_t rlen;
            const char *rd = text_of(r, &rlen);
            buf_add(&o, rd, rlen);
        } else expand(&o, m, repl);
        last = m->caps[1];
    }
    buf_add(&o, text + last, len - (size_t)last);
    pv out = is_text(s) ? py_str_new(o.p, o.n) : py_bytes_new(&py_bytes_type, o.p, o.n);
    if (!with_count) return out;
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = out;
    TUPLE(t)->items[1] = MKSMALL(LIST(ms)->len);
    return t;
}
static pv sub_call(int n, pv *a, pv kw, bool with_count) {
    pint count = int_arg(py_mod_arg(n - 1, a + 1, kw, 2, Q_count, PV_NULL), 0);
    return subn((pattern_obj *)a[0], a[1], a[2], count, with_count);
}
BI(p_sub) { return sub_call(n, a, kw, false); }
BI(p_subn) { return sub_call(n, a, kw, true); }

static pv pattern_getattr(pv o, pv name) {
    pattern_obj *p = (pattern_obj *)o;
    if (name == QS(pattern)) return p->source;
    if (name == QS(flags)) return MKSMALL(p->flags);
    if (name == QS(groups)) return MKSMALL(regex_groups(p->re));
    if (name == QS(groupindex)) return p->groupindex;
    return PV_NULL;
}
static pv pattern_repr(pv o) { return py_strf("re.compile(%s)", py_str_data(py_repr(((pattern_obj *)o)->source))); }
/* search(string) and the others take no pos or endpos, as MicroPython's; split, sub and subn
 * take their count by position too, as CPython's */
static const py_builtin pattern_methods[] = { METHOD_KW(search, p_search, 1, 1), METHOD_KW(match, p_match, 1, 1), METHOD_KW(fullmatch, p_fullmatch, 1, 1),
    METHOD_KW(findall, p_findall, 1, 1), METHOD_KW(finditer, p_finditer, 1, 1), METHOD_KW(split, p_split, 1, 2), METHOD_KW(sub, p_sub, 2, 3), METHOD_KW(subn, p_subn, 2, 3),
    METHODS_END };
const py_type py_re_pattern_type = { &py_type_type, "Pattern", .base = &py_object_type, .methods = pattern_methods,
    .repr = pattern_repr, .getattr = pattern_getattr, .mark = pattern_mark };

/* ---- Match ---- */
static void match_mark(pv o, gc_heap *h) { gc_mark(h, ((match_obj *)o)->pattern); gc_mark(h, ((match_obj *)o)->string); }
static match_obj *mself(pv *a) { return (match_obj *)a[0]; }
BI(m_group) {
    match_obj *m = mself(a);
    if (n <= 2) return group_value(m, n == 2 ? group_number(m, a[1]) : 0, PV_NONE);
    pv t = py_tuple_new((size_t)(n - 1));
    for (int i = 1; i < n; i++) TUPLE(t)->items[i - 1] = group_value(m, group_number(m, a[i]), PV_NONE);
    return t;
}
BI(m_groups) {
    match_obj *m = mself(a);
    pv dflt = py_mod_arg(n - 1, a + 1, kw, 0, Q_default, PV_NONE);
    pv t = py_tuple_new((size_t)(m->ncap / 2 - 1));
    for (int g = 1; g < m->ncap / 2; g++) TUPLE(t)->items[g - 1] = group_value(m, g, dflt);
    return t;
}
BI(m_groupdict) {
    match_obj *m = mself(a);
    pv dflt = py_mod_arg(n - 1, a + 1, kw, 0, Q_default, PV_NONE);
    pv index = ((pattern_obj *)m->pattern)->groupindex, d = py_dict_new();
    py_dict *di = (py_dict *)index;
    for (uint32_t i = 0; i < di->nent; i++)
        if (di->ent[i].key) py_dict_set(d, di->ent[i].key, group_value(m, (int)SMALL(di->ent[i].value), dflt));
    return d;
}
static int arg_group(match_obj *m, int n, pv *a) { return n > 1 ? group_number(m, a[1]) : 0; }
BI(m_start) { match_obj *m = mself(a); return MKSMALL(char_index(m->string, m->caps[2 * arg_group(m, n, a)])); }
BI(m_end) { match_obj *m = mself(a); return MKSMALL(char_index(m->string, m->caps[2 * arg_group(m, n, a) + 1])); }
BI(m_span) {
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = m_start(n, a, kw);
    TUPLE(t)->items[1] = m_end(n, a, kw);
    return t;
}
static pv match_getitem(pv o, pv k) { pv a[2] = { o, k }; return m_group(2, a, PV_NULL); }
static pv match_getattr(pv o, pv name) {
    match_obj *m = (match_obj *)o;
    if (name == QS(string_q)) return m->string;
    if (name == QS(re)) return m->pattern;
    if (name == QS(lastindex)) {
        /* the group that closed last: the one ending last, the outer one of nested groups */
        int best = 0;
        for (int g = 1; g < m->ncap / 2; g++)
            if (m->caps[2 * g] >= 0 && (!best || m->caps[2 * g + 1] > m->caps[2 * best + 1] ||
                                        (m->caps[2 * g + 1] == m->caps[2 * best + 1] && m->caps[2 * g] < m->caps[2 * best]))) best = g;
        return best ? MKSMALL(best) : PV_NONE;
    }
    return PV_NULL;
}
static pv match_repr(pv o) {
    match_obj *m = (match_obj *)o;
    pv a[1] = { o };
    pv span = m_span(1, a, PV_NULL);
    return py_strf("<re.Match object; span=(%d, %d), match=%s>", (int)SMALL(TUPLE(span)->items[0]), (int)SMALL(TUPLE(span)->items[1]),
                   py_str_data(py_repr(group_value(m, 0, PV_NONE))));
}
static const py_builtin match_methods[] = { METHOD(group, m_group, 0, ANY), METHOD_KW(groups, m_groups, 0, 1), METHOD_KW(groupdict, m_groupdict, 0, 1),
    METHOD(start, m_start, 0, 1), METHOD(end, m_end, 0, 1), METHOD(span, m_span, 0, 1), METHODS_END };
const py_type py_re_match_type = { &py_type_type, "Match", .base = &py_object_type, .methods = match_methods,
    .repr = match_repr, .getitem = match_getitem, .getattr = match_getattr, .mark = match_mark };

/* ---- the module's functions: a pattern (compiled now, or a Pattern) first ---- */
/* The module's functions are their Pattern method on the pattern compiled with flags: which
 * method is an index in this table, one word each where a wrapper passing its method, its
 * argument count and whether it has an optional one (split's maxsplit, sub's count) would
 * cost 28 bytes. From split on there is that optional argument; from sub on, one more. */
enum { F_SEARCH, F_MATCH, F_FULLMATCH, F_FINDALL, F_FINDITER, F_SPLIT, F_SUB, F_SUBN };
static pv (*const methods_of_re[])(int, pv *, pv) = { p_search, p_match, p_fullmatch, p_findall,
    p_finditer, p_split, p_sub, p_subn };
/* pattern, the method's nargs - 1 arguments, an optional one more, then flags */
static pv with_pattern(int n, pv *a, pv kw, int which) {
    pv args[4];
    int nargs = which >= F_SUB ? 3 : 2, m = nargs;
    bool extra = which >= F_SPLIT;
    py_copy_values(args, a, (size_t)nargs);
    if (extra && n > nargs) args[m++] = a[nargs];
    args[0] = (pv)pattern_of(a[0], py_mod_arg(n, a, kw, nargs + extra, Q_flags, PV_NULL));
    return methods_of_re[which](m, args, kw);    /* the method reads count or maxsplit from kw, not flags */
}
BI(re_compile) { return (pv)pattern_of(a[0], py_mod_arg(n, a, kw, 1, Q_flags, PV_NULL)); }
BI(re_search) { return with_pattern(n, a, kw, F_SEARCH); }
BI(re_match) { return with_pattern(n, a, kw, F_MATCH); }
BI(re_fullmatch) { return with_pattern(n, a, kw, F_FULLMATCH); }
BI(re_findall) { return with_pattern(n, a, kw, F_FINDALL); }
BI(re_finditer) { return with_pattern(n, a, kw, F_FINDITER); }
BI(re_split) { return with_pattern(n, a, kw, F_SPLIT); }
BI(re_sub) { return with_pattern(n, a, kw, F_SUB); }
BI(re_subn) { return with_pattern(n, a, kw, F_SUBN); }
/* escape(s): a backslash before every character that means something in a pattern */
BI(re_escape) {
    size_t len;
    const char *s = text_of(a[0], &len);
    py_buf o;
    buf_init(&o, len * 2 + 1);
    for (size_t i = 0; i < len; i++) {
        if (s[i] && strchr("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", s[i])) buf_addc(&o, '\\');
        buf_addc(&o, s[i]);
    }
    return is_text(a[0]) ? py_str_new(o.p, o.n) : py_bytes_new(&py_bytes_type, o.p, o.n);
}
static const py_builtin re_funcs[] = { FUNC_KW(compile_dummy, re_compile, 1, 2), FUNC_KW(search, re_search, 2, 3), FUNC_KW(match, re_match, 2, 3),
    FUNC_KW(fullmatch, re_fullmatch, 2, 3), FUNC_KW(findall, re_findall, 2, 3), FUNC_KW(finditer, re_finditer, 2, 3), FUNC_KW(split, re_split, 2, 4),
    FUNC_KW(sub, re_sub, 3, 5), FUNC_KW(subn, re_subn, 3, 5), FUNC_KW(escape, re_escape, 1, 1),
    MCONST(IGNORECASE, F_IGNORECASE), MCONST(I, F_IGNORECASE), MCONST(MULTILINE, F_MULTILINE), MCONST(M, F_MULTILINE),
    MCONST(DOTALL, F_DOTALL), MCONST(S, F_DOTALL), MCONST(UNICODE, F_UNICODE), MCONST(U, F_UNICODE),
    MCONST(ASCII, F_ASCII), MCONST(A, F_ASCII), METHODS_END };

pv py_mod_re(pv m) {
    py_mod_add(m, re_funcs);
    py_mod_set_error(m, "re", &py_cur->re_error);
    py_mod_set(m, "Pattern", (pv)&py_re_pattern_type);
    py_mod_set(m, "Match", (pv)&py_re_match_type);
    return m;
}
