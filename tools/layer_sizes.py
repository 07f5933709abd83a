#!/usr/bin/env python3
"""What a linked firmware spends, layer by layer (make size, through size-report.sh).

    layer_sizes.py ELF [--report FILE] [--layer NAME [--top N]]

Flash and static RAM: every symbol of the linked ELF (arm-none-eabi-nm -l -S, so only what
the linker kept) is put in the layer of the source file its debug information names
(layers.txt says which directory is which layer; ports/ is the port, a file outside the
tree the C library). Static variables that link-time optimisation left without a line are
found by name in the sources. Flash is code, constants and initialised data; RAM static
is initialised data and bss. What no symbol covers is a line of its own, so the column adds
up to arm-none-eabi-size's figure: string literals (merged across files, so no layer owns
them), the C library's assembly functions that declare no size, alignment.

--report FILE: the firmware's "stats" lines (mps2: heap block SIZE owner ADDR, one per heap
block in use at the prompt), itemised by the function that allocated each block.

--layer NAME: that layer's flash file by file, and its N largest symbols (--top, 20), to
find where a layer's code goes (e.g. --layer py on a build with Python turned on). For py,
also the flash of the module set (MODULE_FILES and the names only they use) as one figure.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NM = os.environ.get("NM", "arm-none-eabi-nm")
ADDR2LINE = os.environ.get("ADDR2LINE", "arm-none-eabi-addr2line")
SIZE = os.environ.get("SIZE", "arm-none-eabi-size")
PORT, LIBC = "port (hal)", "C library"


def layer_dirs():
    """(directory, layer) from layers.txt, longest directory first (net/svc before net)."""
    dirs = []
    for line in open(os.path.join(REPO, "layers.txt")):
        words = line.split("#")[0].split()
        if len(words) >= 3 and words[0] in ("layer", "interface"):
            dirs.append((words[2].rstrip("/") + "/", words[1]))
    return sorted(dirs, key=lambda d: -len(d[0]))


DIRS = layer_dirs()


def layer_of(path):
    path = os.path.normpath(path)
    if not path.startswith(REPO + os.sep):
        return LIBC
    rel = os.path.relpath(path, REPO)
    rel = re.sub(r"^build/[^/]+/layers/[^/]+/", "", rel)    # a header seen through a layer's view
    if rel.startswith("ports/") or rel.endswith("rootfs_image.c"):
        return PORT
    generated = {"command_table.c": "cmd", "sdk_exports.c": "kernel", "py_frozen.c": "py"}
    if os.path.basename(rel) in generated:
        return generated[os.path.basename(rel)]
    for d, name in DIRS:
        if rel.startswith(d):
            return name
    return "other"


class SourceIndex:
    """Finds where a static variable without debug line is defined, by its name."""

    def __init__(self, generated):
        self.files = []
        for top in [os.path.join(REPO, d) for d, _ in DIRS] + [os.path.join(REPO, "ports"), generated]:
            for root, _, names in os.walk(top):
                for n in names:
                    if n.endswith((".c", ".h")):
                        p = os.path.join(root, n)
                        self.files.append((p, open(p, errors="replace").read()))

    def find(self, name, linked):
        """The first file defining name in a layer the firmware links (linked: layer names)."""
        base = re.sub(r"\.(lto_priv\.)?\d+$", "", name)
        at_file_scope = re.compile(r"^[A-Za-z_].*\b%s\s*(\[|=|;)" % re.escape(base), re.M)
        in_function = re.compile(r"^\s+static\b.*\b%s\s*(\[|=|;)" % re.escape(base), re.M)
        for pattern in (at_file_scope, in_function):
            for path, text in self.files:
                if layer_of(path) in linked and pattern.search(text):
                    return path
        return None


def symbols(elf):
    out = subprocess.run([NM, "-l", "-S", "--size-sort", elf], check=True,
                         capture_output=True, text=True).stdout
    seen = set()
    for line in out.splitlines():
        where = line.split("\t")[1] if "\t" in line else None
        fields = line.split("\t")[0].split()
        if len(fields) != 4:
            continue
        addr, size, kind, name = int(fields[0], 16), int(fields[1], 16), fields[2], fields[3]
        if addr in seen:                     # aliases: vfprintf and __d_vfprintf
            continue
        seen.add(addr)
        yield addr, size, kind, name, where.rsplit(":", 1)[0] if where else None


def placed_symbols(elf):
    """(size, kind, name, source path) of every symbol, static variables found by name."""
    index = None
    found = list(symbols(elf))
    linked = {layer_of(path) for *_, path in found if path}
    for addr, size, kind, name, path in found:
        if path is None:
            # the generated sources (build/PORT/generated) are beside the port's directory
            index = index or SourceIndex(os.path.abspath(os.path.join(os.path.dirname(elf), "..", "..", "generated")))
            path = index.find(name, linked) or "/" + name
        yield size, kind, name, path


def linked_sizes(elf):
    flash = collections.Counter()
    ram = collections.Counter()
    for size, kind, name, path in placed_symbols(elf):
        layer = layer_of(path)
        if kind in "bB":
            ram[layer] += size
        elif kind in "dD":
            flash[layer] += size
            ram[layer] += size
        else:
            flash[layer] += size
    return flash, ram


def elf_size(elf):
    out = subprocess.run([SIZE, elf], check=True, capture_output=True, text=True).stdout
    text, data, bss = (int(x) for x in out.splitlines()[1].split()[:3])
    return text, data, bss


def print_layers(elf):
    if not any(path and path.startswith(REPO) for *_, path in symbols(elf)):
        print("  (no debug information: configure the build directory afresh, the toolchain "
              "file adds -g)")
    flash, ram = linked_sizes(elf)
    text, data, bss = elf_size(elf)
    last = [PORT, LIBC, "other"]
    order = sorted(set(flash) | set(ram), key=lambda n: (last.index(n) if n in last else -1, n))
    print(f"  {'after linking':<14} {'flash':>8} {'RAM static':>11}   (symbols of the linked ELF, by source)")
    for n in order:
        print(f"  {n:<14} {flash[n]:>8} {ram[n]:>11}")
    print(f"  {'no symbol':<14} {text + data - sum(flash.values()):>8} "
          f"{data + bss - sum(ram.values()):>11}   (string literals, C library assembly, alignment)")
    print(f"  {'total':<14} {text + data:>8} {data + bss:>11}")


def print_layer_files(elf, layer, top):
    files = collections.Counter()
    biggest = []
    for size, kind, name, path in placed_symbols(elf):
        if kind in "bB" or layer_of(path) != layer:
            continue
        rel = re.sub(r"^build/[^/]+/layers/[^/]+/", "", os.path.relpath(path, REPO))
        files[rel] += size
        biggest.append((size, name, rel))
    if not files:                        # a layer this firmware does not link
        return
    print(f"  {layer}: flash by file ({sum(files.values())} bytes)")
    for rel, size in files.most_common():
        print(f"    {size:>7}  {rel}")
    if layer == "py":
        print_module_set(files, {re.sub(r"\.(lto_priv\.)?\d+$", "", name): size
                                 for size, name, _ in biggest if name.startswith(NAME_TABLES)})
    print(f"  {layer}: the {top} largest symbols")
    for size, name, rel in sorted(biggest, reverse=True)[:top]:
        print(f"    {size:>7}  {name:<36} {rel}")


# The module set: the native modules (MODULE_FILES: py/mod/; struct, binascii and hashlib in
# py/modules.c; _thread's threads in py/thread.c) and the modules written in Python
# (FROZEN_FILES: the generated table of py/lib and its unpacker). Not in it: the modules
# the interpreter itself holds (sys, time, math, gc in py/builtins.c).
MODULE_FILES = re.compile(r"^(py/mod/|py/modules\.c$|py/thread\.c$)")
FROZEN_FILES = re.compile(r"^(py/frozen\.[ch]|build/[^/]+/generated/py_frozen\.c)$")


# The predefined names' tables (py/str.c): a type word and an offset per name, and the pool of
# their text.
NAME_TABLES = ("py_qstrs", "qstr_off")


def module_names(tables):
    """Flash of the predefined names only the modules use (py/mod/names.h): their share of the
    name tables (tables: symbol sizes, a type word and an offset per name) and their bytes in the
    pool of names, each NUL-ended."""
    def names(header, macro):
        """The strings of a Q(id, "name") list macro: its lines up to the first without a \\."""
        lines = open(os.path.join(REPO, header)).read().split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("#define " + macro))
        end = next(i for i in range(start, len(lines)) if not lines[i].rstrip().endswith("\\"))
        return re.findall(r'\bQ\(\w+,\s*"((?:[^"\\\\]|\\\\.)*)"\)', "\n".join(lines[start:end + 1]))
    core = names("py/qstr.h", "QSTR_LIST(Q)")
    mod = names("py/mod/names.h", "QSTR_MOD_LIST(Q)")
    entry = sum(tables.get(name, 0) for name in NAME_TABLES) // (len(core) + len(mod))
    return len(mod), len(mod) * entry + sum(len(n) + 1 for n in mod)


def print_module_set(files, tables):
    code = sum(size for rel, size in files.items() if MODULE_FILES.match(rel))
    frozen = sum(size for rel, size in files.items() if FROZEN_FILES.match(rel))
    count, names = module_names(tables)
    print(f"  py: the module set {code + frozen:>7} bytes of flash (native modules {code}, frozen "
          f"py/lib {frozen}); {code + frozen + names} with their {count} predefined names ({names})")


def print_heap(elf, report):
    blocks = [(int(m.group(1)), m.group(2)) for m in
              re.finditer(r"mps2: heap block (\d+) owner (0x[0-9a-f]+)", open(report).read())]
    if not blocks:
        return
    owners = sorted({o for _, o in blocks})
    out = subprocess.run([ADDR2LINE, "-f", "-e", elf] + [hex(int(o, 16) - 1) for o in owners],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    named = {o: (out[2 * i], out[2 * i + 1].split(":")[0]) for i, o in enumerate(owners)}
    total = collections.Counter()
    count = collections.Counter()
    for size, owner in blocks:
        fn, path = named[owner]
        key = (fn, layer_of(path) if path != "??" else "?")
        total[key] += size
        count[key] += 1
    print(f"  heap in use at the prompt, by the function that allocated it "
          f"({sum(s for s, _ in blocks)} bytes in {len(blocks)} blocks, headers included):")
    for (fn, layer), size in total.most_common():
        print(f"    {size:>7}  {fn:<28} {layer:<12} {count[(fn, layer)]:>3} block(s)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("elf")
    ap.add_argument("--report", help="the firmware's stats lines")
    ap.add_argument("--layer", help="one layer's flash by file and its largest symbols")
    ap.add_argument("--top", type=int, default=20, help="how many symbols --layer lists")
    args = ap.parse_args()
    if args.layer:
        print_layer_files(args.elf, args.layer, args.top)
        return
    print_layers(args.elf)
    if args.report:
        print_heap(args.elf, args.report)


if __name__ == "__main__":
    sys.exit(main())
