#!/usr/bin/env python3
"""Runs claimtrack over ../shared/tools/make_bad_inputs.py's hostile inputs plus the sample articles and checks the
manifest's expectations: exit 0 within a time limit, bounded memory, every good file processed with its claims, every
bad file quarantined, processed or skipped as the manifest says, and no payload alive in any output.

Usage: scripts/check_bad_inputs.py --binary PATH [--shared ../shared] [--timeout 600] [--max-rss-mb 3000]
Exit 0 when every check passes, 1 on a failed check, 77 when ../shared is absent (a skip)."""
import argparse, json, os, re, resource, shutil, subprocess, sys, tempfile, time

def unescape(field):
    """The manifest's path escapes (\\\\ \\t \\n \\r \\xNN) back to raw bytes."""
    out, i, raw = bytearray(), 0, field.encode("utf-8")
    while i < len(raw):
        if raw[i:i + 1] == b"\\" and i + 1 < len(raw):
            c = raw[i + 1:i + 2]
            if c == b"x":
                out.append(int(raw[i + 2:i + 4], 16)); i += 4; continue
            out += {b"t": b"\t", b"n": b"\n", b"r": b"\r", b"\\": b"\\"}.get(c, b"\\" + c); i += 2; continue
        out.append(raw[i]); i += 1
    return bytes(out)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--max-rss-mb", type=float, default=3000)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--time-limit", type=float, default=20,
                    help="run.documentTimeLimitSeconds for this run (the shipped default is 60)")
    args = ap.parse_args()
    tool = os.path.join(args.shared, "tools", "make_bad_inputs.py")
    if not os.path.exists(tool):
        print(f"SKIP: '{tool}' is absent (the shared tools are not checked out beside the project)")
        return 77
    work = tempfile.mkdtemp(prefix="claimtrack-bad-")
    inputs, outputs, manifest = os.path.join(work, "in"), os.path.join(work, "out"), os.path.join(work, "MANIFEST.tsv")
    failures = []
    try:
        subprocess.run([sys.executable, tool, "--out", inputs, "--manifest", manifest], check=True, stdout=subprocess.DEVNULL)
        samples = os.path.join(root, "inputs")
        shutil.copytree(samples, os.path.join(inputs, "samples"), ignore=shutil.ignore_patterns(".*"))
        config = json.load(open(os.path.join(root, "pipeline.json"), encoding="utf-8"))
        config.setdefault("run", {})["documentTimeLimitSeconds"] = args.time_limit
        config_path = os.path.join(work, "pipeline.json")
        json.dump(config, open(config_path, "w", encoding="utf-8"))
        started = time.time()
        try:
            proc = subprocess.run([args.binary, "run", "--config", config_path, "--inputs", inputs,
                                   "--outputs", outputs, "--as-of", "2025-12-20", "--quiet"],
                                  capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"FAIL: the run did not finish within {args.timeout} s (a hang)")
            return 1
        seconds = time.time() - started
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if proc.returncode != 0:
            failures.append(f"exit {proc.returncode}, expected 0: {proc.stdout.decode(errors='replace')[-500:]} {proc.stderr.decode(errors='replace')[-2000:]}")
        if rss_mb > args.max_rss_mb:
            failures.append(f"peak memory {rss_mb:.0f} MB, expected at most {args.max_rss_mb:.0f} MB")
        report = json.load(open(os.path.join(outputs, "report.json"), encoding="utf-8")) if proc.returncode == 0 else {"documents": [], "claims": []}
        docs = {d["path"]: d for d in report["documents"]}
        claims_per_doc = {}
        for c in report["claims"]:
            claims_per_doc[c["document"]] = claims_per_doc.get(c["document"], 0) + 1
        with open(os.path.join(outputs, "claims.jsonl"), encoding="utf-8", errors="replace") if proc.returncode == 0 else open(os.devnull) as f:
            all_claims = [json.loads(line) for line in f if line.strip()]
        claims_per_doc = {}
        for c in all_claims:
            claims_per_doc[c["document"]] = claims_per_doc.get(c["document"], 0) + 1
        counts = {"process": 0, "quarantine": 0, "skip": 0, "process-or-quarantine": 0}
        markers = []
        rows = open(manifest, encoding="utf-8").read().split("\n")[1:]
        for row in rows:
            if not row:
                continue
            file, case, _tests, expect, note = row.split("\t")
            if "skipped-by-generator" in note:
                continue
            path = unescape(file).decode("utf-8", errors="replace")
            doc = docs.get(path)
            m = re.search(r"MARKER: [^']*'([^']+)'", note)
            if m:
                markers.append((case, m.group(1)))
            if expect == "process":
                if doc is None or doc["status"] != "ok":
                    failures.append(f"[{case}] '{path}' expected processed, got {doc and (doc['status'], doc.get('error'))}")
                    continue
                if case.startswith("good-") and claims_per_doc.get(doc["id"], 0) < 2:
                    failures.append(f"[{case}] '{path}' has {claims_per_doc.get(doc['id'], 0)} claims, expected at least 2")
                    continue
            elif expect == "quarantine":
                if doc is None or doc["status"] != "quarantined" or not doc.get("error"):
                    failures.append(f"[{case}] '{path}' expected quarantined with a reason, got {doc and (doc['status'], doc.get('error'))}")
                    continue
            elif expect == "skip":
                if doc is not None:
                    failures.append(f"[{case}] '{path}' expected skipped, but it is a document ({doc['status']})")
                    continue
            counts[expect] = counts.get(expect, 0) + 1
            if expect == "process-or-quarantine" and doc is not None and doc["status"] == "quarantined":
                print(f"note: [{case}] '{path}' quarantined: {doc.get('error')}")
        for name in sorted(os.listdir(samples)):
            if name.startswith("."):
                continue
            doc = docs.get("samples/" + name)
            if doc is None or doc["status"] != "ok" or claims_per_doc.get(doc["id"], 0) < 1:
                failures.append(f"[sample] 'samples/{name}' expected processed with claims, got {doc and doc['status']}")
        outputs_text = ""
        for name in os.listdir(outputs):
            if name.startswith("report.") or name.endswith(".jsonl") or name.endswith(".md"):
                outputs_text += open(os.path.join(outputs, name), encoding="utf-8", errors="replace").read()
        for case, marker in markers:
            if marker in outputs_text:
                failures.append(f"[{case}] marker '{marker}' appears in an output")
        html = open(os.path.join(outputs, "report.html"), encoding="utf-8", errors="replace").read() if proc.returncode == 0 else ""
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S | re.I):
            if "alert(" in script:
                failures.append("report.html has a <script> calling alert(")
        for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
            if re.search(r"\son[a-z]+\s*=", tag, flags=re.I):
                failures.append(f"report.html has an event-handler attribute: {tag[:120]}")
            if re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", tag, flags=re.I):
                failures.append(f"report.html has a javascript: URL: {tag[:120]}")
        quarantined = sum(1 for d in report["documents"] if d["status"] == "quarantined")
        for f in failures:
            print("FAIL:", f)
        print(f"bad-inputs: entries={len([r for r in rows if r])} documents={len(docs)} quarantined={quarantined} "
              f"process_ok={counts['process']} quarantine_ok={counts['quarantine']} skip_ok={counts['skip']} "
              f"either={counts['process-or-quarantine']} failures={len(failures)} seconds={seconds:.1f} max_rss_mb={rss_mb:.0f}")
        return 1 if failures else 0
    finally:
        if args.keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
