// Measures the value recognizer (`Recognizer.recognize(_:reference:)`, every kind, dates anchored) on the
// sentences of the sample articles, repeated, on one thread. The sentences are written out with `--dump FILE`
// so a peer (Recognizers-Text's Python port, see scripts/bench-recognize.sh) is timed on exactly the same text.
//
// Usage: RecognizeBenchmark [INPUTS_FOLDER] [--rounds N] [--repeat K] [--dump FILE]
// Ends with a `key=value` line for scripts.
import ClaimModel
import Extract
import Foundation

/// Monotonic seconds.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 5
var repeats = 20
var dump: String?
var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/RecognizeBenchmark
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() // the repository
    .appendingPathComponent("inputs")
var index = 0
while index < arguments.count {
    let a = arguments[index]
    if a == "--rounds" || a == "--repeat" || a == "--dump", index + 1 < arguments.count {
        let v = arguments[index + 1]
        switch a {
        case "--rounds": rounds = max(1, Int(v) ?? rounds)
        case "--repeat": repeats = max(1, Int(v) ?? repeats)
        default: dump = v
        }
        index += 2
    } else {
        folder = URL(fileURLWithPath: a)
        index += 1
    }
}

// Sentences of every regular text file in the folder, each with its document's `date` header as reference.
let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
var sentences: [(text: String, reference: CalendarDay?)] = []
for name in names {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
          let text = String(data: data, encoding: .utf8) else { continue }
    var reference: CalendarDay?
    for line in text.split(separator: "\n").prefix(10) where line.hasPrefix("date ") {
        reference = CalendarDay(iso: String(line.dropFirst(5).trimmingCharacters(in: .whitespaces).prefix(10)))
    }
    for s in SentenceSplitter.split(text) { sentences.append((s.text, reference)) }
}
guard !sentences.isEmpty else {
    FileHandle.standardError.write(Data("benchmark: no sentences in '\(folder.path)'\n".utf8))
    exit(2)
}
if let dump {
    // One JSON line a sentence: {"text": ..., "reference": "YYYY-MM-DD" | null}.
    var out = ""
    for s in sentences {
        let object: [String: Any] = ["text": s.text, "reference": s.reference?.iso ?? NSNull()]
        if let d = try? JSONSerialization.data(withJSONObject: object), let line = String(data: d, encoding: .utf8) { out += line + "\n" }
    }
    FileManager.default.createFile(atPath: dump, contents: Data(out.utf8))
}

let recognizer = Recognizer()
var mentions = 0
func pass() {
    for _ in 0..<repeats {
        for s in sentences { mentions &+= recognizer.recognize(s.text, reference: s.reference).count }
    }
}
pass() // warm-up: word tables, allocator
var times: [Double] = []
for _ in 0..<rounds {
    let start = now()
    pass()
    times.append(now() - start)
}
times.sort()
let median = times[times.count / 2]
let count = sentences.count * repeats
let rate = Double(count) / median
print("claimtrack recognizer: \(sentences.count) sentences x \(repeats) in \(String(format: "%.3f", median)) s (median of \(rounds)): \(Int(rate)) sentences/s")
print("claimtrack_sentences_per_s=\(Int(rate)) sentences=\(sentences.count) repeat=\(repeats) mentions=\(mentions / (rounds + 1) / repeats)")
