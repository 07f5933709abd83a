/* A small JSON reader and writer for configuration and board files and the HTTP API.
 * json_parse builds a tree of malloc'd nodes; json_free releases it. A text that stays in
 * RAM for long (system.conf, the board file) is kept as text instead, squeezed: a tree costs
 * a node of 32 bytes and an allocation per value, about four times the text. Its values are
 * read with json_parse_member, which builds only the member asked for. */
#ifndef LIB_JSON_H
#define LIB_JSON_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

/* The fields are in this order so that none pads: 32 bytes a node on a 32-bit MCU (40 with
 * the double after the pointers), where the parsed board file and system.conf stay in RAM. */
struct json {
    enum json_type type;
    int boolean;             /* JSON_BOOL */
    char *key;               /* member name when inside an object */
    char *str;               /* JSON_STRING */
    double num;              /* JSON_NUMBER */
    struct json *child;      /* first element or member (array, object) */
    struct json *next;       /* next sibling */
};

/* Returns NULL on a syntax error and, when err is given, a message with the offset. */
struct json *json_parse(const char *text, char *err, size_t err_size);
void json_free(struct json *j);
/* 0 when json_parse would accept text, else -1 and its message; builds nothing. */
int json_check(const char *text, char *err, size_t err_size);
/* A tree of the member key of the object text (a text json_check accepts), the other members
 * only walked over; NULL when there is no such member (or no memory). */
struct json *json_parse_member(const char *text, const char *key);
/* Removes the white space outside strings, in place; returns the new length. */
size_t json_squeeze(char *text);

struct json *json_get(const struct json *obj, const char *key);
const char *json_get_str(const struct json *obj, const char *key, const char *fallback);
int json_count(const struct json *arr);

struct json *json_new(enum json_type type);
struct json *json_new_str(const char *s);
struct json *json_new_num(double n);
/* Adds child to an array, or as member key of an object (replacing a member of that name). */
void json_add(struct json *parent, const char *key, struct json *child);

/* Serialises. indent 0: compact. Calls emit for each chunk. */
void json_write(const struct json *j, int indent, void (*emit)(void *ctx, const char *s, size_t n),
                void *ctx);
/* Serialises into a malloc'd string. */
char *json_to_string(const struct json *j, int indent);
/* A squeezed text (json_check accepts it, json_squeeze has been through it) laid out as
 * json_to_string lays out its tree with indent > 0, without building the tree: numbers and
 * strings stay as written. A malloc'd string, or NULL with no memory. */
char *json_text_indented(const char *text, int indent);

#endif
