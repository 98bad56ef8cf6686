import ClaimModel
import Foundation
@testable import Extract
import Testing

/// One expected claim of the hand-written gold.
struct GoldClaim: Decodable {
    var text: String
    /// The lexicon key the claim should get (nil when no lexicon metric applies).
    var metric: String?
    var modality: String
    var period: String?
    /// A snippet of the document containing `text`; the first occurrence of `text` in it is the claim's place.
    var quote: String?
    /// Who or what the value is about.
    var subject: String?
    /// Words any of which an automatic metric key should contain.
    var head: [String]?
    /// Whether the text denies the statement.
    var negated: Bool?
}

struct GoldFile: Decodable {
    var documents: [String: [GoldClaim]]
}

/// Precision and recall of claim extraction against a gold file, with field accuracy on matched claims.
struct ExtractionScore: CustomStringConvertible {
    var gold = 0, predicted = 0, matched = 0, metricRight = 0, metricJudged = 0, modalityRight = 0, periodRight = 0
    var headRight = 0, headJudged = 0, subjectRight = 0, subjectJudged = 0
    var negatedGold = 0, negatedFound = 0, negatedPredicted = 0
    /// What did not match or was judged wrong, for `CLAIMTRACK_GOLD_DETAIL=1`.
    var notes: [String] = []
    var precision: Double { predicted == 0 ? 0 : Double(matched) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
    var metricAccuracy: Double { metricJudged == 0 ? 1 : Double(metricRight) / Double(metricJudged) }
    var headAccuracy: Double { headJudged == 0 ? 1 : Double(headRight) / Double(headJudged) }
    var subjectAccuracy: Double { subjectJudged == 0 ? 1 : Double(subjectRight) / Double(subjectJudged) }
    var modalityAccuracy: Double { matched == 0 ? 0 : Double(modalityRight) / Double(matched) }
    var periodAccuracy: Double { matched == 0 ? 0 : Double(periodRight) / Double(matched) }
    var description: String {
        var s = String(format: "claims: precision %.3f recall %.3f (%d matched of %d gold, %d predicted); metric %.3f, modality %.3f, period %.3f",
                       precision, recall, matched, gold, predicted, metricAccuracy, modalityAccuracy, periodAccuracy)
        if headJudged > 0 { s += String(format: ", automatic metric head %.3f (%d/%d)", headAccuracy, headRight, headJudged) }
        if subjectJudged > 0 { s += String(format: ", subject %.3f (%d/%d)", subjectAccuracy, subjectRight, subjectJudged) }
        if negatedGold > 0 || negatedPredicted > 0 {
            s += ", negation \(negatedFound) of \(negatedGold) gold found, \(negatedPredicted) predicted"
        }
        return s
    }

    /// The code-point span of a gold claim located by its quote in the document text.
    static func span(of g: GoldClaim, in text: String) -> Range<Int>? {
        guard let quote = g.quote else { return nil }
        let scalars = Array(text.unicodeScalars), q = Array(quote.unicodeScalars), v = Array(g.text.unicodeScalars)
        func find(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from: Int = 0) -> Int? {
            guard !needle.isEmpty, hay.count >= needle.count else { return nil }
            var i = from
            while i + needle.count <= hay.count {
                if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
                i += 1
            }
            return nil
        }
        guard let at = find(q, in: scalars), let inner = find(v, in: q) else { return nil }
        return (at + inner)..<(at + inner + v.count)
    }

    /// Matches gold and predicted claims: by overlapping spans when the gold gives a quote (and `text` is the
    /// document's text), otherwise in text order by overlapping value text.
    mutating func add(gold: [GoldClaim], predicted: [Claim], text: String? = nil) {
        self.gold += gold.count
        self.predicted += predicted.count
        negatedPredicted += predicted.filter { $0.negated == true }.count
        var used = Set<Int>()
        defer {
            for i in predicted.indices where !used.contains(i) { notes.append("extra: \(predicted[i].text) [\(predicted[i].metric)] in '\(predicted[i].quote.prefix(80))'") }
        }
        for g in gold {
            let goldSpan = text.flatMap { Self.span(of: g, in: $0) }
            if g.negated == true { negatedGold += 1 }
            guard let index = predicted.indices.first(where: { i in
                guard !used.contains(i) else { return false }
                if let goldSpan {
                    return predicted[i].span.count == 2 && predicted[i].span[0] < goldSpan.upperBound && goldSpan.lowerBound < predicted[i].span[1]
                }
                return predicted[i].text.contains(g.text) || g.text.contains(predicted[i].text)
            }) else { notes.append("missed: \(g.text) in '\(g.quote ?? "")'"); continue }
            used.insert(index)
            let p = predicted[index]
            matched += 1
            if let metric = g.metric {
                metricJudged += 1
                if p.metric == metric { metricRight += 1 }
            } else if let head = g.head {
                headJudged += 1
                let key = p.metric.lowercased()
                if head.contains(where: { key.contains($0.lowercased()) }) { headRight += 1 } else { notes.append("metric: \(g.text) → \(p.metric), want \(head)") }
            }
            if let subject = g.subject?.lowercased() {
                subjectJudged += 1
                let found = p.subject?.lowercased() ?? ""
                if !found.isEmpty, found.contains(subject) || subject.contains(found) { subjectRight += 1 }
            }
            if g.negated == true, p.negated == true { negatedFound += 1 }
            if (g.negated == true) != (p.negated == true) { notes.append("negation: \(g.text) → \(p.negated == true)") }
            if p.modality.rawValue == g.modality { modalityRight += 1 } else { notes.append("modality: \(g.text) → \(p.modality), want \(g.modality)") }
            let predictedPeriod: String? = p.period?.text.map { $0.lowercased() }
            let goldPeriod: String? = g.period.map { $0.lowercased() }
            let samePeriod: Bool
            if let a = goldPeriod, let b = predictedPeriod {
                samePeriod = a.contains(b) || b.contains(a)
            } else {
                samePeriod = goldPeriod == nil && predictedPeriod == nil
            }
            if samePeriod {
                periodRight += 1
            } else {
                notes.append("period: \(g.text) → \(predictedPeriod ?? "nil"), want \(goldPeriod ?? "nil")")
            }
        }
    }
}

/// The article texts of `../shared/data/html/expected.jsonl` by id, or nil when the shared data is absent.
func sharedHTMLTexts() throws -> [String: String]? {
    let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/html/expected.jsonl")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    struct Row: Decodable { var id: String; var text: String }
    var texts: [String: String] = [:]
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.isEmpty {
        let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
        texts[row.id] = row.text
    }
    return texts
}

@Suite("claim extraction quality")
struct GoldScoreTests {
    @Test("precision and recall on the five sample articles stay above their floors")
    func samplesGold() throws {
        let url = repoRoot.appendingPathComponent("Tests/ExtractTests/Fixtures/samples-gold.json")
        let gold = try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: url))
        var score = ExtractionScore()
        for (name, expected) in gold.documents.sorted(by: { $0.key < $1.key }) {
            score.add(gold: expected, predicted: try claims(name))
        }
        print("samples gold — \(score)")
        if ProcessInfo.processInfo.environment["CLAIMTRACK_GOLD_DETAIL"] != nil { for note in score.notes { print("    \(note)") } }
        // Floors only go up: raise them when the method improves.
        #expect(score.precision >= 1.0)
        #expect(score.recall >= 0.97)
        #expect(score.metricAccuracy >= 1.0)
        #expect(score.modalityAccuracy >= 1.0)
        #expect(score.periodAccuracy >= 1.0)
    }

    @Test("precision and recall on ten number-rich news articles of ../shared stay above their floors")
    func htmlNewsGold() throws {
        guard let texts = try sharedHTMLTexts() else {
            print("skipped: ../shared/data/html/expected.jsonl is absent (the ten-article gold needs the shared data)")
            return
        }
        let url = repoRoot.appendingPathComponent("Tests/ExtractTests/Fixtures/html-news-gold.json")
        let gold = try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: url))
        #expect(gold.documents.count == 10)
        var score = ExtractionScore()
        let builder = ClaimBuilder()
        for (id, expected) in gold.documents.sorted(by: { $0.key < $1.key }) {
            let text = try #require(texts[id], "gold article \(id) is not in expected.jsonl")
            for g in expected { #expect(ExtractionScore.span(of: g, in: text) != nil, "quote not found: \(g.quote ?? "")") }
            let document = Document(id: "h-\(id.prefix(8))", path: "\(id).txt", format: .text, text: text)
            score.add(gold: expected, predicted: builder.claims(for: document), text: text)
            if ProcessInfo.processInfo.environment["CLAIMTRACK_GOLD_DETAIL"] != nil {
                var one = ExtractionScore()
                one.add(gold: expected, predicted: builder.claims(for: document), text: text)
                print("  \(id.prefix(8)) — \(one)")
                for note in one.notes { print("    \(note)") }
            }
        }
        print("html news gold — \(score)")
        // Floors only go up: raise them when the method improves.
        // Measured before the method changes: precision 0.914, recall 0.464.
        #expect(score.precision >= 1.0)
        #expect(score.recall >= 0.51)
        #expect(score.metricAccuracy >= 1.0)
        #expect(score.headAccuracy >= 0.71)
        #expect(score.modalityAccuracy >= 0.99)
        #expect(score.periodAccuracy >= 0.92)
    }
}
