/* Owned resources: what must be released when its holder ends (an open file, a socket, a block
 * of memory). Embed a struct resource in the object, give it a release function and add it to
 * an owner. A process embeds an owner, so the layers below the kernel (fs, lib) can hand out
 * owned objects without knowing what a process is.
 *
 * Not locked: an owner's list is changed only by the thread that runs its holder, or while no
 * thread runs it yet or any more. */
#ifndef LIB_RESOURCE_H
#define LIB_RESOURCE_H

struct resource {
    struct resource *next, *prev;
    void (*release)(struct resource *r);
};

/* What something holds: a list of resources, oldest first. */
struct owner {
    struct resource held;       /* list head */
};

void owner_init(struct owner *o);
/* r belongs to o from now on; with o NULL it belongs to nobody (resource_detach still works). */
void owner_add(struct owner *o, struct resource *r);
/* Releases everything o holds, newest first, and leaves o empty. */
void owner_release_all(struct owner *o);
/* r no longer belongs to anybody (nothing happens if it did not). */
void resource_detach(struct resource *r);

#endif
