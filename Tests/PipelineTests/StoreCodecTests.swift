import ClaimModel
import Extract
import Foundation
import Ingest
import Normalize
@testable import Pipeline
import TestSupport
import Testing

/// Random documents and claims in which every field occurs, every optional both nil and set.
struct RandomModel {
    var rng: SeededGenerator

    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func maybe<T>(_ make: (inout RandomModel) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
    /// One of `options`, or a fresh random string.
    mutating func pickOrFresh(_ options: [String]) -> String { bool() ? pick(options) : string() }

    /// Strings from a small pool (so the string table sees repeats) or made fresh, with non-ASCII text and empty ones.
    mutating func string() -> String {
        if bool() {
            return pick(["", "USD", "money", "Russia", "trade", "“Trade reached ₹5.2 lakh crore,” he said.", "é",
                         "日本の輸出", "emoji 🚀🇮🇳", "a\u{0}b", "line\nbreak", String(repeating: "long ", count: 60)])
        }
        let alphabet = Array("abcXYZ09 -.,€₹é日🙂\u{301}")
        return String((0..<Int.random(in: 0...40, using: &rng)).map { _ in pick(alphabet) })
    }

    mutating func int() -> Int {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return Int.random(in: 0...200, using: &rng)
        case 1: return Int.random(in: -5_000...5_000, using: &rng)
        case 2: return pick([Int.min, Int.max, -1, 0, 127, 128, -64, -65, 16_383, 16_384])
        default: return Int.random(in: Int.min...Int.max, using: &rng)
        }
    }

    mutating func decimal() -> Decimal {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 1: return Decimal(sign: bool() ? .minus : .plus, exponent: Int.random(in: -30...30, using: &rng),
                               significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &rng)))
        case 2:  // 38 significant digits, as exchange-rate conversions give
            return Decimal(Int.random(in: 1...1_000_000, using: &rng)) / Decimal(Int.random(in: 3...999_999, using: &rng))
        case 3: return Decimal(string: pick(["0", "-0.0001", "63000000000", "1.5", "0.02", "340282366920938463463374607431768211455",
                                             "-12345678901234567890.123456789", "1e-100", "1e120"])) ?? 0
        case 4: return Decimal(sign: .plus, exponent: pick([-128, 127, 100, -100]), significand: Decimal(Int.random(in: 1...9, using: &rng)))
        default: return Decimal(Double(Int.random(in: 0...10_000, using: &rng)) / 100)
        }
    }

    mutating func day() -> CalendarDay {
        let year = pick([Int.random(in: 1900...2100, using: &rng), Int.random(in: 1...9999, using: &rng), 2025])
        let month = Int.random(in: 1...12, using: &rng)
        return CalendarDay(year: year, month: month, day: Int.random(in: 1...CalendarDay.daysIn(month: month, year: year), using: &rng))!
    }

    mutating func partial() -> PartialDate {
        PartialDate(year: maybe { $0.int() }, month: maybe { $0.int() }, day: maybe { $0.int() })
    }

    mutating func temporal() -> TemporalExpression {
        let kinds: [TemporalExpression.Kind] = [.calendar, .weekday, .relativeDay, .relativeMonth, .relativeYear, .relativeWeek,
                                                .trailingWeeks, .isoWeek, .trailingYears, .vague, .fiscalYear, .quarter,
                                                .relativeQuarter]
        return TemporalExpression(kind: pick(kinds), start: maybe { $0.partial() }, end: maybe { $0.partial() },
                                  offset: maybe { $0.int() }, count: maybe { $0.int() }, weekday: maybe { $0.int() },
                                  part: maybe { $0.pick([.early, .mid, .late]) },
                                  bound: maybe { $0.pick([.before, .after, .since, .by, .until]) },
                                  tense: maybe { $0.pick([.past, .present, .future]) }, quarter: maybe { $0.int() },
                                  fiscal: maybe { $0.bool() }, fiscalYear: maybe { $0.int() }, fiscalEndMonth: maybe { $0.int() })
    }

    mutating func value() -> ClaimValue {
        let min = maybe { $0.decimal() }
        // Often exact (max equal to min), as most extracted values are.
        let max = bool() ? min : maybe { $0.decimal() }
        var value = ClaimValue(dimension: Dimension(pickOrFresh(["money", "percent", "date", "count"])),
                               unit: maybe { $0.string() }, min: min, max: max, start: maybe { $0.day() },
                               end: maybe { $0.day() }, inferredFrom: maybe { $0.string() },
                               unresolved: maybe { $0.string() }, resolution: maybe { $0.string() })
        value.canonical = maybe { r in
            let cmin = r.maybe { $0.decimal() }
            return CanonicalValue(unit: r.string(), min: cmin, max: r.bool() ? cmin : r.maybe { $0.decimal() },
                                  rate: r.maybe { $0.decimal() }, rateDate: r.maybe { $0.string() },
                                  spread: r.maybe { $0.decimal() }, source: r.maybe { $0.string() }, note: r.maybe { $0.string() })
        }
        return value
    }

    mutating func claim(document: String, quotes: [String]) -> Claim {
        let span = (0..<pick([2, 2, 2, 0, 1, 5])).map { _ in int() }
        var claim = Claim(id: "c-" + string(), document: document, quote: pick(quotes), span: span, subject: maybe { $0.string() },
                          metric: pickOrFresh(["trade", "population"]), value: value(),
                          approximation: pick([.exact, .approximate, .atLeast, .atMost, .range]),
                          modality: pick([.reported, .forecast, .target, .hedged]),
                          period: maybe { r in
                              Period(start: r.maybe { $0.day() }, end: r.maybe { $0.day() }, text: r.maybe { $0.string() },
                                     expression: r.maybe { $0.temporal() }, unresolved: r.maybe { $0.string() })
                          },
                          speaker: maybe { $0.string() }, text: string(), hedge: maybe { $0.string() },
                          temporal: maybe { $0.temporal() }, role: maybe { $0.pick(["from", "to", "component"]) })
        if bool() {
            claim.rejected = ClaimRejection(by: string(), at: "2025-12-0\(Int.random(in: 1...9, using: &rng))T10:00:00Z",
                                            why: maybe { $0.string() }, stale: bool(), note: maybe { $0.string() })
        }
        if bool() { claim.negated = bool() }
        return claim
    }

    mutating func document() -> Document {
        Document(id: "d-" + string(), path: string(), format: pick([.text, .html, .feed]), title: maybe { $0.string() },
                 published: maybe { $0.day() }, publishedSource: maybe { $0.string() }, author: maybe { $0.string() },
                 site: maybe { $0.string() }, attributions: (0..<Int.random(in: 0...3, using: &rng)).map { _ in string() },
                 text: string() + String(repeating: "Body text. ", count: Int.random(in: 0...50, using: &rng)),
                 status: pick([.ok, .quarantined]), error: maybe { $0.string() },
                 warnings: (0..<Int.random(in: 0...3, using: &rng)).map { _ in string() },
                 feedRows: (0..<pick([0, 0, 1, 4])).map { _ in
                     FeedRow(object: string(), attribute: pickOrFresh(["population"]), value: string(), source: string(),
                             date: maybe { $0.string() }, line: int())
                 })
    }
}

/// JSON of a value with sorted keys: equal values must give identical bytes.
func sortedJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(value)
}

/// Decodes both blobs and checks the result equals the originals by `==` and by their JSON.
func expectRoundTrip(_ document: Document, _ claims: [Claim], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let documentBlob = StoreCodec.encode(document)
    let claimsBlob = StoreCodec.encode(claims)
    let decodedDocument = try StoreCodec.decodeDocument(documentBlob)
    let decodedClaims = try StoreCodec.decodeClaims(claimsBlob)
    #expect(decodedDocument == document, sourceLocation: sourceLocation)
    #expect(decodedClaims == claims, sourceLocation: sourceLocation)
    #expect(try sortedJSON(decodedDocument) == sortedJSON(document), sourceLocation: sourceLocation)
    #expect(try sortedJSON(decodedClaims) == sortedJSON(claims), sourceLocation: sourceLocation)
    // Encoding is deterministic: the decoded values encode to the same bytes.
    #expect(StoreCodec.encode(decodedDocument) == documentBlob, sourceLocation: sourceLocation)
    #expect(StoreCodec.encode(decodedClaims) == claimsBlob, sourceLocation: sourceLocation)
}

/// Hand-made claims shaped like real ones: a period with its expression, money converted at an exchange rate, a date,
/// a rejected and a negated claim.
func realisticClaims() -> (Document, [Claim]) {
    let text = "Trade reached ₹5.2 lakh crore in FY25, up from last year. The summit was held on 4-5 December 2025. "
        + "Exports did not exceed $10 billion."
    let document = Document(id: "d-c2ad7f6feaff2f3a", path: "news/000.txt", format: .text, title: "India-Russia summit",
                            published: CalendarDay(year: 2025, month: 12, day: 3), publishedSource: "date line",
                            author: nil, site: "aajtak", attributions: ["Based On ANI Report"], text: text)
    let quote1 = "Trade reached ₹5.2 lakh crore in FY25, up from last year."
    let rate = Decimal(1) / Decimal(string: "86.4523")!
    let inr = Decimal(string: "5200000000000")!
    var money = ClaimValue(dimension: .money, unit: "INR", min: inr, max: inr)
    money.canonical = CanonicalValue(unit: "USD", min: inr * rate, max: inr * rate, rate: rate, rateDate: "2024-04..2025-03",
                                     spread: Decimal(string: "0.0123")!, source: "ECB euro reference rates")
    let fy = TemporalExpression(kind: .fiscalYear, tense: .past, fiscalYear: 2025)
    let trade = Claim(id: Claim.id(document: document.id, start: 14, end: 29), document: document.id, quote: quote1,
                      span: [14, 29], subject: "India", metric: "trade", value: money, approximation: .exact,
                      modality: .reported,
                      period: Period(start: CalendarDay(year: 2024, month: 4, day: 1), end: CalendarDay(year: 2025, month: 3, day: 31),
                                     text: "in FY25", expression: fy),
                      speaker: "Dmitry Peskov", text: "₹5.2 lakh crore")
    let quote2 = "The summit was held on 4-5 December 2025."
    let dayExpression = TemporalExpression(kind: .calendar, start: PartialDate(year: 2025, month: 12, day: 4),
                                           end: PartialDate(year: 2025, month: 12, day: 5), tense: .past)
    let date = Claim(id: Claim.id(document: document.id, start: 82, end: 98), document: document.id, quote: quote2,
                     span: [82, 98], subject: nil, metric: "summit date",
                     value: ClaimValue(dimension: .date, start: CalendarDay(year: 2025, month: 12, day: 4),
                                       end: CalendarDay(year: 2025, month: 12, day: 5), resolution: "explicit"),
                     approximation: .exact, modality: .reported, period: nil, speaker: nil, text: "4-5 December 2025",
                     temporal: dayExpression)
    var rejected = Claim(id: Claim.id(document: document.id, start: 40, end: 49), document: document.id, quote: quote1,
                         span: [40, 49], subject: "India", metric: "trade", value: .exact(Decimal(string: "-3.25")!, .percent, unit: "%"),
                         approximation: .approximate, modality: .hedged, period: nil, speaker: nil, text: "up",
                         hedge: "about", role: "from")
    rejected.rejected = ClaimRejection(by: "editor", at: "2025-12-04T09:00:00Z", why: "not a growth figure", stale: true,
                                       note: "fact changed")
    var negated = Claim(id: Claim.id(document: document.id, start: 120, end: 131), document: document.id,
                        quote: "Exports did not exceed $10 billion.", span: [120, 131], subject: nil, metric: "exports",
                        value: ClaimValue(dimension: .money, unit: "USD", min: nil, max: Decimal(10_000_000_000)),
                        approximation: .atMost, modality: .reported, period: nil, speaker: nil, text: "$10 billion")
    negated.negated = true
    var notNegated = date
    notNegated.negated = false
    return (document, [trade, date, rejected, negated, notNegated])
}

@Suite("store codec")
struct StoreCodecTests {
    @Test("random documents and claims covering every field round-trip exactly", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomRoundTrip(seed: UInt64) throws {
        var model = RandomModel(rng: SeededGenerator(seed: seed))
        for _ in 0..<60 {
            let document = model.document()
            let quotes = (0..<3).map { _ in model.string() }
            let claims = (0..<Int.random(in: 0...25, using: &model.rng)).map { _ in model.claim(document: document.id, quotes: quotes) }
            try expectRoundTrip(document, claims)
        }
    }

    @Test("realistic claims: a period with its expression, converted money, a date, rejected and negated claims")
    func realistic() throws {
        let (document, claims) = realisticClaims()
        try expectRoundTrip(document, claims)
        let decoded = try StoreCodec.decodeClaims(StoreCodec.encode(claims))
        #expect(decoded[0].value.canonical?.rate == claims[0].value.canonical?.rate)
        #expect(decoded[0].period?.expression?.fiscalYear == 2025)
        #expect(decoded[2].rejected?.stale == true && decoded[3].negated == true && decoded[4].negated == false)
        #expect(decoded[1].negated == nil && decoded[1].rejected == nil)
        // Claims of one sentence share one copy of its quote, as extracted claims do.
        func storage(_ s: String) -> UnsafeRawPointer? {
            var s = s
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(decoded[0].quote == decoded[2].quote)
        #expect(storage(decoded[0].quote) == storage(decoded[2].quote))
    }

    @Test("decimals keep their exact value and description", arguments: [
        "0", "1.5", "-0.0001", "63000000000", "0.33333333333333333333333333333333333333", "340282366920938463463374607431768211455",
        "-340282366920938463463374607431768211455", "12345678901234567890", "1e-120", "9e127", "0.02",
    ])
    func decimals(text: String) throws {
        let d = try #require(Decimal(string: text))
        var value = ClaimValue(dimension: .number, min: d, max: d)
        value.canonical = CanonicalValue(unit: "x", min: nil, max: d, rate: d)
        let (document, claims) = realisticClaims()
        var claim = claims[0]
        claim.value = value
        let decoded = try StoreCodec.decodeClaims(StoreCodec.encode([claim]))[0].value
        #expect(decoded.min == d && decoded.min?.description == d.description)
        #expect(decoded.max == d && decoded.max?.description == d.description)
        #expect(decoded.canonical?.max == d && decoded.canonical?.rate?.description == d.description)
        #expect(decoded.canonical?.min == nil)
        try expectRoundTrip(document, [claim])
    }

    @Test("a decimal takes one varint up to 64 bits, digit groups beyond; the text form is read strictly")
    func decimalForms() throws {
        func written(_ d: Decimal) -> [UInt8] {
            var writer = StoreCodec.Writer(kind: 0, capacity: 16)
            writer.decimal(d)
            return Array(writer.bytes.dropFirst(2))
        }
        func read(_ bytes: [UInt8]) throws(StoreCodecError) -> Decimal {
            try bytes.withUnsafeBufferPointer { buffer throws(StoreCodecError) in
                var reader = StoreCodec.Reader(base: buffer.baseAddress!, end: buffer.count)
                let d = try reader.decimal()
                guard reader.index == buffer.count else { throw StoreCodecError(offset: reader.index, "left over") }
                return d
            }
        }
        // -1.5: negative, exponent -1 (zigzag 1), significand 15.
        #expect(written(Decimal(string: "-1.5")!) == [StoreCodec.decimalSmall | StoreCodec.decimalNegative, 1, 15])
        let big = Decimal(string: "340282366920938463463374607431768211455")!
        #expect(written(big).first == StoreCodec.decimalGroups)
        #expect(try read(written(big)) == big)
        let third = Decimal(1) / Decimal(3)
        #expect(written(third).first == StoreCodec.decimalGroups)
        #expect(try read(written(third)) == third)
        let text = [StoreCodec.decimalText, UInt8("-12.25".utf8.count << 1)] + Array("-12.25".utf8)
        #expect(try read(text) == Decimal(string: "-12.25")!)
        for bad in ["1.5x", "", "1e5", "abc"] {
            #expect(throws: StoreCodecError.self) { try read([StoreCodec.decimalText, UInt8(bad.utf8.count << 1)] + Array(bad.utf8)) }
        }
        #expect(throws: StoreCodecError.self) { try read([StoreCodec.decimalSmall, 0xFE, 0x03, 1]) }  // exponent 255
        #expect(throws: StoreCodecError.self) { try read([7 << 1]) }  // unknown tag
    }

    @Test("a NaN decimal stays NaN")
    func nan() throws {
        let (_, claims) = realisticClaims()
        var claim = claims[0]
        claim.value = ClaimValue(dimension: .number, min: .nan, max: 1)
        let decoded = try StoreCodec.decodeClaims(StoreCodec.encode([claim]))[0]
        #expect(decoded.value.min?.isNaN == true && decoded.value.max == 1)
    }

    @Test("claims the real stages make from the sample inputs round-trip exactly")
    func realClaims() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let inputs = root.appendingPathComponent("inputs")
        let outputs = try temporaryFolder("codec-out")
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10)!, runID: "codec", startedAt: "2025-12-10T00:00:00Z",
                                   inputs: inputs, outputs: outputs, projectDirectory: root, concurrency: 2)
        var batch = try await IngestStage(options: .defaults).run(Batch(), in: context)
        batch = try await ExtractStage(options: .defaults).run(batch, in: context)
        batch = try await NormalizeStage(options: .defaults).run(batch, in: context)
        #expect(batch.documents.count >= 5)
        #expect(batch.claims.count >= 20)
        for document in batch.documents {
            try expectRoundTrip(document, batch.claims.filter { $0.document == document.id })
        }
    }

    @Test("every truncation of a valid blob throws")
    func truncations() throws {
        let (document, claims) = realisticClaims()
        for blob in [StoreCodec.encode(document), StoreCodec.encode(claims), StoreCodec.encode([Claim]())] {
            for n in 0..<blob.count {
                let prefix = blob.prefix(n)
                #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(prefix) }
                #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(prefix) }
            }
        }
    }

    @Test("a wrong version, a wrong kind, a JSON row or trailing bytes throw, saying which")
    func headers() throws {
        let (document, claims) = realisticClaims()
        var blob = StoreCodec.encode(claims)
        blob[blob.startIndex] = 2
        let version = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(blob) }
        #expect(version?.description.contains("version 2") == true)
        #expect(version?.offset == 0)
        let kind = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(StoreCodec.encode(document)) }
        #expect(kind?.description.contains("expected 'C'") == true)
        let json = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(try JSONEncoder().encode(claims)) }
        #expect(json?.description.contains("JSON") == true)
        let trailing = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(StoreCodec.encode(document) + [0]) }
        #expect(trailing?.description.contains("after the end") == true)
        #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(Data()) }
    }

    @Test("malformed contents throw: bad UTF-8, unknown enum code, absurd length or count, bad string reference")
    func malformed() throws {
        let header: [UInt8] = [StoreCodec.version, UInt8(ascii: "D")]
        // id "ab" then path with an invalid UTF-8 byte.
        let badUTF8 = header + [4, 0x61, 0x62, 2, 0xFF]
        let utf8Error = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(badUTF8)) }
        #expect(utf8Error?.reason.contains("UTF-8") == true)
        // id, path, then format code 7.
        let badEnum = header + [2, 0x61, 2, 0x62, 7, 0]
        let enumError = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(badEnum)) }
        #expect(enumError?.reason.contains("document format code 7") == true)
        // A string announcing 2^62 bytes.
        let absurd = header + [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(absurd)) }
        // An integer of more than 10 bytes.
        #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(header + [UInt8](repeating: 0xFF, count: 12) + [0])) }
        // A claim list announcing a billion claims.
        let many = [StoreCodec.version, UInt8(ascii: "C"), 0x80, 0x94, 0xEB, 0xDC, 0x03]
        let countError = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(Data(many)) }
        #expect(countError?.reason.contains("exceeds") == true)
        // The id written as a reference, and a document id referring to string 5 of an empty table.
        #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(header + [1])) }
        let reference = [StoreCodec.version, UInt8(ascii: "C"), 1, 0, 2, 0x63, 11]
        let referenceError = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeClaims(Data(reference)) }
        #expect(referenceError?.reason.contains("reference 5") == true)
    }

    @Test("invalid UTF-8 throws, also where repairing it would keep the byte count", arguments: [
        [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x90, 0x80, 0x41], [0xF4, 0x90, 0x80, 0x80],
        [0x41, 0xE2, 0x82], [0x80, 0x41, 0x42],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) throws {
        let header: [UInt8] = [StoreCodec.version, UInt8(ascii: "D"), 4, 0x61, 0x62]
        let blob = header + [UInt8(bytes.count << 1)] + bytes
        let error = #expect(throws: StoreCodecError.self) { try StoreCodec.decodeDocument(Data(blob)) }
        #expect(error?.reason.contains("UTF-8") == true)
        #expect(error?.offset == header.count)
    }

    @Test("the incremental cache files rows in this form and reads them back")
    func throughTheStore() throws {
        let (document, claims) = realisticClaims()
        let store = try RunStore(url: try temporaryFolder("codec-store").appendingPathComponent("h.sqlite"))
        let cache = try IncrementalCache(store: store, key: "k", lookups: true, runID: "r1")
        cache.recordFresh(Batch(documents: [document], claims: claims))
        let header = String(format: "%02X44", StoreCodec.version) + " " + String(format: "%02X43", StoreCodec.version)
        #expect(try store.query("SELECT hex(substr(document_json, 1, 2)) || ' ' || hex(substr(claims_json, 1, 2)) FROM extractions")
            == [[header]])
        let entry = try #require(try store.cachedExtraction(documentID: document.id, cacheKey: "k"))
        #expect(entry.document == document)
        #expect(entry.claims == claims)
        #expect(try sortedJSON(entry.claims) == sortedJSON(claims))
    }

    @Test("random corruption of valid blobs never crashes: it throws or decodes to some value")
    func corruption() throws {
        var rng = SeededGenerator(seed: 77)
        var model = RandomModel(rng: SeededGenerator(seed: 78))
        let (document, claims) = realisticClaims()
        let randomDocument = model.document()
        let randomClaims = (0..<10).map { _ in model.claim(document: "d-x", quotes: ["q", "r"]) }
        var thrown = 0
        for blob in [StoreCodec.encode(document), StoreCodec.encode(claims), StoreCodec.encode(randomDocument), StoreCodec.encode(randomClaims)] {
            for _ in 0..<400 {
                var bytes = [UInt8](blob)
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                do { _ = try StoreCodec.decodeDocument(Data(bytes)) } catch { thrown += 1 }
                do { _ = try StoreCodec.decodeClaims(Data(bytes)) } catch { thrown += 1 }
            }
        }
        // Each corrupted blob is of one kind, so at least one of the two decodes fails.
        #expect(thrown >= 1600)
    }
}
