// Measures the value recognizer (`Recognizer.recognize(_:reference:)`, every kind, dates anchored) on the
// sentences of the sample articles, repeated, on one thread: with the Units pack loaded (what the pipeline runs) and,
// for what the pack costs, without it, in interleaved rounds. The sentences are written out with `--dump FILE` so a
// peer (Recognizers-Text's Python port, see scripts/bench-recognize.sh) is timed on exactly the same text.
//
// Usage: RecognizeBenchmark [INPUTS_FOLDER] [--rounds N] [--repeat K] [--dump FILE] [--only units|plain]
//                           [--mentions FILE [--extra JSONL]...]
//
// `--only` times one variant (for callgrind: instructions per sentence are the difference of two runs with different
// `--repeat`, divided by sentences x the difference). `--mentions FILE` times nothing: it writes every mention found in
// each sentence (with and without its reference, with and without the Units pack) so two builds can be diffed;
// `--extra` adds the sentences of a JSONL file (`text` or `input`, and `reference` or `published` for the date).
// Ends with a `key=value` line for scripts.
import ClaimModel
import Extract
import BenchmarkSupport
import Foundation

/// One sentence with its document's publication date.
struct Sentence {
    var text: String
    var reference: CalendarDay?
}

/// Sentences of every regular text file in the folder, each with its document's `date` header as reference.
func articleSentences(in folder: URL) -> [Sentence] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    var sentences: [Sentence] = []
    for name in names {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
              let text = String(data: data, encoding: .utf8) else { continue }
        var reference: CalendarDay?
        for line in text.split(separator: "\n").prefix(10) where line.hasPrefix("date ") {
            reference = CalendarDay(iso: String(line.dropFirst(5).trimmingCharacters(in: .whitespaces).prefix(10)))
        }
        for s in SentenceSplitter.split(text) { sentences.append(Sentence(text: s.text, reference: reference)) }
    }
    return sentences
}

/// Sentences of a JSONL file: `text` or `input`, with `reference` or `published` (its first ten characters) as the date.
func jsonlSentences(_ path: String) -> [Sentence] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        fail("cannot read '\(path)'")
    }
    return text.split(separator: "\n").compactMap { line in
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let s = (o["text"] ?? o["input"]) as? String else { return nil }
        let date = (o["reference"] ?? o["published"]) as? String
        return Sentence(text: s, reference: date.flatMap { CalendarDay(iso: String($0.prefix(10))) })
    }
}

func benchmark() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    var rounds = 5
    var repeats = 20
    var dump: String?
    var mentionsOut: String?
    var extras: [String] = []
    var only: String?
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/RecognizeBenchmark
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() // the repository
        .appendingPathComponent("inputs")
    var index = 0
    while index < arguments.count {
        let a = arguments[index]
        if ["--rounds", "--repeat", "--dump", "--mentions", "--extra", "--only"].contains(a), index + 1 < arguments.count {
            let v = arguments[index + 1]
            switch a {
            case "--rounds": rounds = max(1, Int(v) ?? rounds)
            case "--repeat": repeats = max(1, Int(v) ?? repeats)
            case "--mentions": mentionsOut = v
            case "--extra": extras.append(v)
            case "--only":
                guard v == "units" || v == "plain" else { fail("--only takes 'units' or 'plain'") }
                only = v
            default: dump = v
            }
            index += 2
        } else if a.hasPrefix("--") {
            fail("unknown option '\(a)'")
        } else {
            folder = URL(fileURLWithPath: a)
            index += 1
        }
    }

    let sentences = articleSentences(in: folder)
    guard !sentences.isEmpty else { fail("no sentences in '\(folder.path)'") }
    if let dump {
        // One JSON line a sentence: {"text": ..., "reference": "YYYY-MM-DD" | null}.
        var out = ""
        for s in sentences {
            let object: [String: Any] = ["text": s.text, "reference": s.reference?.iso ?? NSNull()]
            if let d = try? JSONSerialization.data(withJSONObject: object), let line = String(data: d, encoding: .utf8) { out += line + "\n" }
        }
        FileManager.default.createFile(atPath: dump, contents: Data(out.utf8))
    }

    // The pipeline's recognizer (Units pack loaded), and the same without the Units pack.
    let withUnits = Recognizer()
    let plain = Recognizer(options: RecognizerOptions(units: false))

    if let mentionsOut {
        var out = ""
        let all = sentences + extras.flatMap(jsonlSentences)
        for (n, s) in all.enumerated() {
            out += "# \(n) \(s.reference?.iso ?? "-") \(s.text)\n"
            for (label, r) in [("units", withUnits), ("plain", plain)] {
                for m in r.recognize(s.text, reference: s.reference) { out += "\(label) ref \(m)\n" }
                for m in r.recognize(s.text) { out += "\(label) bare \(m)\n" }
            }
        }
        FileManager.default.createFile(atPath: mentionsOut, contents: Data(out.utf8))
        print("wrote the mentions of \(all.count) sentences to \(mentionsOut)")
        return
    }

    var found = 0
    /// One pass over the sentences: (wall seconds, CPU seconds).
    func pass(_ r: Recognizer) -> (wall: Double, cpu: Double) {
        let start = now(), cpuStart = cpuNow()
        for _ in 0..<repeats {
            for s in sentences { found &+= r.recognize(s.text, reference: s.reference).count }
        }
        return (now() - start, cpuNow() - cpuStart)
    }
    let variants: [(name: String, recognizer: Recognizer)] = [("units", withUnits), ("plain", plain)].filter { only == nil || $0.0 == only }
    for v in variants { _ = pass(v.recognizer) } // warm-up: word tables, allocator
    var walls = [[Double]](repeating: [], count: variants.count)
    var cpus = [[Double]](repeating: [], count: variants.count)
    for _ in 0..<rounds {
        for (k, v) in variants.enumerated() {
            let (wall, cpu) = pass(v.recognizer)
            walls[k].append(wall)
            cpus[k].append(cpu)
        }
    }
    let count = sentences.count * repeats
    var rates: [String: (wall: Int, cpu: Int)] = [:]
    for (k, v) in variants.enumerated() {
        let wall = walls[k].sorted()[rounds / 2], cpu = cpus[k].sorted()[rounds / 2]
        rates[v.name] = (Int(Double(count) / wall), Int(Double(count) / cpu))
        let label = v.name == "units" ? "with the Units pack (as the pipeline runs)" : "without the Units pack"
        print("claimtrack recognizer \(label): \(sentences.count) sentences x \(repeats), median of \(rounds): "
            + "\(String(format: "%.3f", wall)) s wall = \(Int(Double(count) / wall)) sentences/s, "
            + "\(String(format: "%.3f", cpu)) s CPU = \(Int(Double(count) / cpu)) sentences per CPU-second")
    }
    var line = ""
    if let u = rates["units"] { line += "claimtrack_sentences_per_s=\(u.wall) claimtrack_sentences_per_cpu_s=\(u.cpu) " }
    if let p = rates["plain"] {
        line += "claimtrack_without_units_sentences_per_s=\(p.wall) claimtrack_without_units_sentences_per_cpu_s=\(p.cpu) "
    }
    line += "sentences=\(sentences.count) repeat=\(repeats) mentions_per_pass=\(found / max(1, (rounds + 1) * repeats * variants.count))"
    print(line)
}

benchmark()
