#!/usr/bin/python3
"""Line and branch coverage per layer from gcovr's JSON report, and the functions that no test
reached (the first place to look for a missing test). Usage: coverage_report.py coverage.json"""
import json
import sys

LAYERS = ["kernel", "term", "shell", "fs", "net", "py", "lib", "cmd", "ports/posix", "sdk"]
GOAL = {"kernel": 85, "term": 85, "shell": 85, "fs": 85, "net": 85, "py": 85}   # % of lines


def layer_of(path):
    for layer in LAYERS:
        if path.startswith(layer + "/"):
            return layer
    return None


def main(report):
    files = json.load(open(report))["files"]
    totals = {}                         # layer -> [lines, covered, branches, taken]
    unreached = {}                      # layer -> ["file:line name"]
    for f in files:
        layer = layer_of(f["file"])
        if not layer:
            continue
        t = totals.setdefault(layer, [0, 0, 0, 0])
        for line in f["lines"]:
            if line.get("gcovr/noncode") or line.get("gcovr/excluded"):
                continue
            t[0] += 1
            t[1] += line["count"] > 0
            for b in line["branches"]:
                t[2] += 1
                t[3] += b["count"] > 0
        for fn in f["functions"]:
            if fn["execution_count"] == 0:
                unreached.setdefault(layer, []).append(f"{f['file']}:{fn['lineno']} {fn['name']}")
    print(f"{'layer':<12} {'lines':>14} {'line %':>7} {'branches':>14} {'branch %':>8}  goal")
    short = []
    for layer in LAYERS:
        if layer not in totals:
            continue
        lines, covered, branches, taken = totals[layer]
        lp = 100.0 * covered / lines if lines else 100.0
        bp = 100.0 * taken / branches if branches else 100.0
        goal = GOAL.get(layer)
        mark = "" if goal is None else (f"{goal}% ok" if lp >= goal else f"{goal}% SHORT")
        if goal is not None and lp < goal:
            short.append(layer)
        print(f"{layer:<12} {covered:>6}/{lines:<7} {lp:>6.1f}% {taken:>6}/{branches:<7} {bp:>7.1f}%  {mark}")
    print()
    for layer in LAYERS:
        names = unreached.get(layer)
        if names:
            print(f"functions no test reaches in {layer}/ ({len(names)}):")
            for n in sorted(names):
                print("  " + n)
    if short:
        print(f"\nbelow the line goal: {', '.join(short)}")


if __name__ == "__main__":
    main(sys.argv[1])
