import ClaimModel
import Foundation
import Testing
@testable import Extract
import TestSupport


/// Formatting a resolved value as news text and recognizing it again gives the same value.
@Suite("Recognizer round trips")
struct RecognizerPropertyTests {
    let recognizer = Recognizer()
    let reference = CalendarDay(year: 2025, month: 12, day: 3) ?? CalendarDay(dayNumber: 0)

    /// Western digit grouping: 1234567 → "1,234,567".
    static func grouped(_ v: Int) -> String {
        let s = String(v)
        var out = ""
        for (k, c) in s.enumerated() {
            if k > 0, (s.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// Indian digit grouping: 1234567 → "12,34,567".
    static func indianGrouped(_ v: Int) -> String {
        let s = String(v)
        guard s.count > 3 else { return s }
        let head = String(s.dropLast(3)), tail = String(s.suffix(3))
        var out = ""
        for (k, c) in head.enumerated() {
            if k > 0, (head.count - k) % 2 == 0 { out += "," }
            out.append(c)
        }
        return out + "," + tail
    }

    /// The one mention of `kind` in `text`.
    func only(_ kind: MentionKind, in text: String) -> Mention? {
        recognizer.recognize(text, reference: reference).first { $0.kind == kind }
    }

    @Test("money: amount, currency and scale word survive formatting", arguments: [1 as UInt64, 2, 3])
    func money(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let currencies: [(prefix: String, code: String)] = [("$", "USD"), ("Rs ", "INR"), ("₹", "INR"), ("€", "EUR"), ("£", "GBP")]
        let scales: [(word: String, factor: Decimal)] = [("", 1), (" million", 1_000_000), (" billion", 1_000_000_000),
                                                          (" crore", 10_000_000), (" lakh", 100_000), (" lakh crore", 1_000_000_000_000)]
        for _ in 0..<300 {
            let c = currencies.randomElement(using: &rng) ?? currencies[0]
            let scale = scales.randomElement(using: &rng) ?? scales[0]
            // Whole amounts, or one or two decimals before a scale word ("$2.75 billion").
            let whole = Int.random(in: 1...(scale.word.isEmpty ? 9_999_999 : 999), using: &rng)
            let cents = scale.word.isEmpty ? 0 : Int.random(in: 0...99, using: &rng)
            var amount = c.code == "INR" && scale.word.isEmpty ? Self.indianGrouped(whole) : Self.grouped(whole)
            var value = Decimal(whole)
            if cents > 0 {
                amount += "." + (cents < 10 ? "0\(cents)" : "\(cents)")
                value += Decimal(cents) / 100
            }
            let text = "The company reported \(c.prefix)\(amount)\(scale.word) in revenue."
            let expected = value * scale.factor
            guard let m = only(.money, in: text) else { Issue.record("no money in '\(text)'"); continue }
            #expect(m.value.min == expected && m.value.max == expected && m.value.unit == c.code, "'\(text)' gave \(m.value)")
        }
    }

    @Test("percent: points survive formatting", arguments: [4 as UInt64, 5])
    func percent(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let tenths = Int.random(in: 1...9_999, using: &rng)
            let value = Decimal(tenths) / 10
            let written = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
            let suffix = ["%", " per cent", " percent"].randomElement(using: &rng) ?? "%"
            let text = "Exports rose \(written)\(suffix) from a year earlier."
            guard let m = only(.percent, in: text) else { Issue.record("no percent in '\(text)'"); continue }
            #expect(m.value.min == value && m.value.unit == "%", "'\(text)' gave \(m.value)")
        }
    }

    @Test("count: grouped digits before a plural noun survive formatting", arguments: [6 as UInt64])
    func count(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let v = Int.random(in: 2...99_999_999, using: &rng)
            let noun = ["people", "vehicles", "workers", "units"].randomElement(using: &rng) ?? "people"
            let text = "Officials said \(Self.grouped(v)) \(noun) were affected."
            // A count when the noun is known to the count rules, else a number: the value must survive either way.
            guard let m = only(.count, in: text) ?? only(.number, in: text) else { Issue.record("no count in '\(text)'"); continue }
            #expect(m.value.min == Decimal(v), "'\(text)' gave \(m.value)")
        }
    }

    @Test("date: a day written three ways resolves to itself", arguments: [7 as UInt64, 8])
    func date(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        for _ in 0..<300 {
            let day = CalendarDay(dayNumber: Int.random(in: 0...40_000, using: &rng))
            guard (1900...2099).contains(day.year) else { continue }
            let name = months[day.month - 1]
            let written = [
                "\(day.day) \(name) \(day.year)", "\(name) \(day.day), \(day.year)", day.iso,
            ].randomElement(using: &rng) ?? day.iso
            let text = "The agreement was signed on \(written) in Delhi."
            guard let m = only(.date, in: text) else { Issue.record("no date in '\(text)'"); continue }
            #expect(m.value.start == day && m.value.end == day, "'\(text)' gave \(m.value)")
        }
    }

    @Test("fiscal year: every spelling of a fiscal year resolves to the same April-March span", arguments: [9 as UInt64])
    func fiscalYear(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let end = Int.random(in: 2001...2098, using: &rng)
            let yy = end % 100 < 10 ? "0\(end % 100)" : "\(end % 100)"
            var spellings = ["FY\(yy)", "FY\(end - 1)-\(yy)", "fiscal \(end)", "FY \(end)"]
            // A bare "2009-10" is also an ISO year-month; only a second part above 12 is a fiscal year on its own.
            if end % 100 > 12 { spellings.append("\(end - 1)-\(yy)") }
            let written = spellings.randomElement(using: &rng) ?? "FY\(yy)"
            let text = "Profit rose in \(written), the bank said."
            guard let m = only(.daterange, in: text) else { Issue.record("no period in '\(text)'"); continue }
            #expect(m.value.start == CalendarDay(year: end - 1, month: 4, day: 1), "'\(text)' gave \(m.value)")
            #expect(m.value.end == CalendarDay(year: end, month: 3, day: 31), "'\(text)' gave \(m.value)")
            #expect(m.temporal?.kind == .fiscalYear && m.temporal?.fiscalYear == end)
        }
    }
}
