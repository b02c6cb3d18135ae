#!/usr/bin/env python3
"""PAN text-alignment measures (Potthast et al., COLING 2010) as defined in the corpus README:
macro precision and recall over characters, granularity, plagdet; overall and per obfuscation.

Usage: score.py CORPUS DETECTIONS_DIR [--pairs] [--json]
  --pairs  keep only cases and detections whose suspicious-source pair is listed in
           CORPUS/pairs or CORPUS/pairs-negative (the text-alignment mode)."""
import glob
import json
import math
import os
import sys
import xml.etree.ElementTree as ET


def read_features(path, name):
    root = ET.parse(path).getroot()
    susp = root.get("reference")
    out = []
    for f in root.iter("feature"):
        if name and f.get("name") != name:
            continue
        out.append({
            "susp": susp, "src": f.get("source_reference"),
            "t": (int(f.get("this_offset")), int(f.get("this_offset")) + int(f.get("this_length"))),
            "s": (int(f.get("source_offset")), int(f.get("source_offset")) + int(f.get("source_length"))),
            "obf": f.get("obfuscation"),
        })
    return susp, out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def union_len_within(spans, within):
    """Length of the union of `spans` clipped to `within`."""
    clipped = sorted((max(a, within[0]), min(b, within[1])) for a, b in spans if min(b, within[1]) > max(a, within[0]))
    total, cur_a, cur_b = 0, None, None
    for a, b in clipped:
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        total += cur_b - cur_a
    return total


def detects(r, s):
    return r["susp"] == s["susp"] and r["src"] == s["src"] and overlap(r["t"], s["t"]) > 0 and overlap(r["s"], s["s"]) > 0


def size(x):
    return (x["t"][1] - x["t"][0]) + (x["s"][1] - x["s"][0])


def measures(cases, dets, all_cases):
    rec_sum, gran_sum, detected = 0.0, 0, 0
    for s in cases:
        rs = [r for r in dets if detects(r, s)]
        covered = union_len_within([r["t"] for r in rs], s["t"]) + union_len_within([r["s"] for r in rs], s["s"])
        rec_sum += covered / size(s)
        if rs:
            detected += 1
            gran_sum += len(rs)
    prec_sum = 0.0
    for r in dets:
        ss = [s for s in all_cases if detects(r, s)]
        covered = union_len_within([s["t"] for s in ss], r["t"]) + union_len_within([s["s"] for s in ss], r["s"])
        prec_sum += covered / size(r) if size(r) else 0
    prec = prec_sum / len(dets) if dets else 0.0
    rec = rec_sum / len(cases) if cases else 0.0
    gran = gran_sum / detected if detected else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
    return {"precision": prec, "recall": rec, "granularity": gran, "plagdet": f1 / math.log2(1 + gran),
            "cases": len(cases), "detections": len(dets)}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    corpus, det_dir = args[0], args[1]
    cases, dets, clean = [], [], set()
    for p in sorted(glob.glob(os.path.join(corpus, "gt", "*.xml"))):
        susp, fs = read_features(p, "plagiarism")
        cases += fs
        if not fs:
            clean.add(susp)
    for p in sorted(glob.glob(os.path.join(det_dir, "*.xml"))):
        dets += read_features(p, None)[1]
    if "--pairs" in flags:
        listed = set()
        for name in ("pairs", "pairs-negative"):
            with open(os.path.join(corpus, name)) as f:
                listed |= {tuple(line.split()) for line in f if line.strip()}
        cases = [c for c in cases if (c["susp"], c["src"]) in listed]
        dets = [d for d in dets if (d["susp"], d["src"]) in listed]
    result = {"overall": measures(cases, dets, cases)}
    for obf in sorted({c["obf"] for c in cases}):
        sub = [c for c in cases if c["obf"] == obf]
        sub_dets = [r for r in dets if any(detects(r, s) for s in sub)]
        result[obf] = measures(sub, sub_dets, cases)
    result["clean_documents_with_detections"] = len({d["susp"] for d in dets if d["susp"] in clean})
    result["false_detections"] = sum(1 for d in dets if not any(detects(d, s) for s in cases))
    if "--json" in flags:
        print(json.dumps(result, indent=1))
        return
    print(f"{'type':20} {'cases':>5} {'prec':>6} {'rec':>6} {'gran':>6} {'plagdet':>7}")
    for k, v in result.items():
        if isinstance(v, dict):
            print(f"{k:20} {v['cases']:5d} {v['precision']:6.3f} {v['recall']:6.3f} {v['granularity']:6.3f} {v['plagdet']:7.3f}")
    print(f"detections on clean documents: {result['clean_documents_with_detections']} documents; "
          f"detections matching no case: {result['false_detections']}")


if __name__ == "__main__":
    main()
