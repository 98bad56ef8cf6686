import ClaimModel
import Extract
import Foundation
import Ingest
import Normalize
import Pipeline
@testable import Report
import TestSupport
import Testing

/// What `claims.jsonl` held before `ClaimJSON`: the claim encoded by `JSONEncoder`, with a `"run"` key added.
struct EncodedClaimLine: Encodable {
    let claim: Claim
    let run: String?

    private enum RunKey: String, CodingKey { case run }

    func encode(to encoder: any Encoder) throws {
        try claim.encode(to: encoder)
        if let run {
            // A second keyed container on the same encoder adds to the object the claim just wrote.
            var c = encoder.container(keyedBy: RunKey.self)
            try c.encode(run, forKey: .run)
        }
    }
}

/// The references the hand-written writers must equal, byte for byte.
enum Reference {
    /// A `claims.jsonl` line's object as `JSONEncoder` writes it with the settings the report used.
    static func line(_ claim: Claim, run: String?) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(EncodedClaimLine(claim: claim, run: run)))
    }

    /// The claim pretty-printed as `report.json`'s encoder writes it, at the top level.
    static func pretty(_ claim: Claim) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(claim))
    }

    /// A `claims.csv` cell as it was made before the byte writer: formula start neutralised, then quoted when needed.
    static func csvField(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil { s = "'" + s }
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return s
        }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            quoted.append(b)
            if b == UInt8(ascii: "\"") { quoted.append(b) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// A `claims.csv` row as it was built before the byte writer: cells as strings, each quoted, joined.
    static func csvRow(_ c: Claim, runID: String) -> String {
        let cells: [String] = [
            c.id, c.document, c.subject ?? "", c.metric, c.value.dimension.rawValue, c.value.unit ?? "",
            c.value.min.map { "\($0)" } ?? "", c.value.max.map { "\($0)" } ?? "", c.value.start?.iso ?? "", c.value.end?.iso ?? "",
            c.approximation.rawValue, c.modality.rawValue, c.period?.start?.iso ?? "", c.period?.end?.iso ?? "",
            c.speaker ?? "", c.text, c.quote, c.span.first.map(String.init) ?? "", c.span.last.map(String.init) ?? "", runID,
        ]
        return cells.map(csvField).joined(separator: ",") + "\r\n"
    }
}

/// Random claims for the byte-for-byte checks: every optional field both nil and set, strings with what JSON and CSV
/// must escape or quote, and numbers and days at their extremes.
struct StrangeClaims {
    var rng: SeededGenerator

    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func maybe<T>(_ make: (inout StrangeClaims) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }

    /// Characters that each take a different way through JSON escaping or CSV quoting.
    static let alphabet: [String] = {
        var pieces = ["a", "Z", "0", " ", "\"", "\\", "/", ",", "'", "=", "+", "-", "@", "\r\n", "\u{7F}", "\u{80}", "é",
                      "e\u{301}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "₹", "日本", "नमस्ते", "🚀", "👩‍👩‍👧", "🇮🇳",
                      "</script>", "\\u0000", "\u{10FFFF}"]
        // Every control character.
        pieces += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        return pieces
    }()

    mutating func string() -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return pick(["", "USD", "%", "exact", "-5", "=1+1", "+44 20", "@home", "\tx", "\rx", "-inf", "-nan", "+1e5",
                             "-0x1p3", "http://example.com/a/b", "a,b", "say \"hi\"", "line\nbreak", "null", "1e21"])
        case 1: return String(repeating: pick(Self.alphabet), count: Int.random(in: 1...5, using: &rng))
        default: return (0..<Int.random(in: 0...24, using: &rng)).map { _ in pick(Self.alphabet) }.joined()
        }
    }

    mutating func int() -> Int {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return Int.random(in: 0...3000, using: &rng)
        case 1: return Int.random(in: -100...100, using: &rng)
        case 2: return pick([Int.min, Int.max, Int.min + 1, -1, 0, 9, 10, 99, 100, 1_000_000_000_000])
        default: return Int.random(in: Int.min...Int.max, using: &rng)
        }
    }

    mutating func decimal() -> Decimal {
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: return Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 1: return Decimal(sign: bool() ? .minus : .plus, exponent: Int.random(in: -40...40, using: &rng),
                               significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &rng)))
        case 2:  // 38 significant digits, as conversions give
            return Decimal(Int.random(in: 1...1_000_000, using: &rng)) / Decimal(Int.random(in: 3...999_999, using: &rng))
        case 3: return pick([Decimal.nan, Decimal(0), Decimal(-0.0), Decimal(0.0000001), Decimal(1e21), Decimal(1e-7) * -1,
                             Decimal.greatestFiniteMagnitude, Decimal.leastFiniteMagnitude, Decimal.leastNonzeroMagnitude,
                             Decimal(sign: .minus, exponent: 0, significand: 0), Decimal(sign: .plus, exponent: 5, significand: 0)])
        case 4: return Decimal(string: pick(["0", "-0", "-0.0001", "63000000000", "1.5", "0.02", "100.000",
                                             "340282366920938463463374607431768211455", "-12345678901234567890.123456789",
                                             "1e-100", "1e120", "9.99e-128", "1E+127"])) ?? 1
        case 5: return Decimal(sign: .plus, exponent: pick([-128, 127, 100, -100, -1, 1]), significand: Decimal(Int.random(in: 1...99, using: &rng)))
        default: return Decimal(Double(Int.random(in: -10_000...10_000, using: &rng)) / 100)
        }
    }

    mutating func day() -> CalendarDay {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return CalendarDay(dayNumber: Int.random(in: -800_000...3_000_000, using: &rng))
        case 1: return CalendarDay(dayNumber: pick([-719_528, -719_529, -1_000_000, 2_932_896, 2_932_897, 40_000_000, 0]))
        default: return CalendarDay(dayNumber: Int.random(in: 0...40_000, using: &rng))
        }
    }

    mutating func partial() -> PartialDate {
        PartialDate(year: maybe { $0.int() }, month: maybe { $0.int() }, day: maybe { $0.int() })
    }

    mutating func temporal() -> TemporalExpression {
        TemporalExpression(kind: pick([.calendar, .weekday, .relativeDay, .relativeMonth, .relativeYear, .relativeWeek,
                                       .trailingWeeks, .isoWeek, .trailingYears, .vague, .fiscalYear, .quarter, .relativeQuarter]),
                           start: maybe { $0.partial() }, end: maybe { $0.partial() }, offset: maybe { $0.int() },
                           count: maybe { $0.int() }, weekday: maybe { $0.int() }, part: maybe { $0.pick([.early, .mid, .late]) },
                           bound: maybe { $0.pick([.before, .after, .since, .by, .until]) },
                           tense: maybe { $0.pick([.past, .present, .future]) }, quarter: maybe { $0.int() },
                           fiscal: maybe { $0.bool() }, fiscalYear: maybe { $0.int() }, fiscalEndMonth: maybe { $0.int() })
    }

    mutating func value() -> ClaimValue {
        let min = maybe { $0.decimal() }
        var value = ClaimValue(dimension: Dimension(bool() ? pick(["money", "percent", "date", "count"]) : string()),
                               unit: maybe { $0.string() }, min: min, max: bool() ? min : maybe { $0.decimal() },
                               start: maybe { $0.day() }, end: maybe { $0.day() }, inferredFrom: maybe { $0.string() },
                               unresolved: maybe { $0.string() }, resolution: maybe { $0.string() })
        if bool() {
            value.canonical = CanonicalValue(unit: string(), min: maybe { $0.decimal() }, max: maybe { $0.decimal() },
                                             rate: maybe { $0.decimal() }, rateDate: maybe { $0.string() },
                                             spread: maybe { $0.decimal() }, source: maybe { $0.string() }, note: maybe { $0.string() })
        }
        return value
    }

    mutating func claim() -> Claim {
        let spans: [[Int]] = [[int(), int()], [], [int()], [int(), int(), int()]]
        var claim = Claim(id: string(), document: string(), quote: string(), span: bool() ? spans[0] : pick(spans),
                          subject: maybe { $0.string() }, metric: string(), value: value(),
                          approximation: pick(Approximation.allCases), modality: pick(Modality.allCases),
                          period: maybe { s in
                              Period(start: s.maybe { $0.day() }, end: s.maybe { $0.day() }, text: s.maybe { $0.string() },
                                     expression: s.maybe { $0.temporal() }, unresolved: s.maybe { $0.string() })
                          },
                          speaker: maybe { $0.string() }, text: string(), hedge: maybe { $0.string() },
                          temporal: maybe { $0.temporal() }, role: maybe { $0.string() })
        claim.rejected = maybe { s in
            ClaimRejection(by: s.string(), at: s.string(), why: s.maybe { $0.string() }, stale: s.bool(), note: s.maybe { $0.string() })
        }
        claim.negated = maybe { $0.bool() }
        return claim
    }
}

/// The documents and claims ingest, extract and normalize make of the sample articles in `inputs/`, with defaults.
enum SampleClaims {
    static func batch() async throws -> Batch {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10)!, runID: "claim-json", startedAt: "2025-12-10T00:00:00Z",
                                   inputs: root.appendingPathComponent("inputs"), outputs: try Fixture.temporaryFolder(),
                                   projectDirectory: root, concurrency: 2)
        var batch = try await IngestStage(options: .defaults).run(Batch(), in: context)
        batch = try await ExtractStage(options: .defaults).run(batch, in: context)
        return try await NormalizeStage(options: .defaults).run(batch, in: context)
    }
}

@Suite("claims written by hand equal JSONEncoder's bytes")
struct ClaimJSONTests {
    /// Checks one claim every way the report writes it. Bytes are compared (two strings can be equal while their
    /// bytes differ); a difference is shown as text.
    func expectSameBytes(_ claim: Claim, run: String?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        func expectSame(_ written: [UInt8], _ expected: [UInt8], _ what: String) {
            guard written != expected else { return }
            let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
            Issue.record("\(what) of claim \(claim.id.debugDescription) differs:\n\(text(written))\nexpected:\n\(text(expected))",
                         sourceLocation: sourceLocation)
        }
        var line: [UInt8] = []
        ClaimJSON.appendLine(claim, run: run, to: &line)
        expectSame(line, try Reference.line(claim, run: run), "claims.jsonl line")
        var pretty: [UInt8] = []
        ClaimJSON.appendPretty(claim, depth: 0, to: &pretty)
        expectSame(pretty, try Reference.pretty(claim), "pretty JSON")
        let runID = run ?? "r"
        expectSame(Array(ClaimsCSV.row(claim, runID: runID).utf8), Array(Reference.csvRow(claim, runID: runID).utf8), "claims.csv row")
    }

    @Test("the claims the pipeline makes from inputs/, with and without a run, as lines, pretty and as CSV rows")
    func sampleClaims() async throws {
        let batch = try await SampleClaims.batch()
        #expect(batch.claims.count >= 20)
        // What the stages fill in: canonical values, periods, temporal expressions, dates.
        #expect(batch.claims.contains { $0.value.canonical != nil })
        #expect(batch.claims.contains { $0.period != nil })
        #expect(batch.claims.contains { $0.value.isDate })
        for claim in batch.claims {
            try expectSameBytes(claim, run: "run-2025-12-10-abcd")
            try expectSameBytes(claim, run: nil)
            // A reviewer's rejection and a negation, which only later stages set.
            var reviewed = claim
            reviewed.rejected = ClaimRejection(by: "rev/iewer", at: "2025-12-11", why: "wrong \"unit\"", stale: true, note: nil)
            reviewed.negated = false
            try expectSameBytes(reviewed, run: "r")
        }
        // The whole files too.
        let lines = try ReportWriter.claimsJSONL(batch.claims, runID: "run-x")
        var expected: [UInt8] = []
        for claim in batch.claims { expected += try Reference.line(claim, run: "run-x") + [UInt8(ascii: "\n")] }
        #expect(lines == expected)
        var options = ReportOptions.defaults
        options.includeAllClaims = true
        var report = ReportWriter.makeReport(batch, context: Fixture.context(), options: options)
        #expect(report.claims.count == batch.claims.count)
        #expect(try ReportWriter.json(report) == ReportWriter.plainJSON(report))
        report.claims = Array(report.claims.prefix(1))
        #expect(try ReportWriter.json(report) == ReportWriter.plainJSON(report))
    }

    @Test("random claims with every optional field, strange strings and extreme numbers", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomClaims(seed: UInt64) throws {
        var make = StrangeClaims(rng: SeededGenerator(seed: seed))
        var claims: [Claim] = []
        for _ in 0..<400 {
            let claim = make.claim()
            try expectSameBytes(claim, run: make.maybe { $0.string() })
            claims.append(claim)
        }
        // Spliced into report.json, at the depth of the claims list.
        var report = Fixture.report
        report.claims = claims
        #expect(try ReportWriter.json(report) == ReportWriter.plainJSON(report))
    }

    @Test("every kind of field occurs in the random claims, so none goes unchecked")
    func randomCoverage() {
        var claims: [Claim] = []
        for seed in [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64] {
            var make = StrangeClaims(rng: SeededGenerator(seed: seed))
            claims += (0..<400).map { _ in make.claim() }
        }
        let temporals = claims.compactMap(\.temporal)
        let present: [(String, Bool)] = [
            ("hedge", claims.contains { $0.hedge != nil }), ("negated", claims.contains { $0.negated != nil }),
            ("rejected.why", claims.contains { $0.rejected?.why != nil }), ("rejected.note", claims.contains { $0.rejected?.note != nil }),
            ("role", claims.contains { $0.role != nil }), ("period.expression", claims.contains { $0.period?.expression != nil }),
            ("period.text", claims.contains { $0.period?.text != nil }), ("period.unresolved", claims.contains { $0.period?.unresolved != nil }),
            ("canonical.rate", claims.contains { $0.value.canonical?.rate != nil }),
            ("canonical.spread", claims.contains { $0.value.canonical?.spread != nil }),
            ("canonical.note", claims.contains { $0.value.canonical?.note != nil }),
            ("value.unresolved", claims.contains { $0.value.unresolved != nil }),
            ("value.resolution", claims.contains { $0.value.resolution != nil }),
            ("empty span", claims.contains { $0.span.isEmpty }), ("NaN", claims.contains { $0.value.min?.isNaN == true }),
            ("empty partial date", temporals.contains { $0.start == PartialDate() }),
            ("year beyond 9999", claims.contains { ($0.value.start?.year ?? 0) > 9999 }),
            ("negative year", claims.contains { ($0.value.start?.year ?? 0) < 0 }),
            ("temporal.bound", temporals.contains { $0.bound != nil }), ("temporal.count", temporals.contains { $0.count != nil }),
            ("temporal.fiscal", temporals.contains { $0.fiscal != nil }),
            ("temporal.fiscalEndMonth", temporals.contains { $0.fiscalEndMonth != nil }),
            ("temporal.fiscalYear", temporals.contains { $0.fiscalYear != nil }), ("temporal.offset", temporals.contains { $0.offset != nil }),
            ("temporal.part", temporals.contains { $0.part != nil }), ("temporal.quarter", temporals.contains { $0.quarter != nil }),
            ("temporal.tense", temporals.contains { $0.tense != nil }), ("temporal.weekday", temporals.contains { $0.weekday != nil }),
        ]
        for (name, found) in present { #expect(found, "no random claim has \(name)") }
    }

    @Test("each string escape alone: every control character, quote, backslash, slash, DEL, U+2028, emoji")
    func escapes() throws {
        var base = Fixture.claims[0]
        for scalar in (0..<0x80).map({ UnicodeScalar(UInt8($0)) }) + ["\u{2028}", "\u{2029}", "🚀", "é", "\u{FEFF}"] {
            for text in [String(scalar), "a\(scalar)", "\(scalar)b", "a\(scalar)\(scalar)b"] {
                base.quote = text
                base.speaker = text
                try expectSameBytes(base, run: text)
            }
        }
    }

    @Test("a decimal's text is reused only for a decimal stored alike")
    func decimalReuse() throws {
        let pairs: [(Decimal, Decimal)] = [(1, 2), (1, -1), (100, 1000), (.nan, 0), (Decimal(string: "0.1")!, Decimal(string: "0.01")!)]
        for (a, b) in pairs {
            #expect(ClaimJSON.sameBits(a, a) && ClaimJSON.sameBits(b, b) && !ClaimJSON.sameBits(a, b), "\(a) and \(b)")
        }
        var claim = Fixture.claims[0]
        for (low, high) in pairs + [(Decimal(7), Decimal(7))] {
            var value = ClaimValue(dimension: .money, unit: "USD", min: low, max: high)
            value.canonical = CanonicalValue(unit: "USD", min: high, max: low, rate: low, spread: high)
            claim.value = value
            try expectSameBytes(claim, run: "r")
        }
    }

    @Test("claims.csv cells: numbers stay numbers, formulas are neutralised, quotes doubled")
    func csvCells() {
        for text in ["", "-5", "-5.5e3", "-inf", "-nan", "-", "=1", "+", "@a", "\t", "\r", "\r\n", "-,", "=\"x\"", "a\"b\"", "₹,\"",
                     "+1e5", " -5", "-0x1p3", "nan", "-ínf"] {
            var bytes: [UInt8] = []
            ClaimsCSV.appendField(text, to: &bytes)
            var claim = Fixture.claims[0]
            claim.text = text
            #expect(Array(ClaimsCSV.row(claim, runID: text).utf8) == Array(Reference.csvRow(claim, runID: text).utf8),
                    "cell \(text.debugDescription)")
            #expect(bytes == Array(Reference.csvField(text).utf8), "cell \(text.debugDescription)")
        }
    }
}
