import ClaimModel
import Foundation
import Testing
@testable import Extract

/// One corpus example with its pack, for readable test names.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var corpus: RecognizerCorpus
    var positive: CorpusPositive?
    var negative: CorpusNegative?
    var testDescription: String { "\(corpus.pack): \(positive?.marked ?? negative?.text ?? "")" }

    static let all: [CorpusCase] = RecognizerCorpora.all.flatMap { c in
        c.positives.map { CorpusCase(corpus: c, positive: $0) } + c.negatives.map { CorpusCase(corpus: c, negative: $0) }
    }
}

@Suite("Recognizer corpora")
struct RecognizerCorpusTests {
    @Test("every pack's corpus", arguments: CorpusCase.all)
    func corpusExample(_ c: CorpusCase) {
        let recognizer = Recognizer()
        if let p = c.positive {
            let (text, start, end) = p.unmarked
            let mentions = recognizer.recognize(text, reference: c.corpus.reference)
            let hit = mentions.first { $0.start == start && $0.end == end }
            guard let m = hit else {
                Issue.record("no mention at \(start)..<\(end) in '\(text)'; found \(mentions.map { "\($0.kind.rawValue) '\($0.text)' \($0.start)..<\($0.end)" })")
                return
            }
            #expect(m.kind == p.kind)
            #expect(m.approximation == p.approximation, "approximation of '\(m.text)'")
            if p.kind == .date || p.kind == .daterange {
                #expect(m.value.start?.iso == p.start, "start of '\(m.text)'")
                #expect(m.value.end?.iso == p.end, "end of '\(m.text)'")
                #expect(m.temporal != nil)
            } else {
                #expect(m.value.min == p.min, "min of '\(m.text)'")
                #expect(m.value.max == p.max, "max of '\(m.text)'")
                #expect(m.value.unit == p.unit, "unit of '\(m.text)'")
            }
        }
        if let n = c.negative {
            let bad = recognizer.recognize(n.text, reference: c.corpus.reference).filter { n.forbidden.contains($0.kind) }
            #expect(bad.isEmpty, "found \(bad.map { "\($0.kind.rawValue) '\($0.text)'" }) in '\(n.text)'")
        }
    }

    @Test("overlaps resolve to the longest, most specific mention")
    func overlaps() {
        let ms = Recognizer().recognize("Bilateral trade has reached $63 billion, with both sides aiming to cross $100 billion by 2030.")
        #expect(ms.map(\.kind) == [.money, .money, .daterange])
        #expect(ms.first?.text == "$63 billion")
        #expect(ms.last?.temporal?.bound == .by)
    }

    @Test("spans are code points into the text")
    func codePointOffsets() {
        let text = "Putin’s visit: «₹25 crore» on 4-5 December 2025"
        let ms = Recognizer().recognize(text)
        let scalars = Array(text.unicodeScalars)
        for m in ms {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[m.start..<m.end])
            #expect(String(v) == m.text)
        }
    }

    @Test("tense is guessed from nearby words")
    func tense() {
        let future = Recognizer().recognize("The leaders will meet on Friday.")
        #expect(future.first?.temporal?.tense == .future)
        let past = Recognizer().recognize("The leaders met on Friday.")
        #expect(past.first?.temporal?.tense == .past)
    }
}
