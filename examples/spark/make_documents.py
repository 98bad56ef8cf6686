#!/usr/bin/env python3
"""Writes one JSON line per document under a folder, the input of `claimtrack extract --jsonl`.

Each line is {"path": <path below the folder, '/'-separated>, "base64": <the file's bytes>}. The files chosen are
the ones `claimtrack run` reads: regular files in the folder and its subfolders, without dotfiles or editor leftovers
(`name~`, `#name#`); symbolic links, FIFOs, sockets and devices are passed over (`run` follows no link by default).
"""
import argparse
import base64
import json
import os
import stat
import sys


def ignored(name):
    """Whether `run` passes over this name: a dotfile or an editor leftover."""
    return name.startswith(".") or name.endswith("~") or (len(name) >= 2 and name.startswith("#") and name.endswith("#"))


def documents(root):
    """(relative path, absolute path) of every file `run` reads under root, sorted by relative path."""
    found = []
    pending = [(root, "")]
    while pending:
        folder, relative = pending.pop()
        try:
            names = sorted(os.listdir(folder))
        except OSError as error:
            print(f"make_documents: folder '{relative or '.'}' cannot be listed ({error.strerror}); passed over", file=sys.stderr)
            continue
        for name in names:
            path = os.path.join(folder, name)
            rel = f"{relative}/{name}" if relative else name
            if ignored(name):
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                found.append((rel, path))
            elif stat.S_ISDIR(mode):
                pending.append((path, rel))
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the inputs folder")
    parser.add_argument("--out", help="the JSONL file to write (default: standard output)")
    args = parser.parse_args()
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    count = 0
    for rel, path in documents(os.path.abspath(args.folder)):
        try:
            with open(path, "rb") as f:
                content = f.read()
        except OSError as error:
            print(f"make_documents: '{rel}' cannot be read ({error.strerror}); passed over", file=sys.stderr)
            continue
        out.write(json.dumps({"path": rel, "base64": base64.b64encode(content).decode("ascii")}) + "\n")
        count += 1
    if args.out:
        out.close()
    print(f"make_documents: {count} documents from '{args.folder}'", file=sys.stderr)


if __name__ == "__main__":
    main()
