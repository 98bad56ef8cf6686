import Foundation
@testable import Ingest
import Testing

/// Scores extraction on `../shared/data/html` with the benchmark's shingle metric, when that folder exists.
@Suite("html benchmark (shared data)")
struct HTMLBenchmarkTests {
    static let folder = TestPaths.shared.appendingPathComponent("data/html")
    static let present = FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.jsonl").path)

    /// 4-word shingles of `\w+` tokens, as the benchmark scorer counts them.
    static func shingles(_ text: String) -> [String: Int] {
        var words: [String] = []
        var current = ""
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" { current.append(ch) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        var counts: [String: Int] = [:]
        if words.isEmpty { return counts }
        if words.count <= 4 { counts[words.joined(separator: " "), default: 0] += 1; return counts }
        for i in 0...(words.count - 4) { counts[words[i..<(i + 4)].joined(separator: " "), default: 0] += 1 }
        return counts
    }

    @Test("dev pages: F1 floor", .enabled(if: present, "../shared/data/html is absent; skipping the extraction benchmark"))
    func devPages() throws {
        let lines = try String(contentsOf: Self.folder.appendingPathComponent("expected.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var precisions: [Double] = [], recalls: [Double] = []
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, let truth = object["text"] as? String else { continue }
            let url = Self.folder.appendingPathComponent("pages/\(id).html")
            let doc = DocumentReader.read(fileAt: url, relativePath: url.lastPathComponent)
            let t = Self.shingles(truth), p = Self.shingles(doc.text)
            var tp = 0
            for (k, v) in p { tp += min(v, t[k] ?? 0) }
            let fp = p.values.reduce(0, +) - tp, fn = t.values.reduce(0, +) - tp
            if fp == 0 && fn == 0 { precisions.append(1); recalls.append(1); continue }
            if tp + fp > 0 { precisions.append(Double(tp) / Double(tp + fp)) }
            if tp + fn > 0 { recalls.append(Double(tp) / Double(tp + fn)) }
        }
        let precision = precisions.reduce(0, +) / Double(max(1, precisions.count))
        let recall = recalls.reduce(0, +) / Double(max(1, recalls.count))
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        print("html dev: f1=\(f1) precision=\(precision) recall=\(recall) pages=\(lines.count)")
        // A floor that only goes up; measured 0.967 when this was written.
        #expect(f1 >= 0.95)
    }
}
