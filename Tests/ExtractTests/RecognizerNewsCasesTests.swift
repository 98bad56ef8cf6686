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

    /// A form the news sentences must yield: a pattern, the mention kinds that may cover it, and a check of the value.
    struct Form: Sendable {
        var name: String
        var pattern: String
        var kinds: Set<MentionKind>
        var check: @Sendable (Mention) -> Bool
    }

    /// Lakh and crore amounts, "bn"/"billion" amounts and fiscal years or quarters, as written in Indian business news.
    static let forms: [Form] = [
        Form(name: "lakh/crore", pattern: #"(?:Rs\.?|₹|INR)\s?[0-9][0-9,.]*\s?(?:lakh crore|lakh|crore|cr)\b"#, kinds: [.money],
             check: { ($0.value.min ?? $0.value.max ?? 0) >= 100_000 && $0.value.unit == "INR" }),
        Form(name: "bn/billion", pattern: #"\$\s?[0-9][0-9,.]*[- ]?(?:bn|billion)\b"#, kinds: [.money],
             check: { ($0.value.min ?? $0.value.max ?? 0) >= 1_000_000_000 && $0.value.unit == "USD" }),
        Form(name: "FY", pattern: #"\b(?:FY ?[0-9]{2,4}(?:-[0-9]{2})?|(?:19|20)[0-9]{2}-[0-9]{2})\b"#, kinds: [.daterange],
             check: { $0.temporal?.kind == .fiscalYear && $0.value.start != nil }),
        Form(name: "quarter", pattern: #"\bQ[1-4](?: ?FY ?[0-9]{2,4})?\b"#, kinds: [.daterange],
             check: { $0.temporal?.kind == .quarter && $0.value.start != nil }),
    ]

    @Test("each lakh/crore, bn, FY and quarter form in the news sentences is found",
          .enabled(if: available, "shared/data/normalize/news_cases.jsonl is absent: skipped"))
    func newsForms() throws {
        let data = try Data(contentsOf: Self.newsCases)
        let recognizer = Recognizer()
        var checked: [String: Int] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let text = try #require(obj["text"] as? String)
            let published = (obj["published"] as? String).flatMap { CalendarDay(iso: String($0.prefix(10))) }
            let mentions = recognizer.recognize(text, reference: published)
            for form in Self.forms {
                let regex = try Regex(form.pattern)
                for match in text.matches(of: regex) {
                    // Code-point offsets, as mentions count them.
                    let start = text.unicodeScalars.distance(from: text.startIndex, to: match.range.lowerBound)
                    let end = text.unicodeScalars.distance(from: text.startIndex, to: match.range.upperBound)
                    let cover = mentions.first { form.kinds.contains($0.kind) && $0.start <= start && $0.end >= end }
                    guard let m = cover else {
                        Issue.record("\(form.name) '\(text[match.range])' not found in '\(text)'; found \(mentions.map { "\($0.kind.rawValue) '\($0.text)'" })")
                        continue
                    }
                    #expect(form.check(m), "\(form.name) '\(m.text)' has value \(m.value) in '\(text)'")
                    checked[form.name, default: 0] += 1
                }
            }
        }
        // The corpus holds each form; finding none means the patterns broke, not that the recognizer passed.
        for form in Self.forms { #expect(checked[form.name, default: 0] > 0, "no \(form.name) form checked") }
    }
}
