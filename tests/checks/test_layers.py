"""No layer of the core includes a higher one (layers.txt says which layer sees which; the
build enforces the same table with an include directory per layer, tools/layers.cmake).
Run as a program it prints the include graph between layers: includes per pair."""
import collections
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def read_table(root):
    """{name: (directory, [seen names])} in the table's order, and {name: [exceptions]}."""
    entries, exceptions = {}, collections.defaultdict(list)
    with open(os.path.join(root, "layers.txt"), encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            kind, name, rest = words[0], words[1], words[2:]
            if kind in ("layer", "interface"):
                assert all(s in entries for s in rest[1:]), f"{name} sees a name not above it"
                entries[name] = (rest[0], rest[1:])
            elif kind == "exception":
                exceptions[name] += rest
            else:
                raise ValueError(f"layers.txt: cannot read {line!r}")
    return entries, exceptions


def may_include(entries, exceptions):
    """{name: the names its files may include}: itself, what it sees and what those see in
    turn, and its exceptions."""
    seen = {}
    for name, (_, sees) in entries.items():
        seen[name] = {name}.union(*({s} | seen[s] for s in sees))
    return {name: seen[name] | set(exceptions.get(name, ())) for name in entries}


def owner(entries, path):
    """The layer or interface whose directory holds path (the innermost: net/svc, not net)."""
    best = None
    for name, (directory, _) in entries.items():
        if path.startswith(directory + "/") and (best is None or
                                                len(directory) > len(entries[best][0])):
            best = name
    return best


def resolve(root, source, target):
    """The file an #include "target" in source names, relative to root, or None."""
    here = os.path.dirname(source)
    for candidate in (os.path.join(here, target), target, os.path.join("include", target)):
        candidate = os.path.normpath(candidate)
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
    return None


def includes(root):
    """(file, line number, its layer, the included file, that file's layer or None) for every
    #include "..." of every .c and .h file in a layer's directory."""
    entries, _ = read_table(root)
    for directory, _ in entries.values():
        for dirpath, _, files in os.walk(os.path.join(root, directory)):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                source = os.path.relpath(os.path.join(dirpath, f), root)
                layer = owner(entries, source)
                if entries[layer][0] != directory:
                    continue                        # net/svc/x.c is walked under net/svc
                with open(os.path.join(root, source), encoding="utf-8") as text:
                    content = text.read()
                for m in INCLUDE.finditer(content):
                    target = resolve(root, source, m.group(1))
                    if target is None:
                        continue                    # generated, or a module's SDK include
                    line = content.count("\n", 0, m.start()) + 1
                    yield source, line, layer, target, owner(entries, target)


def wrong_includes(root):
    """Every include of a file its layer may not see (a higher layer, or outside the layers)."""
    entries, exceptions = read_table(root)
    allowed = may_include(entries, exceptions)
    return [f"{source}:{line}: {layer} includes {target} ({other or 'no layer'})"
            for source, line, layer, target, other in includes(root)
            if other not in allowed[layer]]


def unused_exceptions(root):
    """The exceptions no include needs any more: the line in layers.txt can go."""
    entries, exceptions = read_table(root)
    used = {(layer, other) for _, _, layer, _, other in includes(root)}
    return [f"{layer} -> {other}" for layer, others in exceptions.items() for other in others
            if (layer, other) not in used]


def graph(root):
    """{(layer, included layer): count} between different layers."""
    counts = collections.Counter((layer, other) for _, _, layer, _, other in includes(root)
                                 if other and other != layer)
    return counts


def test_no_layer_includes_one_it_may_not_see():
    assert wrong_includes(REPO) == []


def test_every_exception_is_still_needed():
    assert unused_exceptions(REPO) == [], "delete these lines from layers.txt"


def test_the_check_reads_the_whole_core():
    files = {source for source, *_ in includes(REPO)}
    assert {"fs/vfs.c", "kernel/boot.c", "net/svc/httpd.c", "cmd/net/ping.c"} <= files


def fake_tree(tmp_path, files, exceptions=""):
    """A tree of the given files under the real table, with these exceptions instead of its own."""
    with open(os.path.join(REPO, "layers.txt"), encoding="utf-8") as f:
        table = [line for line in f if not line.startswith("exception")]
    (tmp_path / "layers.txt").write_text("".join(table) + exceptions)
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    return str(tmp_path)


def test_a_new_upward_include_is_found(tmp_path):
    root = fake_tree(tmp_path, {
        "lib/str.h": "",
        "kernel/proc.h": '#include "lib/str.h"\n',
        "shell/shell.h": '#include "kernel/proc.h"\n',
        "net/socket.h": "",
        "net/svc/httpd.h": '#include "net/socket.h"\n',
        "lib/str.c": '#include "lib/str.h"\n#include "kernel/proc.h"\n',
        "net/socket.c": '#include "net/svc/httpd.h"\n',
        "net/svc/httpd.c": '#include "shell/shell.h"\n#include "../../cmd/ls.h"\n',
        "cmd/ls.h": "",
        "kernel/board.c": '#include "hal/board.h"\n#include "ports/posix/posix_port.h"\n',
        "include/hal/board.h": "",
        "ports/posix/posix_port.h": "",
    })
    assert wrong_includes(root) == [
        "lib/str.c:2: lib includes kernel/proc.h (kernel)",
        "kernel/board.c:2: kernel includes ports/posix/posix_port.h (no layer)",
        "net/socket.c:1: net includes net/svc/httpd.h (svc)",
        "net/svc/httpd.c:2: svc includes cmd/ls.h (cmd)",
    ]


def test_an_exception_allows_just_its_edge(tmp_path):
    files = {
        "kernel/proc.h": "",
        "shell/shell.h": "",
        "fs/vfs.c": '#include "kernel/proc.h"\n#include "shell/shell.h"\n',
    }
    root = fake_tree(tmp_path, files, "exception fs kernel\n")
    assert wrong_includes(root) == ["fs/vfs.c:2: fs includes shell/shell.h (shell)"]
    assert unused_exceptions(root) == []
    root = fake_tree(tmp_path, files, "exception fs kernel shell\nexception kernel shell\n")
    assert wrong_includes(root) == []
    assert unused_exceptions(root) == ["kernel -> shell"]


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else REPO
    order = list(read_table(REPO)[0])
    for (a, b), n in sorted(graph(root).items(),
                            key=lambda e: (order.index(e[0][0]), order.index(e[0][1]))):
        print(f"{a:>7} -> {b:<7} {n:4}")
