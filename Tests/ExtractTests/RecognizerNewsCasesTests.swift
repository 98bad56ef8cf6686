import ClaimModel
import Foundation
import Testing
@testable import Extract

/// Runs every sentence of `../shared/data/normalize/news_cases.jsonl` through the recognizer: no crash,
/// spans inside the text. Skipped with a message when the shared folder is absent.
@Suite("Recognizer on news sentences")
struct RecognizerNewsCasesTests {
    /// `<repo>/../shared/data/normalize/news_cases.jsonl`, found from this file's path.
    static var newsCases: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/data/normalize/news_cases.jsonl")
    }

    static var available: Bool { FileManager.default.fileExists(atPath: newsCases.path) }

    @Test("every news sentence runs", .enabled(if: available, "shared/data/normalize/news_cases.jsonl is absent: skipped"))
    func newsSentences() throws {
        let data = try Data(contentsOf: Self.newsCases)
        let recognizer = Recognizer()
        var sentences = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let text = try #require(obj["text"] as? String)
            let published = (obj["published"] as? String).flatMap { CalendarDay(iso: String($0.prefix(10))) }
            let count = text.unicodeScalars.count
            for m in recognizer.recognize(text, reference: published) {
                #expect(m.start >= 0 && m.start < m.end && m.end <= count, "bad span for '\(m.text)' in '\(text)'")
            }
            sentences += 1
        }
        #expect(sentences > 0)
    }
}
