#!/usr/bin/python3
"""Differential conformance runner for upyOS-C's Python interpreter.

Runs every tests/py/*.py under CPython (the oracle, /usr/bin/python3) and under
the interpreter (build/posix/tools/pyrun, or $UPYOS_PYRUN), and compares
stdout exactly, the exit status, the last line of stderr and the File lines of
a traceback.  See README.md.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ORACLE = "/usr/bin/python3"
DEFAULT_PYRUN = os.path.join(ROOT, "build", "posix", "tools", "pyrun")
PENDING = os.path.join(HERE, "pending.txt")
TIMEOUT = float(os.environ.get("UPYOS_PYTEST_TIMEOUT", "10"))


def read_pending(path):
    """Return an ordered dict name -> reason from pending.txt."""
    entries = {}
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            name, _, reason = text.partition("#")
            name = name.strip()
            if name:
                entries[name] = reason.strip() or "fails"
    return entries


def write_pending(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Programs the interpreter does not pass yet: NAME  # reason\n")
        f.write("# Written by `run.py --update-pending`; reasons of kept entries are kept.\n")
        width = max([len(n) for n in entries] + [0]) + 2
        for name in sorted(entries, key=lambda n: (entries[n], n)):
            f.write("%s# %s\n" % (name.ljust(width), entries[name]))


def run(cmd, name, seed="0"):
    stdin_file = os.path.join(HERE, name[:-3] + ".stdin")
    stdin = open(stdin_file, "rb") if os.path.exists(stdin_file) else subprocess.DEVNULL
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = seed
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONSTARTUP", None)
    try:
        p = subprocess.run(cmd + [name], cwd=HERE, env=env, stdin=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b""), (e.stderr or b"")
    except OSError as e:
        return -1000, b"", str(e).encode()
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    return p.returncode, p.stdout, p.stderr


def last_line(data):
    lines = [l for l in data.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


TB_LINE = re.compile(r'^(Traceback \(most recent call last\):|  File "[^"]*", line \d+, in \S+|'
                     r'During handling of the above exception, another exception occurred:|'
                     r'The above exception was the direct cause of the following exception:)$')


FILE_PATH = re.compile(r'^  File "(?:[^"]*/)?([^"/]*)"')


def traceback_lines(data):
    """The structural lines of a traceback: headers, chain notes and File lines.

    File names are reduced to their last component (CPython prints the absolute path of
    the program), and a run of identical lines counts once (CPython abbreviates deep
    recursion as "[Previous line repeated N more times]")."""
    out = []
    for line in data.decode("utf-8", "replace").splitlines():
        if TB_LINE.match(line):
            line = FILE_PATH.sub(r'  File "\1"', line)
            if not out or out[-1] != line:
                out.append(line)
    return out


def short_diff(want, got, limit=12):
    a = want.decode("utf-8", "replace").splitlines()
    b = got.decode("utf-8", "replace").splitlines()
    first = []
    for i in range(max(len(a), len(b))):
        wa = a[i] if i < len(a) else "(end of output)"
        gb = b[i] if i < len(b) else "(end of output)"
        if wa != gb:
            first = ["first difference, line %d:" % (i + 1), "  want: " + wa, "  got:  " + gb]
            break
    out = first + list(difflib.unified_diff(a, b, "cpython", "upyos-c", n=1, lineterm=""))
    if len(out) > limit:
        out = out[:limit] + ["    ... (%d more diff lines)" % (len(out) - limit)]
    return ["    " + l for l in out]


def check(name, pyrun):
    """Return (name, ok, detail-lines)."""
    o_rc, o_out, o_err = run([ORACLE], name)
    if o_rc is None:
        return name, False, ["    the oracle timed out: the program itself is broken"]
    expected = os.path.join(HERE, name[:-3] + ".expected")
    if os.path.exists(expected):
        with open(expected, "rb") as f:
            o_out = f.read()
    u_rc, u_out, u_err = run(pyrun, name)
    problems = []
    if u_rc is None:
        problems.append("    timed out after %gs" % TIMEOUT)
    elif u_rc < 0 or u_rc >= 128:
        problems.append("    crashed (status %d): %s" % (u_rc, last_line(u_err)))
    else:
        if u_rc != o_rc:
            problems.append("    exit status %d, want %d" % (u_rc, o_rc))
            if o_rc == 0 and last_line(u_err):
                problems.append("    stderr: %s" % last_line(u_err))
        if o_rc != 0 and last_line(u_err) != last_line(o_err):
            problems.append("    stderr ends %r, want %r" % (last_line(u_err), last_line(o_err)))
        elif o_rc != 0 and traceback_lines(u_err) != traceback_lines(o_err):
            problems.append("    traceback differs:")
            problems.extend(short_diff(b"\n".join(l.encode() for l in traceback_lines(o_err)),
                                       b"\n".join(l.encode() for l in traceback_lines(u_err))))
    if u_out != o_out:
        problems.append("    stdout differs:")
        problems.extend(short_diff(o_out, u_out))
    return name, not problems, problems


def check_oracle(name):
    """Run NAME under CPython with two hash seeds: its output must not depend on them."""
    a = run([ORACLE], name, "1")
    b = run([ORACLE], name, "2")
    problems = []
    if a[0] is None or b[0] is None:
        problems.append("    timed out under CPython")
    elif a[0] != b[0] or a[1] != b[1] or last_line(a[2]) != last_line(b[2]):
        problems.append("    output depends on PYTHONHASHSEED:")
        problems.extend(short_diff(a[1], b[1]))
    elif "Did you mean" in last_line(a[2]):
        problems.append("    CPython adds a suggestion to the error: %s" % last_line(a[2]))
    elif b"Warning" in a[2]:
        problems.append("    CPython warns: %s" % [l for l in a[2].decode().splitlines() if "Warning" in l][0])
    return name, not problems, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-k", dest="select", action="append", default=[],
                    help="run only programs whose name contains SUBSTR (repeatable)")
    ap.add_argument("-v", action="store_true", help="print every program's result")
    ap.add_argument("-j", type=int, default=1, help="programs run in parallel")
    ap.add_argument("--update-pending", action="store_true",
                    help="rewrite pending.txt from this run's failures")
    ap.add_argument("--check-oracle", action="store_true",
                    help="only check each program under CPython: deterministic output, no warnings")
    ap.add_argument("--also-pending", metavar="FILE", action="append", default=[],
                    help="another pending list for this kind of run (e.g. pending-gcstress.txt)")
    ap.add_argument("--only-listed", metavar="FILE", action="append", default=[],
                    help="run only the programs a list names (e.g. slow-gcstress.txt)")
    ap.add_argument("--skip-listed", metavar="FILE", action="append", default=[],
                    help="leave out the programs a list names")
    args = ap.parse_args()

    # UPYOS_PYRUN may carry options after the interpreter's path
    pyrun = shlex.split(os.environ.get("UPYOS_PYRUN", DEFAULT_PYRUN))
    pyrun[0] = os.path.abspath(pyrun[0])    # the programs run from this directory
    if not args.check_oracle and not (os.path.isfile(pyrun[0]) and os.access(pyrun[0], os.X_OK)):
        print("run.py: no interpreter at %s (build it, or set UPYOS_PYRUN)" % pyrun[0])
        return 2

    # files starting with _ are modules the programs import, not programs
    names = sorted(n for n in os.listdir(HERE)
                   if n.endswith(".py") and n != "run.py" and not n.startswith("_"))
    if args.select:
        names = [n for n in names if any(s in n for s in args.select)]
    for listed in args.only_listed:
        keep = read_pending(os.path.join(HERE, listed))
        names = [n for n in names if n in keep]
    for listed in args.skip_listed:
        leave = read_pending(os.path.join(HERE, listed))
        names = [n for n in names if n not in leave]
    pending = read_pending(PENDING)
    for extra in args.also_pending:
        pending.update(read_pending(os.path.join(HERE, extra)))
    for n in pending:
        if n not in os.listdir(HERE):
            print("note: pending.txt lists %s, which does not exist" % n)

    results = {}
    if args.check_oracle:
        pending = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, args.j)) as ex:
        if args.check_oracle:
            futs = [ex.submit(check_oracle, n) for n in names]
        else:
            futs = [ex.submit(check, n, pyrun) for n in names]
        for fut in futs:
            name, ok, detail = fut.result()
            results[name] = (ok, detail)

    passed = failed = skipped = 0
    now_pass = []
    for name in names:
        ok, detail = results[name]
        if name in pending and not args.update_pending:
            skipped += 1
            if ok:
                now_pass.append(name)
            if args.v:
                print("SKIP %s  # %s%s" % (name, pending[name], " (passes now)" if ok else ""))
            continue
        if ok:
            passed += 1
            if args.v:
                print("PASS %s" % name)
        else:
            failed += 1
            print("FAIL %s" % name)
            for line in detail:
                print(line)
    for name in now_pass:
        print("note: %s passes now; take it off pending.txt" % name)

    if args.update_pending and not args.check_oracle:
        new = {}
        for name in names:
            if not results[name][0]:
                new[name] = pending.get(name, "fails")
        # entries for programs not run this time (-k) are kept as they were
        for name, reason in pending.items():
            if name not in results and os.path.exists(os.path.join(HERE, name)):
                new[name] = reason
        write_pending(PENDING, new)
        print("pending.txt: %d entries" % len(new))

    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
