#!/usr/bin/env python3
"""The peer: Debian's sim_text (similarity-tester) on the same corpus, its matches written as PAN
XML for score.py. sim_text reports line ranges; a range becomes the code points from the start
of its first line to the end of its last line.

Usage: sim_text_peer.py CORPUS OUT_DIR pairs|search [extra sim_text flags...]"""
import collections
import os
import re
import subprocess
import sys
import xml.sax.saxutils as su

LINE = re.compile(r"^(\S+): line (\d+)-(\d+)\s*\|(\S+): line (\d+)-(\d+)\s*\[(\d+)\]")


def line_starts(path):
    text = open(path, encoding="utf-8", newline="").read()
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append((pos, pos + len(line)))
        pos += len(line) + 1
    return starts


def span(path, a, b, cache):
    if path not in cache:
        cache[path] = line_starts(path)
    lines = cache[path]
    return lines[a - 1][0], lines[min(b, len(lines)) - 1][1]


def run(args, flags):
    out = subprocess.run(["sim_text", "-n"] + flags + args, capture_output=True, text=True, check=True).stdout
    return [m.groups() for m in map(LINE.match, out.splitlines()) if m]


def main():
    corpus, out_dir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    flags = sys.argv[4:]
    os.makedirs(out_dir, exist_ok=True)
    cache, found = {}, collections.defaultdict(list)
    susp_dir, src_dir = os.path.join(corpus, "susp"), os.path.join(corpus, "src")
    jobs = []
    if mode == "pairs":
        for name in ("pairs", "pairs-negative"):
            with open(os.path.join(corpus, name)) as f:
                jobs += [["-e", os.path.join(susp_dir, s), os.path.join(src_dir, r)] for s, r in map(str.split, f)]
    else:
        sources = sorted(os.path.join(src_dir, n) for n in os.listdir(src_dir) if n.endswith(".txt"))
        for s in sorted(os.listdir(susp_dir)):
            if s.endswith(".txt"):
                jobs.append(["-S", os.path.join(susp_dir, s), "/"] + sources)
    for job in jobs:
        for f1, a1, b1, f2, a2, b2, _ in run(job, flags):
            if "/susp/" in f2 and "/src/" in f1:
                f1, a1, b1, f2, a2, b2 = f2, a2, b2, f1, a1, b1
            if "/susp/" not in f1 or "/src/" not in f2:
                continue
            t = span(f1, int(a1), int(b1), cache)
            s = span(f2, int(a2), int(b2), cache)
            found[os.path.basename(f1)].append((os.path.basename(f2), t, s))
    for s in sorted(os.listdir(susp_dir)):
        with open(os.path.join(out_dir, s[:-4] + ".xml"), "w", encoding="utf-8") as f:
            f.write(f'<document reference={su.quoteattr(s)}>\n')
            for src, t, r in found.get(s, []):
                f.write(f'  <feature name="detected-plagiarism" this_offset="{t[0]}" this_length="{t[1]-t[0]}" '
                        f'source_reference={su.quoteattr(src)} source_offset="{r[0]}" source_length="{r[1]-r[0]}" />\n')
            f.write("</document>\n")


if __name__ == "__main__":
    main()
