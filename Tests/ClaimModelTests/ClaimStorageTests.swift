@testable import ClaimModel
import Foundation
import Testing

@Suite("claim storage")
struct ClaimStorageTests {
    static func sample() -> Claim {
        Claim(id: "c-1", document: "d-1", quote: "Trade reached $63 billion in 2024-25.", span: [14, 25], subject: "India",
              metric: "trade", value: ClaimValue(dimension: .money, unit: "USD", min: 63_000_000_000, max: 63_000_000_000),
              approximation: .exact, modality: .reported,
              period: Period(start: CalendarDay(year: 2024, month: 4, day: 1), end: CalendarDay(year: 2025, month: 3, day: 31), text: "2024-25"),
              speaker: "an official", text: "$63 billion", hedge: nil,
              temporal: TemporalExpression(kind: .calendar, start: PartialDate(year: 2024)), role: nil)
    }

    @Test("a copy is independent: changing it leaves the original as it was, in every field")
    func copyOnWrite() {
        let original = Self.sample()
        var copy = original
        #expect(copy == original)
        copy.quote = "changed"
        copy.value.min = 1
        copy.period = nil
        copy.temporal = nil
        copy.rejected = ClaimRejection(by: "r", at: "2026-01-01", why: nil, stale: false, note: nil)
        copy.negated = true
        #expect(original.quote == "Trade reached $63 billion in 2024-25.")
        #expect(original.value.min == 63_000_000_000)
        #expect(original.period?.text == "2024-25")
        #expect(original.temporal?.start?.year == 2024)
        #expect(original.rejected == nil && original.negated == nil)
        #expect(copy != original)
        #expect(copy.rejected?.by == "r" && copy.negated == true && copy.period == nil)
    }

    @Test("equal claims hash alike whether or not they share storage; any field makes a difference")
    func equalityAndHashing() {
        let a = Self.sample()
        let b = Self.sample()  // separate storage, same fields
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        var c = b
        c.span = [14, 26]
        #expect(c != a)
        var d = b
        d.role = "from"
        #expect(d != a)
        #expect(Set([a, c, d]).count == 3)
    }

    @Test("encoding and decoding keep every field, with the optional ones present or absent")
    func roundTrip() throws {
        var claim = Self.sample()
        claim.hedge = "nearly"
        claim.role = "component-of:trade"
        claim.rejected = ClaimRejection(by: "ed", at: "2026-02-01T00:00:00Z", why: "misread", stale: true, note: "changed")
        claim.negated = true
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for c in [Self.sample(), claim] {
            let data = try encoder.encode(c)
            let back = try JSONDecoder().decode(Claim.self, from: data)
            #expect(back == c)
            #expect(try encoder.encode(back) == data)
        }
    }
}
