import ClaimModel
import Foundation
@testable import Extract
import Testing

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A sample article as a document (the raw file text is enough for claim building).
func sample(_ name: String) throws -> Document {
    let text = try String(contentsOf: repoRoot.appendingPathComponent("inputs/\(name)"), encoding: .utf8)
    return Document(id: "d-\(name.prefix(3))", path: name, format: .text, text: text)
}

func claims(_ name: String) throws -> [Claim] { ClaimBuilder().claims(for: try sample(name)) }

let billion = Decimal(1_000_000_000)

@Suite("claim building")
struct ClaimBuilderTests {
    @Test("sentences keep code-point offsets into the text")
    func sentenceOffsets() {
        let text = "Trade rose. It hit $63 billion in 2024!\n\nPM Modi spoke to the U.S. envoy. Done"
        let sentences = SentenceSplitter.split(text)
        #expect(sentences.map(\.text) == ["Trade rose.", "It hit $63 billion in 2024!", "PM Modi spoke to the U.S. envoy.", "Done"])
        let scalars = Array(text.unicodeScalars)
        for s in sentences {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[s.start..<s.end])
            #expect(String(v) == s.text)
        }
    }

    @Test("a trade figure gets the bilateral-trade metric, the document's pair as subject, and its speaker")
    func tradeClaim() throws {
        let all = try claims("003_0f56a6cc67651ace.txt")
        let trade = all.first { $0.value.min == 63 * billion }
        #expect(trade?.metric == "bilateral trade")
        #expect(trade?.subject == "India-Russia")
        #expect(trade?.modality == .reported)
        #expect(trade?.value.unit == "USD")
        let target = all.first { $0.value.min == 100 * billion }
        #expect(target?.metric == "bilateral trade")
        #expect(target?.modality == .target)
        #expect(target?.period?.expression?.bound == .by)
    }

    @Test("the span of a claim points at the value's text in the document")
    func spans() throws {
        let doc = try sample("004_514babaee8e1ccd5.txt")
        let scalars = Array(doc.text.unicodeScalars)
        for claim in ClaimBuilder().claims(for: doc) {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[claim.span[0]..<claim.span[1]])
            #expect(String(v) == claim.text)
            #expect(claim.quote.contains(claim.text))
        }
    }

    @Test("from $13 billion to $68 billion is a change with its multiplier; exports and imports are parts of trade")
    func derivedParts() throws {
        let all = try claims("004_514babaee8e1ccd5.txt")
        let from = all.first { $0.role == "change.from" }
        let to = all.first { $0.role == "change.to" }
        let ratio = all.first { $0.role == "change.ratio" }
        #expect(from?.value.min == 13 * billion)
        #expect(to?.value.min == 68 * billion)
        #expect(to?.metric == "bilateral trade")
        #expect(to?.period == nil)
        #expect(ratio?.value.dimension == .multiplier)
        #expect(ratio?.approximation == .approximate)
        let parts = all.filter { $0.role == "part-of:bilateral trade" }
        #expect(Set(parts.map(\.metric)) == ["exports", "imports"])
        #expect(parts.allSatisfy { $0.approximation == .approximate })
    }

    @Test("percent shares over three periods keep the metric across 'this figure'")
    func timeSeries() throws {
        let all = try claims("004_514babaee8e1ccd5.txt").filter { $0.value.dimension == .percent && $0.metric == "share of arms imports" }
        #expect(all.compactMap(\.value.min) == [70, 55, 36])
        #expect(all.allSatisfy { $0.period != nil })
    }

    @Test("event dates are claims; the speech date 'on Tuesday' is not")
    func eventDates() throws {
        let dated = try claims("000_c2ad7f6feaff2f3a.txt").filter { $0.metric == "visit dates" }
        #expect(dated.map(\.text) == ["4-5 December 2025"])
        let forecast = try claims("002_e9881d4b8377d38e.txt").filter { $0.metric == "visit dates" }
        #expect(forecast.map(\.text).contains { $0.contains("December 5-6") })
        #expect(forecast.allSatisfy { $0.modality != .reported })
        let peskov = try claims("003_0f56a6cc67651ace.txt").filter { $0.value.dimension == .date }
        #expect(!peskov.contains { $0.text.contains("Tuesday") })
        // The days listed beside "four telephone conversations" date those conversations.
        let listed = peskov.filter { $0.metric == "leader conversations dates" }
        #expect(listed.count == 6)
        #expect(listed.allSatisfy { $0.role == "series" })
    }

    @Test("itemised counts are linked to their total")
    func itemisedCounts() throws {
        let all = try claims("003_0f56a6cc67651ace.txt")
        let total = all.first { $0.role == "total" }
        #expect(total?.value.min == 11)
        let items = all.filter { $0.role == "item-of:\(total?.metric ?? "?")" }
        #expect(items.compactMap(\.value.min).sorted() == [2, 4, 5])
    }

    @Test("model numbers and ordinals are not claims")
    func negatives() throws {
        let all = try claims("001_5b89c7b4317cd4a6.txt")
        #expect(!all.contains { $0.text.contains("57") || $0.text.contains("400") || $0.text.contains("23rd") })
    }
}

@Suite("component roles")
struct ComponentRoleTests {
    func build(_ text: String) -> [Claim] {
        ClaimBuilder().claims(for: Document(id: "d-x", path: "x.txt", format: .text, text: text))
    }

    @Test("a value introduced by 'including' after a larger whole is its component")
    func includingMarksAPart() {
        let claims = build("The US imposed 50 percent tariffs on Indian goods, including a 25% duty linked to Russian crude.")
        let part = claims.first { $0.value.min == 25 }
        #expect(part?.role == "component-of:tariffs")
        #expect(claims.first { $0.value.min == 50 }?.role == nil)
    }

    @Test("two values without an inclusion cue stay independent")
    func noCueNoComponent() {
        let claims = build("Tariffs rose from 25% to 50% this year.")
        #expect(!claims.contains { $0.role?.hasPrefix("component-of:") == true })
    }
}
