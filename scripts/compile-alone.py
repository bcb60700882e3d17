#!/usr/bin/env python3
"""Compiles every source of a compilation database alone, syntax only (the compiler's own flags,
-Werror included, with -fsyntax-only for -c and no output file).

CI's -Werror build and the sanitizer builds are unity builds (eight sources a compiler run); one
of them hides a source that uses a header only an earlier source of its batch included. This
finds it, as a build of one source a compiler run would, at about a third of that build's cost.

usage: scripts/compile-alone.py BUILD_DIR/compile_commands.json [JOBS]
Prints each failing source with the compiler's messages; exits 1 if any failed, 2 on bad usage.
"""
import json
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def syntax_only(entry):
    """The entry's compiler command with -c FILE as -fsyntax-only FILE and no -o OUTPUT."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg == "-c":
            out.append("-fsyntax-only")
        else:
            out.append(arg)
    return out


def check(entry):
    run = subprocess.run(syntax_only(entry), cwd=entry["directory"], capture_output=True, text=True)
    return entry["file"], run.returncode, run.stdout + run.stderr


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: scripts/compile-alone.py BUILD_DIR/compile_commands.json [JOBS]", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f)
    jobs = int(sys.argv[2]) if len(sys.argv) == 3 else 2
    failed = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for source, status, messages in pool.map(check, entries):
            if status != 0:
                failed += 1
                print(f"compile-alone: {source} does not compile alone:\n{messages}", flush=True)
    print(f"compile-alone: {len(entries) - failed} of {len(entries)} sources compile alone")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
