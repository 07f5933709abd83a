#include "lib/resource.h"

void owner_init(struct owner *o)
{
    o->held.next = o->held.prev = &o->held;
}

void owner_add(struct owner *o, struct resource *r)
{
    if (!o) {
        r->next = r->prev = r;
        return;
    }
    r->prev = o->held.prev;
    r->next = &o->held;
    o->held.prev->next = r;
    o->held.prev = r;
}

void owner_release_all(struct owner *o)
{
    while (o->held.prev != &o->held) {
        struct resource *r = o->held.prev;       /* newest first */
        resource_detach(r);
        r->release(r);
    }
}

void resource_detach(struct resource *r)
{
    r->prev->next = r->next;
    r->next->prev = r->prev;
    r->next = r->prev = r;
}
