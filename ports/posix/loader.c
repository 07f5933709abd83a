/* Program modules on posix: an ELF shared object for the host, checked here, then loaded by
 * the host's dynamic loader with its symbols kept to itself (RTLD_LOCAL). The check is the
 * one an MCU loader makes: the right architecture, a sound file, and no undefined symbol
 * beyond the kernel's export list (the executable exports exactly that list). */
#include <dlfcn.h>
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hal/loader.h"
#include "lib/err.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#else
#error "loader.c: add this host's ELF machine"
#endif

struct hal_module {
    void *handle;
    size_t size;
};

/* Writes the reason into why and returns err. */
static int refuse(char *why, size_t n, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return err;
}

static const char *machine_name(unsigned machine)
{
    switch (machine) {
    case EM_X86_64: return "x86-64";
    case EM_386: return "x86";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AArch64";
    case EM_RISCV: return "RISC-V";
    case 94: return "Xtensa";
    default: return "an unknown machine";
    }
}

/* Everything the checks read lies inside the image, aligned for the structures read there. */
static int inside(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off && off % 8 == 0;
}

static int check_header(const unsigned char *img, size_t size, char *why, size_t n)
{
    const Elf64_Ehdr *h = (const void *)img;
    if (size < 4 || memcmp(img, ELFMAG, SELFMAG) != 0)
        return refuse(why, n, ERR_INVAL, "not a program module");
    if (size < EI_NIDENT + 4)
        return refuse(why, n, ERR_INVAL, "corrupt module (truncated header)");
    if (img[EI_CLASS] < ELFCLASS32 || img[EI_CLASS] > ELFCLASS64 || img[EI_DATA] < ELFDATA2LSB ||
        img[EI_DATA] > ELFDATA2MSB || img[EI_VERSION] != EV_CURRENT)
        return refuse(why, n, ERR_INVAL, "corrupt module (bad ELF identification)");
    unsigned machine = img[EI_DATA] == ELFDATA2MSB ? (unsigned)(img[18] << 8 | img[19])
                                                    : (unsigned)(img[19] << 8 | img[18]);
    if (machine != HOST_MACHINE || img[EI_CLASS] != ELFCLASS64 || img[EI_DATA] != ELFDATA2LSB)
        return refuse(why, n, ERR_INVAL, "wrong architecture: built for %s, this system runs %s",
                      machine_name(machine), machine_name(HOST_MACHINE));
    if (size < sizeof *h || h->e_type != ET_DYN || h->e_shentsize != sizeof(Elf64_Shdr) ||
        !inside(size, h->e_shoff, (uint64_t)h->e_shnum * sizeof(Elf64_Shdr)) ||
        h->e_phentsize != sizeof(Elf64_Phdr) ||
        !inside(size, h->e_phoff, (uint64_t)h->e_phnum * sizeof(Elf64_Phdr)))
        return refuse(why, n, ERR_INVAL, "corrupt module (bad ELF header)");
    return 0;
}

static int exported(const char *name, const struct hal_symbol *exports, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(exports[i].name, name) == 0)
            return 1;
    return 0;
}

/* Every undefined symbol of the dynamic symbol table must be one the kernel exports. */
static int check_symbols(const unsigned char *img, size_t size, const struct hal_symbol *exports,
                         size_t count, char *why, size_t n)
{
    const Elf64_Ehdr *h = (const void *)img;
    const Elf64_Shdr *sh = (const void *)(img + h->e_shoff);
    for (unsigned i = 0; i < h->e_shnum; i++) {
        if (sh[i].sh_type != SHT_DYNSYM)
            continue;
        if (sh[i].sh_link >= h->e_shnum || sh[i].sh_entsize != sizeof(Elf64_Sym) ||
            !inside(size, sh[i].sh_offset, sh[i].sh_size))
            return refuse(why, n, ERR_INVAL, "corrupt module (bad symbol table)");
        const Elf64_Shdr *strtab = &sh[sh[i].sh_link];
        if (strtab->sh_offset > size || strtab->sh_size > size - strtab->sh_offset ||
            strtab->sh_size == 0 ||
            img[strtab->sh_offset + strtab->sh_size - 1] != '\0')
            return refuse(why, n, ERR_INVAL, "corrupt module (bad string table)");
        const Elf64_Sym *sym = (const void *)(img + sh[i].sh_offset);
        for (size_t s = 0; s < sh[i].sh_size / sizeof *sym; s++) {
            if (sym[s].st_shndx != SHN_UNDEF || sym[s].st_name == 0)
                continue;
            if (sym[s].st_name >= strtab->sh_size)
                return refuse(why, n, ERR_INVAL, "corrupt module (bad symbol name)");
            const char *name = (const char *)img + strtab->sh_offset + sym[s].st_name;
            if (!exported(name, exports, count))
                return refuse(why, n, ERR_NOTSUP, "needs '%s', which the system does not export",
                              name);
        }
        return 0;
    }
    return refuse(why, n, ERR_INVAL, "corrupt module (no symbol table)");
}

static size_t loaded_size(const unsigned char *img)
{
    const Elf64_Ehdr *h = (const void *)img;
    const Elf64_Phdr *ph = (const void *)(img + h->e_phoff);
    size_t total = 0;
    for (unsigned i = 0; i < h->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD)
            total += ph[i].p_memsz;
    return total;
}

/* The host loader wants a file: the image goes to a private temporary one, gone once open. */
static void *open_image(const void *image, size_t size, char *why, size_t n)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/upyos-module-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, n, "no temporary file for the loader");
        return NULL;
    }
    ssize_t w = write(fd, image, size);
    close(fd);
    void *handle = NULL;
    if (w == (ssize_t)size)
        handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    else
        snprintf(why, n, "no room for a temporary copy");
    if (!handle && w == (ssize_t)size) {
        const char *e = dlerror();
        const char *colon = e ? strrchr(e, ':') : NULL;   /* drop the temporary path */
        snprintf(why, n, "cannot load:%s", colon ? colon + 1 : " unknown error");
    }
    unlink(path);
    return handle;
}

int hal_module_load(const void *image, size_t size, const struct hal_symbol *exports,
                    size_t count, hal_module_t **out, char *why, size_t why_size)
{
    int r = check_header(image, size, why, why_size);
    if (r == 0)
        r = check_symbols(image, size, exports, count, why, why_size);
    if (r < 0)
        return r;
    struct hal_module *m = malloc(sizeof *m);
    if (!m)
        return refuse(why, why_size, ERR_NOMEM, "out of memory");
    m->size = loaded_size(image);
    if (!(m->handle = open_image(image, size, why, why_size))) {
        free(m);
        return ERR_INVAL;
    }
    *out = m;
    return 0;
}

void *hal_module_symbol(hal_module_t *m, const char *name)
{
    return dlsym(m->handle, name);
}

size_t hal_module_size(const hal_module_t *m)
{
    return m->size;
}

void hal_module_unload(hal_module_t *m)
{
    if (m) {
        dlclose(m->handle);
        free(m);
    }
}
