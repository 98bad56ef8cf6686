#!/usr/bin/env python3
"""Table and SVG plot for scripts/bench-scale.sh results (one JSON object a line).

Usage: bench_scale_report.py RESULTS.tsv [--write-docs DOCS_DIR]

Prints a Markdown table; with --write-docs writes DOCS_DIR/performance-scale.svg and replaces the part of
DOCS_DIR/performance.md between <!-- scale-table --> and <!-- /scale-table --> with the table.
"""
import json
import sys


def rows(path):
    return [json.loads(line) for line in open(path) if line.strip()]


def table(results):
    stage_names = []
    for r in results:
        for s in r["stages"]:
            if s not in stage_names:
                stage_names.append(s)
    cold = {r["n"]: r for r in results if r["phase"] == "cold"}
    smallest = min(cold) if cold else None
    head = ["N", "run", "wall s", "CPU s", "CPU/wall", "docs/s", "MB/s", "claims/s", "ms/doc", "vs smallest N",
            "peak RSS MB", "peak RSS MB after each stage"] + [f"{s} wall/CPU s" for s in stage_names]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in sorted(results, key=lambda r: (r["n"], r["phase"] != "cold")):
        per_doc = 1000 * r["wall"] / max(1, r["docs"])
        if r["phase"] == "cold" and smallest is not None:
            base = 1000 * cold[smallest]["wall"] / max(1, cold[smallest]["docs"])
            ratio = f"{per_doc / base:.2f}x"
        elif r["n"] in cold:
            ratio = f"{r['wall'] / cold[r['n']]['wall']:.2f}x of cold"
        else:
            ratio = ""
        cells = [f"{r['n']:,}", r["phase"] + (f" ({r['reused']:,} reused)" if r["phase"] != "cold" else ""),
                 f"{r['wall']:.1f}", f"{r['cpu']:.1f}", f"{r['cpu'] / r['wall']:.2f}", f"{r['docs'] / r['wall']:.0f}",
                 f"{r['mb'] / r['wall']:.1f}", f"{r['claims'] / r['wall']:.0f}", f"{per_doc:.2f}", ratio,
                 f"{r['rss_mb']:.0f}",
                 " / ".join(f"{r['peaks'][s]:.0f}" for s in stage_names if s in r.get("peaks", {})) or "–"]
        for s in stage_names:
            w, c = r["stages"].get(s, (0, 0))
            cells.append(f"{w:.1f} / {c:.1f}")
        out.append("| " + " | ".join(cells) + " |")
    loads = sorted({r["load"] for r in results})
    out.append("")
    out.append(f"Load average (1 min) when each run started: {', '.join(f'{x:.1f}' for x in loads)} on 2 cores.")
    return "\n".join(out)


def svg(results):
    """Wall time against N on log-log axes, cold and incremental, with the 15 min and 2 min targets."""
    import math
    w, h, left, right, top, bottom = 640, 360, 70, 20, 30, 50
    series = {"cold": [], "incremental": []}
    for r in sorted(results, key=lambda r: r["n"]):
        series.setdefault(r["phase"], []).append((r["n"], r["wall"]))
    ns = [n for s in series.values() for n, _ in s] or [1000, 100000]
    ts = [t for s in series.values() for _, t in s] + [900, 120]
    x0, x1 = math.log10(min(ns)) - 0.1, math.log10(max(ns)) + 0.1
    y0, y1 = math.log10(max(0.1, min(ts))) - 0.2, math.log10(max(ts)) + 0.2

    def px(n):
        return left + (math.log10(n) - x0) / (x1 - x0) * (w - left - right)

    def py(t):
        return h - bottom - (math.log10(t) - y0) / (y1 - y0) * (h - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<text x="{w / 2}" y="18" text-anchor="middle">claimtrack run: wall time against documents (log-log)</text>',
             f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="black"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="black"/>',
             f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">documents</text>',
             f'<text x="16" y="{h / 2}" transform="rotate(-90 16 {h / 2})" text-anchor="middle">seconds</text>']
    for e in range(math.ceil(x0), math.floor(x1) + 1):
        parts.append(f'<text x="{px(10 ** e):.1f}" y="{h - bottom + 16}" text-anchor="middle">{10 ** e:,}</text>')
    for e in range(math.ceil(y0), math.floor(y1) + 1):
        y = py(10 ** e)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g}</text>')
    for target, label, colour in [(900, "15 min cold target", "#1f77b4"), (120, "2 min incremental target", "#d62728")]:
        if y0 <= math.log10(target) <= y1:
            y = py(target)
            parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="{colour}" stroke-dasharray="4 4"/>')
            parts.append(f'<text x="{w - right - 4}" y="{y - 4:.1f}" text-anchor="end" fill="{colour}">{label}</text>')
    for phase, colour in [("cold", "#1f77b4"), ("incremental", "#d62728")]:
        points = series.get(phase, [])
        if not points:
            continue
        path = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, t in points:
            parts.append(f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="3" fill="{colour}"/>')
        n, t = points[-1]
        parts.append(f'<text x="{px(n) - 6:.1f}" y="{py(t) + 16:.1f}" text-anchor="end" fill="{colour}">{phase}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def line(r):
    """One run as a line of text."""
    stages = " ".join(f"{k}={w:.1f}s/cpu {c:.1f}s ({100 * c / max(w, 1e-9):.0f}%)" for k, (w, c) in r["stages"].items())
    return (f"N={r['n']} {r['phase']}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU ({100 * r['cpu'] / r['wall']:.0f}%), "
            f"{r['docs'] / r['wall']:.0f} docs/s, {r['mb'] / r['wall']:.1f} MB/s, {r['claims'] / r['wall']:.0f} claims/s, "
            f"peak RSS {r['rss_mb']:.0f} MB, {r['claims']} claims, {r['facts']} facts, load {r['load']}; {stages}"
            + ("; peak RSS MB after " + " ".join(f"{k} {v:.0f}" for k, v in r.get("peaks", {}).items()) if r.get("peaks") else ""))


def parse(n, phase, inputs, log, load):
    """One run's figures from GNU time's report, the summary line and the stage lines of the JSON log."""
    import re
    t = open(log + ".time").read()

    def field(name):
        return re.search(re.escape(name) + r":\s*(.+)", t).group(1).strip()

    parts = [float(p) for p in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    # GNU time reports kibibytes; MB here is 10^6 bytes, as in the run log's per-stage figures.
    rss_mb = int(field("Maximum resident set size (kbytes)")) * 1024 / 1e6
    summary = json.loads(open(log + ".out").read().strip().splitlines()[-1])
    size = sum(int(line.split("\t")[2]) for line in open(inputs + ".CORPUS.tsv").read().splitlines()[1:] if line)
    stages, peaks = {}, {}
    for line in open(log + ".err"):
        try:
            message = json.loads(line)["message"]
        except (ValueError, KeyError, TypeError):
            continue
        m = re.match(r"\[\d+/\d+\] (\S+) done: .* \(wall ([0-9.]+) s, cpu ([0-9.]+) s(?:, rss ([0-9.]+) MB, peak ([0-9.]+) MB)?\)",
                     message)
        if m:
            stages[m.group(1)] = (float(m.group(2)), float(m.group(3)))
            if m.group(5):
                peaks[m.group(1)] = float(m.group(5))
    return {"n": int(n), "phase": phase, "docs": summary.get("documents", 0), "reused": summary.get("reused", 0),
            "claims": summary.get("claims", 0), "facts": summary.get("facts", 0), "mb": size / 1e6, "wall": wall,
            "cpu": cpu, "rss_mb": rss_mb, "load": float(load), "stages": stages,
            "peaks": peaks}


def main():
    if sys.argv[1:2] == ["--parse"]:
        print(json.dumps(parse(*sys.argv[2:7])))
        return
    if sys.argv[1:2] == ["--line"]:
        print(line(json.loads(sys.stdin.read())))
        return
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = rows(sys.argv[1])
    text = table(results)
    print(text)
    if "--write-docs" in sys.argv:
        docs = sys.argv[sys.argv.index("--write-docs") + 1]
        open(f"{docs}/performance-scale.svg", "w").write(svg(results))
        path = f"{docs}/performance.md"
        doc = open(path).read()
        begin, end = "<!-- scale-table -->", "<!-- /scale-table -->"
        if begin in doc and end in doc:
            doc = doc[: doc.index(begin) + len(begin)] + "\n" + text + "\n" + doc[doc.index(end):]
            open(path, "w").write(doc)
        else:
            print(f"bench_scale_report: no {begin} markers in {path}; table not written", file=sys.stderr)


if __name__ == "__main__":
    main()
