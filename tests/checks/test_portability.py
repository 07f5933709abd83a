"""Rules of the tree that keep the core portable (DESIGN: Rules)."""
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORE = ["kernel", "term", "shell", "cmd", "fs", "net", "lib", "py"]
PLATFORM = re.compile(r'#\s*include\s*<(unistd|pthread|termios|dirent|fcntl|poll|dlfcn|signal|'
                      r'netdb|sys/[^>]*|netinet/[^>]*|arpa/[^>]*|malloc)\.h>')
STDOUT = re.compile(r'\b(printf|puts|putchar|fprintf\s*\(\s*std(out|err))\s*\(')


def core_sources():
    for top in CORE:
        for dirpath, _, files in os.walk(os.path.join(REPO, top)):
            for f in files:
                if f.endswith((".c", ".h")):
                    yield os.path.join(dirpath, f)


def test_there_is_a_core_to_check():
    assert len(list(core_sources())) > 20


def test_no_platform_header_outside_ports():
    bad = [(p, m.group(0)) for p in core_sources()
           for m in PLATFORM.finditer(open(p, encoding="utf-8").read())]
    assert bad == []


def test_core_never_prints_on_the_c_librarys_stdout():
    bad = []
    for p in core_sources():
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            code = line.split("//")[0]
            if STDOUT.search(code) and "snprintf" not in code and "vsnprintf" not in code:
                bad.append(f"{p}:{n}: {line.strip()}")
    assert bad == []
