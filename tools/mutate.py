#!/usr/bin/python3
"""make mutate: puts small deliberate bugs (mutations) into a copy of the source, one at a time,
rebuilds, and runs the tests that cover the mutated code. A mutation the tests do not notice
"survives": it shows a hole in the suite. The list is tools/mutations.txt.

Each mutation is a block of lines:
    # what the mutation breaks (one line, shown in the report)
    file: net/svc/ftpd.c
    find: if (!s->logged_in)          <- must occur exactly once in the file
    replace: if (0)                   <- may be empty: the check is removed
    (in find and replace, \n stands for a line break, so a mutation can span lines)
    tests: tests/e2e/test_net_ftp.py -k login      (pytest arguments), or
    unit: test_flashfs                              (a ctest name)
Blocks are separated by blank lines. A `find` that no longer matches once is reported as
stale, so the list stays true to the code as the code changes.

Usage: tools/mutate.py [-k SUBSTRING] [--list FILE] [--keep]
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
TEST_TIMEOUT = 300          # seconds for one mutation's tests; a hang counts as caught


def parse(path):
    mutations, block = [], {}
    for raw in open(path).read().split("\n") + [""]:
        line = raw.rstrip()
        if not line:
            if block:
                mutations.append(block)
            block = {}
        elif line.startswith("#"):
            block["why"] = line.lstrip("# ")
        else:
            key, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            block[key.strip()] = value.replace("\\n", "\n")
    mutations = [m for m in mutations if set(m) != {"why"}]    # comment-only blocks
    for m in mutations:
        missing = {"why", "file", "find", "replace"} - set(m) or (
            set() if ("tests" in m or "unit" in m) else {"tests or unit"})
        if missing:
            sys.exit(f"mutate: a mutation lacks {', '.join(sorted(missing))}: {m}")
    return mutations


def copy_tree(dest):
    """The working tree as it is (committed or not), without builds or git."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(REPO, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "node_modules", "__pycache__"))
    nm = os.path.join(REPO, "tests/browser/node_modules")
    if os.path.isdir(nm):
        os.symlink(nm, os.path.join(dest, "tests/browser/node_modules"))


def build(src):
    b = os.path.join(src, "build/posix")
    r = subprocess.run(["cmake", "-S", src, "-B", b, "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], capture_output=True)
    if r.returncode == 0:
        r = subprocess.run(["ninja", "-C", b, "--quiet"], capture_output=True)
    return r.returncode == 0, (r.stdout + r.stderr).decode(errors="replace")


def run_tests(src, m):
    if "unit" in m:
        cmd = ["ctest", "--timeout", "300", "-R", m["unit"]]
        cwd = os.path.join(src, "build/posix")
    else:
        cmd = [PY, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *shlex.split(m["tests"])]
        cwd = src
    try:
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=TEST_TIMEOUT)
        return r.returncode == 0
    except subprocess.TimeoutExpired:
        return False


def main():
    ap = argparse.ArgumentParser(description="source mutations against the test suite")
    ap.add_argument("-k", help="only mutations whose file or description contains this")
    ap.add_argument("--list", default=os.path.join(REPO, "tools/mutations.txt"))
    ap.add_argument("--keep", action="store_true", help="keep the scratch copy")
    args = ap.parse_args()
    mutations = [m for m in parse(args.list)
                 if not args.k or args.k in m["file"] or args.k in m["why"]]
    src = os.path.join(REPO, "build/mutate")
    copy_tree(src)
    ok, log = build(src)
    if not ok:
        sys.exit("mutate: the unmutated copy does not build:\n" + log[-2000:])

    # The tests must pass on the unmutated code, or a "caught" would mean nothing.
    selections = {m.get("unit") or m["tests"]: m for m in mutations}
    for sel, m in selections.items():
        if not run_tests(src, m):
            sys.exit(f"mutate: the tests fail without any mutation: {sel}")

    caught, survived, stale, broken = [], [], [], []
    for n, m in enumerate(mutations, 1):
        path = os.path.join(src, m["file"])
        text = open(path).read()
        where = f"{m['file']}: {m['why']}"
        if text.count(m["find"]) != 1:
            stale.append(where)
            print(f"[{n}/{len(mutations)}] STALE     {where}", flush=True)
            continue
        open(path, "w").write(text.replace(m["find"], m["replace"]))
        start = time.time()
        built, log = build(src)
        if not built:
            broken.append(where)
            verdict = "NO BUILD "
        elif run_tests(src, m):
            survived.append(where)
            verdict = "SURVIVED "
        else:
            caught.append(where)
            verdict = "caught   "
        open(path, "w").write(text)
        print(f"[{n}/{len(mutations)}] {verdict} {where} ({time.time() - start:.0f} s)", flush=True)
    build(src)
    if not args.keep:
        shutil.rmtree(src, ignore_errors=True)

    print(f"\n{len(caught)} caught, {len(survived)} survived, {len(stale)} stale, "
          f"{len(broken)} did not build, of {len(mutations)} mutations")
    for title, items in (("survived (a hole in the tests)", survived),
                         ("stale (the code changed: update tools/mutations.txt)", stale),
                         ("did not build (fix the mutation)", broken)):
        if items:
            print(title + ":")
            for w in items:
                print("  " + w)
    sys.exit(0 if not (survived or stale or broken) else 1)


if __name__ == "__main__":
    main()
