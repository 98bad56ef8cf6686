@testable import ClaimModel
import Foundation
import Testing

@Suite("calendar days")
struct CalendarDayTests {
    @Test("day numbers round-trip over four centuries, leap days included")
    func roundTrip() {
        for n in stride(from: -146_097, through: 146_097, by: 37) {
            let d = CalendarDay(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CalendarDay(year: d.year, month: d.month, day: d.day) == d)
        }
        #expect(CalendarDay(dayNumber: 0).iso == "1970-01-01")
        #expect(CalendarDay(iso: "2000-02-29")?.adding(days: 1).iso == "2000-03-01")
        #expect(CalendarDay(iso: "2100-02-29") == nil)
    }

    @Test("weekdays are ISO numbered from Monday")
    func weekdays() {
        #expect(CalendarDay(iso: "2025-12-02")?.weekday == 2)  // a Tuesday
        #expect(CalendarDay(iso: "1970-01-01")?.weekday == 4)  // a Thursday
        #expect(CalendarDay(iso: "2025-12-07")?.weekday == 7)  // a Sunday
    }

    @Test("only exact YYYY-MM-DD parses", arguments: ["2025-1-01", "2025-13-01", "2025-02-30", "20251201", "2025-12-01T00:00", ""])
    func rejects(_ text: String) {
        #expect(CalendarDay(iso: text) == nil)
    }

    @Test("month bounds")
    func months() {
        let d = CalendarDay(iso: "2024-02-10")
        #expect(d?.firstOfMonth.iso == "2024-02-01")
        #expect(d?.lastOfMonth.iso == "2024-02-29")
    }
}

@Suite("hashing and ids")
struct HashingTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func vectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("ids are stable for the same content and span, and differ otherwise")
    func ids() {
        #expect(Document.id(forContent: Array("x".utf8)) == Document.id(forContent: Array("x".utf8)))
        #expect(Document.id(forContent: Array("x".utf8)) != Document.id(forContent: Array("y".utf8)))
        #expect(Claim.id(document: "d-1", start: 3, end: 9) == Claim.id(document: "d-1", start: 3, end: 9))
        #expect(Claim.id(document: "d-1", start: 3, end: 9) != Claim.id(document: "d-1", start: 3, end: 10))
        #expect(Document.id(forContent: Array("x".utf8)).hasPrefix("d-"))
    }
}

@Suite("contract encoding")
struct EncodingTests {
    func json<T: Encodable>(_ value: T) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a value always carries the contract's fields, null when unknown")
    func valueFields() throws {
        let object = try json(ClaimValue.exact(63_000_000_000, .money, unit: "USD"))
        for key in ["dimension", "unit", "min", "max", "start", "end", "inferredFrom"] {
            #expect(object.keys.contains(key), "missing '\(key)'")
        }
        #expect(object["start"] is NSNull)
        #expect((object["min"] as? NSNumber)?.int64Value == 63_000_000_000)
        #expect(object["unresolved"] == nil)
    }

    @Test("dates encode as YYYY-MM-DD and partial dates dash out unknown parts")
    func dates() throws {
        let value = ClaimValue(dimension: .date, start: CalendarDay(iso: "2025-12-04"), end: CalendarDay(iso: "2025-12-05"))
        let object = try json(value)
        #expect(object["start"] as? String == "2025-12-04")
        #expect(PartialDate(month: 12, day: 4).text == "--12-04")
        #expect(PartialDate(year: 2025, month: 12).text == "2025-12")
        #expect(PartialDate(year: 2030).text == "2030")
    }

    @Test("a claim round-trips through JSON")
    func claimRoundTrip() throws {
        let claim = Claim(id: "c-1", document: "d-1", quote: "Trade hit $63 billion.", span: [10, 21], subject: "India-Russia",
                          metric: "bilateral trade", value: .exact(63_000_000_000, .money, unit: "USD"), approximation: .exact,
                          modality: .reported, period: Period(start: nil, end: CalendarDay(iso: "2030-12-31"), text: "by 2030"),
                          speaker: nil, text: "$63 billion", hedge: nil, role: "change.to")
        let back = try JSONDecoder().decode(Claim.self, from: JSONEncoder().encode(claim))
        #expect(back == claim)
    }
}
