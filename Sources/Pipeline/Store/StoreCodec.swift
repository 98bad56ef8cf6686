public import ClaimModel
public import Foundation

/// The binary form in which the extraction cache (`extractions.document_json`, `extractions.claims_json`) keeps a
/// parsed document and its claims: written once, read back on every night the document is unchanged, so it is built
/// for decoding speed.
///
/// Layout of a blob (version 1):
/// - byte 0: the format version (`StoreCodec.version`); byte 1: what the blob holds (`D` a document, `C` a claim list).
/// - Integers are LEB128 varints; signed ones are zigzag-mapped first. Enums are one byte each, by the codes listed in
///   this file (`code(_:)`), never by declaration order. Optional fields are announced by a presence bitmask per value
///   (a varint), and only the present ones follow.
/// - A string is a varint `length << 1` and its UTF-8 bytes. Most strings (document id, quote, metric, speaker, units,
///   ...) go through the blob's string table: the first occurrence is written in full and numbered (0, 1, ...); a
///   repeat is the varint `number << 1 | 1`. Decoded claims then share one copy of each repeated string, as they do
///   when extracted. Claim ids and the document text are written in full.
/// - A `Decimal` is its sign, exponent and significand (`sign × significand × 10^exponent`): a tag byte, the exponent,
///   then the significand as one varint or, above 2^64, as base-10^19 digit groups; a value the digit groups could not
///   rebuild exactly falls back to its description (which is what JSON would store).
/// - The blob ends exactly after its value: trailing bytes are an error.
///
/// Decoding checks everything (version, kind, lengths against the bytes left, UTF-8, enum codes, presence bits, string
/// references, calendar days) and throws `StoreCodecError` naming the byte offset; it never traps, and what it allocates
/// is in proportion to the blob's size (no count or length is believed beyond the bytes left).
///
/// Any change to the layout (a new field, a new enum case) must raise `version`; `IncrementalCache.key` changes with
/// every build anyway, so a build never meets rows written by another one, but a mismatch still fails cleanly.
public enum StoreCodec {
    /// The format version written in byte 0 of every blob.
    public static let version: UInt8 = 1
    static let documentKind = UInt8(ascii: "D")
    static let claimsKind = UInt8(ascii: "C")

    // MARK: Public entry points

    /// The blob of one document.
    public static func encode(_ document: Document) -> Data {
        var writer = Writer(kind: documentKind, capacity: document.text.utf8.count + 256)
        writer.document(document)
        return Data(writer.bytes)
    }

    /// The blob of a list of claims.
    public static func encode(_ claims: [Claim]) -> Data {
        var writer = Writer(kind: claimsKind, capacity: 64 + claims.count * 160)
        writer.count(claims.count)
        for claim in claims { writer.claim(claim) }
        return Data(writer.bytes)
    }

    /// Decodes a document blob.
    public static func decodeDocument(_ data: Data) throws(StoreCodecError) -> Document {
        try decode(data, kind: documentKind) { (reader: inout Reader) throws(StoreCodecError) in try reader.document() }
    }

    /// Decodes a claim list blob.
    public static func decodeClaims(_ data: Data) throws(StoreCodecError) -> [Claim] {
        try decode(data, kind: claimsKind) { (reader: inout Reader) throws(StoreCodecError) in
            let n = try reader.count()
            var claims: [Claim] = []
            claims.reserveCapacity(n)
            for _ in 0..<n { claims.append(try reader.claim()) }
            return claims
        }
    }

    private static func decode<T>(_ data: Data, kind: UInt8,
                                  _ body: (inout Reader) throws(StoreCodecError) -> T) throws(StoreCodecError) -> T {
        let result: Result<T, StoreCodecError> = data.withUnsafeBytes { raw in
            Result { () throws(StoreCodecError) -> T in
                guard let base = raw.baseAddress, raw.count > 0 else { throw StoreCodecError(offset: 0, "empty blob") }
                var reader = Reader(base: base.assumingMemoryBound(to: UInt8.self), end: raw.count)
                try reader.header(kind: kind)
                let value = try body(&reader)
                guard reader.index == reader.end else {
                    throw StoreCodecError(offset: reader.index, "\(reader.end - reader.index) bytes after the end of the value")
                }
                return value
            }
        }
        return try result.get()
    }

    // MARK: Enum codes (stable: never reuse or renumber a code; a new case needs a new version)

    static func code(_ v: DocumentFormat) -> UInt8 {
        switch v { case .text: 0; case .html: 1; case .feed: 2 }
    }
    static func documentFormat(_ c: UInt8) -> DocumentFormat? {
        switch c { case 0: .text; case 1: .html; case 2: .feed; default: nil }
    }
    static func code(_ v: DocumentStatus) -> UInt8 {
        switch v { case .ok: 0; case .quarantined: 1 }
    }
    static func documentStatus(_ c: UInt8) -> DocumentStatus? {
        switch c { case 0: .ok; case 1: .quarantined; default: nil }
    }
    static func code(_ v: Approximation) -> UInt8 {
        switch v { case .exact: 0; case .approximate: 1; case .atLeast: 2; case .atMost: 3; case .range: 4 }
    }
    static func approximation(_ c: UInt8) -> Approximation? {
        switch c { case 0: .exact; case 1: .approximate; case 2: .atLeast; case 3: .atMost; case 4: .range; default: nil }
    }
    static func code(_ v: Modality) -> UInt8 {
        switch v { case .reported: 0; case .forecast: 1; case .target: 2; case .hedged: 3 }
    }
    static func modality(_ c: UInt8) -> Modality? {
        switch c { case 0: .reported; case 1: .forecast; case 2: .target; case 3: .hedged; default: nil }
    }
    static func code(_ v: TemporalExpression.Kind) -> UInt8 {
        switch v {
        case .calendar: 0; case .weekday: 1; case .relativeDay: 2; case .relativeMonth: 3; case .relativeYear: 4
        case .relativeWeek: 5; case .trailingWeeks: 6; case .isoWeek: 7; case .trailingYears: 8; case .vague: 9
        case .fiscalYear: 10; case .quarter: 11; case .relativeQuarter: 12
        }
    }
    static func kind(_ c: UInt8) -> TemporalExpression.Kind? {
        switch c {
        case 0: .calendar; case 1: .weekday; case 2: .relativeDay; case 3: .relativeMonth; case 4: .relativeYear
        case 5: .relativeWeek; case 6: .trailingWeeks; case 7: .isoWeek; case 8: .trailingYears; case 9: .vague
        case 10: .fiscalYear; case 11: .quarter; case 12: .relativeQuarter
        default: nil
        }
    }
    static func code(_ v: TemporalExpression.Part) -> UInt8 {
        switch v { case .early: 0; case .mid: 1; case .late: 2 }
    }
    static func part(_ c: UInt8) -> TemporalExpression.Part? {
        switch c { case 0: .early; case 1: .mid; case 2: .late; default: nil }
    }
    static func code(_ v: TemporalExpression.Bound) -> UInt8 {
        switch v { case .before: 0; case .after: 1; case .since: 2; case .by: 3; case .until: 4 }
    }
    static func bound(_ c: UInt8) -> TemporalExpression.Bound? {
        switch c { case 0: .before; case 1: .after; case 2: .since; case 3: .by; case 4: .until; default: nil }
    }
    static func code(_ v: TemporalExpression.Tense) -> UInt8 {
        switch v { case .past: 0; case .present: 1; case .future: 2 }
    }
    static func tense(_ c: UInt8) -> TemporalExpression.Tense? {
        switch c { case 0: .past; case 1: .present; case 2: .future; default: nil }
    }

    // MARK: Decimal tags

    /// Tag byte of a decimal: bit 0 negative; bits 1-2 the form.
    static let decimalNegative: UInt8 = 1
    static let decimalSmall: UInt8 = 0 << 1   // significand in one varint
    static let decimalGroups: UInt8 = 1 << 1  // significand in base-10^19 digit groups, most significant first
    static let decimalText: UInt8 = 2 << 1    // the description, parsed back
    static let decimalNaN: UInt8 = 3 << 1
    static let tenTo19: UInt64 = 10_000_000_000_000_000_000

    /// Rebuilds `sign × groups × 10^exponent` (groups base 10^19, most significant first); exact while the value fits
    /// the 38 digits a `Decimal` holds, which the encoder checks.
    static func decimal(negative: Bool, exponent: Int, groups: [UInt64]) -> Decimal {
        var significand = Decimal(groups[0])
        for group in groups.dropFirst() {
            significand = Decimal(sign: .plus, exponent: 19, significand: significand) + Decimal(group)
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
    }
}

/// A stored extraction that cannot be decoded: where and why.
public struct StoreCodecError: Error, Equatable, CustomStringConvertible {
    /// Byte offset in the blob where decoding stopped.
    public let offset: Int
    /// What was wrong there.
    public let reason: String
    init(offset: Int, _ reason: String) { self.offset = offset; self.reason = reason }
    public var description: String { "unreadable stored extraction at byte \(offset): \(reason)" }
}

// MARK: - Writing

extension StoreCodec {
    struct Writer {
        var bytes: [UInt8]
        private var table: [String: Int] = [:]

        init(kind: UInt8, capacity: Int) {
            bytes = []
            bytes.reserveCapacity(capacity)
            bytes.append(StoreCodec.version)
            bytes.append(kind)
        }

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func int(_ value: Int) {
            let v = Int64(value)
            varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
        }

        mutating func count(_ n: Int) { varint(UInt64(n)) }

        mutating func byte(_ b: UInt8) { bytes.append(b) }

        /// A string written in full.
        mutating func string(_ s: String) {
            var s = s
            s.makeContiguousUTF8()
            varint(UInt64(s.utf8.count) << 1)
            bytes.append(contentsOf: s.utf8)
        }

        /// A string through the blob's table: in full the first time, by number after.
        mutating func shared(_ s: String) {
            if let number = table[s] {
                varint(UInt64(number) << 1 | 1)
            } else {
                table[s] = table.count
                string(s)
            }
        }

        /// The year, then month and day in one varint (`month << 5 | day`).
        mutating func day(_ d: CalendarDay) {
            int(d.year)
            varint(UInt64(d.month) << 5 | UInt64(d.day))
        }

        mutating func decimal(_ d: Decimal) {
            if d.isNaN { byte(StoreCodec.decimalNaN); return }
            let negative: UInt8 = d.sign == .minus ? StoreCodec.decimalNegative : 0
            let digits = d.significand.description
            if let small = UInt64(digits) {
                byte(StoreCodec.decimalSmall | negative)
                int(d.exponent)
                varint(small)
                return
            }
            // Beyond 64 bits: groups of 19 digits, most significant first, if they rebuild the value exactly.
            var groups: [UInt64] = []
            var end = digits.endIndex
            while end > digits.startIndex {
                let start = digits.index(end, offsetBy: -19, limitedBy: digits.startIndex) ?? digits.startIndex
                guard let group = UInt64(digits[start..<end]) else { groups = []; break }
                groups.insert(group, at: 0)
                end = start
            }
            if !groups.isEmpty, groups.count <= 3 {
                let rebuilt = StoreCodec.decimal(negative: negative != 0, exponent: d.exponent, groups: groups)
                if rebuilt == d && rebuilt.description == d.description {
                    byte(StoreCodec.decimalGroups | negative)
                    int(d.exponent)
                    count(groups.count)
                    for group in groups { varint(group) }
                    return
                }
            }
            byte(StoreCodec.decimalText)
            string(d.description)
        }

        mutating func document(_ d: Document) {
            string(d.id)
            string(d.path)
            byte(StoreCodec.code(d.format))
            byte(StoreCodec.code(d.status))
            var mask: UInt64 = 0
            if d.title != nil { mask |= 1 << 0 }
            if d.published != nil { mask |= 1 << 1 }
            if d.publishedSource != nil { mask |= 1 << 2 }
            if d.author != nil { mask |= 1 << 3 }
            if d.site != nil { mask |= 1 << 4 }
            if d.error != nil { mask |= 1 << 5 }
            varint(mask)
            if let v = d.title { shared(v) }
            if let v = d.published { day(v) }
            if let v = d.publishedSource { shared(v) }
            if let v = d.author { shared(v) }
            if let v = d.site { shared(v) }
            if let v = d.error { shared(v) }
            count(d.attributions.count)
            for a in d.attributions { shared(a) }
            string(d.text)
            count(d.warnings.count)
            for w in d.warnings { shared(w) }
            count(d.feedRows.count)
            for row in d.feedRows {
                varint(row.date != nil ? 1 : 0)
                shared(row.object)
                shared(row.attribute)
                shared(row.value)
                shared(row.source)
                if let date = row.date { shared(date) }
                int(row.line)
            }
        }

        mutating func claim(_ c: Claim) {
            let period = c.period, temporal = c.temporal, rejected = c.rejected
            var mask: UInt64 = 0
            if c.subject != nil { mask |= 1 << 0 }
            if period != nil { mask |= 1 << 1 }
            if c.speaker != nil { mask |= 1 << 2 }
            if c.hedge != nil { mask |= 1 << 3 }
            if temporal != nil { mask |= 1 << 4 }
            if c.role != nil { mask |= 1 << 5 }
            if rejected != nil { mask |= 1 << 6 }
            if let negated = c.negated { mask |= 1 << 7; if negated { mask |= 1 << 8 } }
            varint(mask)
            string(c.id)
            shared(c.document)
            shared(c.quote)
            count(c.span.count)
            for i in c.span { int(i) }
            shared(c.metric)
            value(c.value)
            byte(StoreCodec.code(c.approximation) << 4 | StoreCodec.code(c.modality))
            shared(c.text)
            if let v = c.subject { shared(v) }
            if let v = period { self.period(v) }
            if let v = c.speaker { shared(v) }
            if let v = c.hedge { shared(v) }
            if let v = temporal { self.temporal(v) }
            if let v = c.role { shared(v) }
            if let v = rejected { rejection(v) }
        }

        mutating func value(_ v: ClaimValue) {
            let canonical = v.canonical
            var mask: UInt64 = 0
            if v.unit != nil { mask |= 1 << 0 }
            if v.min != nil { mask |= 1 << 1 }
            if let max = v.max {
                // `max` identical to `min` (exact values) is not written again.
                if let min = v.min, min == max, min.description == max.description { mask |= 1 << 9 } else { mask |= 1 << 2 }
            }
            if v.start != nil { mask |= 1 << 3 }
            if v.end != nil { mask |= 1 << 4 }
            if v.inferredFrom != nil { mask |= 1 << 5 }
            if v.unresolved != nil { mask |= 1 << 6 }
            if v.resolution != nil { mask |= 1 << 7 }
            if canonical != nil { mask |= 1 << 8 }
            varint(mask)
            shared(v.dimension.rawValue)
            if let x = v.unit { shared(x) }
            if let x = v.min { decimal(x) }
            if mask & (1 << 2) != 0, let x = v.max { decimal(x) }
            if let x = v.start { day(x) }
            if let x = v.end { day(x) }
            if let x = v.inferredFrom { shared(x) }
            if let x = v.unresolved { shared(x) }
            if let x = v.resolution { shared(x) }
            if let x = canonical { self.canonical(x) }
        }

        mutating func canonical(_ v: CanonicalValue) {
            var mask: UInt64 = 0
            if v.min != nil { mask |= 1 << 0 }
            if let max = v.max {
                if let min = v.min, min == max, min.description == max.description { mask |= 1 << 7 } else { mask |= 1 << 1 }
            }
            if v.rate != nil { mask |= 1 << 2 }
            if v.rateDate != nil { mask |= 1 << 3 }
            if v.spread != nil { mask |= 1 << 4 }
            if v.source != nil { mask |= 1 << 5 }
            if v.note != nil { mask |= 1 << 6 }
            varint(mask)
            shared(v.unit)
            if let x = v.min { decimal(x) }
            if mask & (1 << 1) != 0, let x = v.max { decimal(x) }
            if let x = v.rate { decimal(x) }
            if let x = v.rateDate { shared(x) }
            if let x = v.spread { decimal(x) }
            if let x = v.source { shared(x) }
            if let x = v.note { shared(x) }
        }

        mutating func period(_ p: Period) {
            var mask: UInt64 = 0
            if p.start != nil { mask |= 1 << 0 }
            if p.end != nil { mask |= 1 << 1 }
            if p.text != nil { mask |= 1 << 2 }
            if p.expression != nil { mask |= 1 << 3 }
            if p.unresolved != nil { mask |= 1 << 4 }
            varint(mask)
            if let x = p.start { day(x) }
            if let x = p.end { day(x) }
            if let x = p.text { shared(x) }
            if let x = p.expression { temporal(x) }
            if let x = p.unresolved { shared(x) }
        }

        mutating func partial(_ p: PartialDate) {
            var mask: UInt64 = 0
            if p.year != nil { mask |= 1 << 0 }
            if p.month != nil { mask |= 1 << 1 }
            if p.day != nil { mask |= 1 << 2 }
            varint(mask)
            if let x = p.year { int(x) }
            if let x = p.month { int(x) }
            if let x = p.day { int(x) }
        }

        mutating func temporal(_ t: TemporalExpression) {
            var mask: UInt64 = 0
            if t.start != nil { mask |= 1 << 0 }
            if t.end != nil { mask |= 1 << 1 }
            if t.offset != nil { mask |= 1 << 2 }
            if t.count != nil { mask |= 1 << 3 }
            if t.weekday != nil { mask |= 1 << 4 }
            if t.part != nil { mask |= 1 << 5 }
            if t.bound != nil { mask |= 1 << 6 }
            if t.tense != nil { mask |= 1 << 7 }
            if t.quarter != nil { mask |= 1 << 8 }
            if let fiscal = t.fiscal { mask |= 1 << 9; if fiscal { mask |= 1 << 10 } }
            if t.fiscalYear != nil { mask |= 1 << 11 }
            if t.fiscalEndMonth != nil { mask |= 1 << 12 }
            byte(StoreCodec.code(t.kind))
            varint(mask)
            if let x = t.start { partial(x) }
            if let x = t.end { partial(x) }
            if let x = t.offset { int(x) }
            if let x = t.count { int(x) }
            if let x = t.weekday { int(x) }
            if let x = t.part { byte(StoreCodec.code(x)) }
            if let x = t.bound { byte(StoreCodec.code(x)) }
            if let x = t.tense { byte(StoreCodec.code(x)) }
            if let x = t.quarter { int(x) }
            if let x = t.fiscalYear { int(x) }
            if let x = t.fiscalEndMonth { int(x) }
        }

        mutating func rejection(_ r: ClaimRejection) {
            var mask: UInt64 = 0
            if r.why != nil { mask |= 1 << 0 }
            if r.stale { mask |= 1 << 1 }
            if r.note != nil { mask |= 1 << 2 }
            varint(mask)
            shared(r.by)
            shared(r.at)
            if let x = r.why { shared(x) }
            if let x = r.note { shared(x) }
        }
    }
}

// MARK: - Reading

extension StoreCodec {
    struct Reader {
        let base: UnsafePointer<UInt8>
        let end: Int
        var index = 0
        private var table: [String] = []

        init(base: UnsafePointer<UInt8>, end: Int) {
            self.base = base
            self.end = end
        }

        func fail(_ reason: String, at offset: Int? = nil) -> StoreCodecError {
            StoreCodecError(offset: offset ?? index, reason)
        }

        mutating func header(kind: UInt8) throws(StoreCodecError) {
            let v = try byte()
            guard v == StoreCodec.version else {
                if v == UInt8(ascii: "{") || v == UInt8(ascii: "[") {
                    throw fail("a JSON row from an older build, not store codec version \(StoreCodec.version)", at: 0)
                }
                throw fail("format version \(v), but this build reads version \(StoreCodec.version)", at: 0)
            }
            let k = try byte()
            guard k == kind else {
                throw fail("blob holds '\(Unicode.Scalar(k))', expected '\(Unicode.Scalar(kind))'", at: 1)
            }
        }

        @inline(__always)
        mutating func byte() throws(StoreCodecError) -> UInt8 {
            guard index < end else { throw fail("truncated: the blob ends before the value does") }
            let b = base[index]
            index += 1
            return b
        }

        @inline(__always)
        mutating func varint() throws(StoreCodecError) -> UInt64 {
            guard index < end else { throw fail("truncated: the blob ends before the value does") }
            let first = base[index]
            if first < 0x80 {
                index += 1
                return UInt64(first)
            }
            return try longVarint()
        }

        mutating func longVarint() throws(StoreCodecError) -> UInt64 {
            let start = index
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < end else { throw fail("truncated: the blob ends inside an integer") }
                let b = base[index]
                index += 1
                if shift == 63 && b > 1 { throw fail("integer overflows 64 bits", at: start) }
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
                if shift > 63 { throw fail("integer longer than 10 bytes", at: start) }
            }
        }

        @inline(__always)
        mutating func int() throws(StoreCodecError) -> Int {
            let z = try varint()
            return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
        }

        /// A count of elements that each take at least one byte: never more than the bytes left.
        @inline(__always)
        mutating func count() throws(StoreCodecError) -> Int {
            let start = index
            let n = try varint()
            guard n <= UInt64(end - index) else {
                throw fail("count \(n) exceeds the \(end - index) bytes left", at: start)
            }
            return Int(n)
        }

        @inline(__always)
        mutating func mask(allowed: UInt64) throws(StoreCodecError) -> UInt64 {
            let start = index
            let m = try varint()
            guard m & ~allowed == 0 else { throw fail("unknown presence bits \(m & ~allowed)", at: start) }
            return m
        }

        /// A string written in full or through the table.
        @inline(__always)
        mutating func string() throws(StoreCodecError) -> String {
            let start = index
            let v = try varint()
            if v & 1 == 1 {
                let number = v >> 1
                guard number < UInt64(table.count) else {
                    throw fail("string reference \(number) but only \(table.count) strings so far", at: start)
                }
                return table[Int(number)]
            }
            let s = try utf8(length: v >> 1, start: start)
            table.append(s)
            return s
        }

        /// A string written in full, outside the table.
        mutating func plainString() throws(StoreCodecError) -> String {
            let start = index
            let v = try varint()
            guard v & 1 == 0 else { throw fail("a string reference where a full string must be", at: start) }
            return try utf8(length: v >> 1, start: start)
        }

        @inline(__always)
        private mutating func utf8(length: UInt64, start: Int) throws(StoreCodecError) -> String {
            guard length <= UInt64(end - index) else {
                throw fail("string of \(length) bytes but \(end - index) left", at: start)
            }
            let n = Int(length)
            let buffer = UnsafeBufferPointer(start: base + index, count: n)
            guard let s = StoreCodec.validUTF8(buffer) else { throw fail("string is not valid UTF-8", at: start) }
            index += n
            return s
        }

        mutating func day() throws(StoreCodecError) -> CalendarDay {
            let start = index
            let year = try int()
            let packed = try varint()
            guard packed < 512, let d = CalendarDay(year: year, month: Int(packed >> 5), day: Int(packed & 31)) else {
                throw fail("not a calendar day (year \(year), month and day \(packed))", at: start)
            }
            return d
        }

        mutating func decimal() throws(StoreCodecError) -> Decimal {
            let start = index
            let tag = try byte()
            let negative = tag & StoreCodec.decimalNegative != 0
            switch tag & ~StoreCodec.decimalNegative {
            case StoreCodec.decimalSmall:
                let exponent = try int()
                let significand = try varint()
                guard (-128...127).contains(exponent) else { throw fail("decimal exponent \(exponent) out of range", at: start) }
                return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
            case StoreCodec.decimalGroups:
                let exponent = try int()
                let n = try count()
                guard (-128...127).contains(exponent), (2...3).contains(n) else {
                    throw fail("decimal of \(n) digit groups with exponent \(exponent)", at: start)
                }
                var groups: [UInt64] = []
                for _ in 0..<n {
                    let g = try varint()
                    guard g < StoreCodec.tenTo19 else { throw fail("decimal digit group \(g) too large", at: start) }
                    groups.append(g)
                }
                return StoreCodec.decimal(negative: negative, exponent: exponent, groups: groups)
            case StoreCodec.decimalText where !negative:
                let text = try plainString()
                // `Decimal(string:)` accepts a number followed by anything; a description is digits, sign and point.
                guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }),
                      let d = Decimal(string: text, locale: nil) else {
                    throw fail("not a decimal: '\(text)'", at: start)
                }
                return d
            case StoreCodec.decimalNaN where !negative:
                return .nan
            default:
                throw fail("unknown decimal tag \(tag)", at: start)
            }
        }

        mutating func enumByte<T>(_ name: String, _ make: (UInt8) -> T?) throws(StoreCodecError) -> T {
            let c = try byte()
            guard let v = make(c) else { throw fail("unknown \(name) code \(c)", at: index - 1) }
            return v
        }

        mutating func document() throws(StoreCodecError) -> Document {
            let id = try plainString()
            let path = try plainString()
            let format = try enumByte("document format", StoreCodec.documentFormat)
            let status = try enumByte("document status", StoreCodec.documentStatus)
            let m = try mask(allowed: 0b11_1111)
            let title = m & (1 << 0) != 0 ? try string() : nil
            let published = m & (1 << 1) != 0 ? try day() : nil
            let publishedSource = m & (1 << 2) != 0 ? try string() : nil
            let author = m & (1 << 3) != 0 ? try string() : nil
            let site = m & (1 << 4) != 0 ? try string() : nil
            let error = m & (1 << 5) != 0 ? try string() : nil
            var attributions: [String] = []
            let na = try count()
            attributions.reserveCapacity(na)
            for _ in 0..<na { attributions.append(try string()) }
            let text = try plainString()
            var warnings: [String] = []
            let nw = try count()
            warnings.reserveCapacity(nw)
            for _ in 0..<nw { warnings.append(try string()) }
            var rows: [FeedRow] = []
            let nr = try count()
            rows.reserveCapacity(nr)
            for _ in 0..<nr {
                let rm = try mask(allowed: 1)
                let object = try string(), attribute = try string(), value = try string(), source = try string()
                let date = rm != 0 ? try string() : nil
                let line = try int()
                rows.append(FeedRow(object: object, attribute: attribute, value: value, source: source, date: date, line: line))
            }
            return Document(id: id, path: path, format: format, title: title, published: published,
                            publishedSource: publishedSource, author: author, site: site, attributions: attributions,
                            text: text, status: status, error: error, warnings: warnings, feedRows: rows)
        }

        mutating func claim() throws(StoreCodecError) -> Claim {
            let m = try mask(allowed: 0b1_1111_1111)
            let id = try plainString()
            let document = try string()
            let quote = try string()
            let n = try count()
            var span: [Int] = []
            span.reserveCapacity(n)
            for _ in 0..<n { span.append(try int()) }
            let metric = try string()
            let value = try value()
            let at = index
            let codes = try byte()
            guard let approximation = StoreCodec.approximation(codes >> 4), let modality = StoreCodec.modality(codes & 15) else {
                throw fail("unknown approximation/modality codes \(codes >> 4)/\(codes & 15)", at: at)
            }
            let text = try string()
            let subject = m & (1 << 0) != 0 ? try string() : nil
            let period = m & (1 << 1) != 0 ? try self.period() : nil
            let speaker = m & (1 << 2) != 0 ? try string() : nil
            let hedge = m & (1 << 3) != 0 ? try string() : nil
            let temporal = m & (1 << 4) != 0 ? try self.temporal() : nil
            let role = m & (1 << 5) != 0 ? try string() : nil
            let rejected = m & (1 << 6) != 0 ? try rejection() : nil
            guard m & (1 << 8) == 0 || m & (1 << 7) != 0 else { throw fail("negated value without negated", at: at) }
            var claim = Claim(id: id, document: document, quote: quote, span: span, subject: subject, metric: metric,
                              value: value, approximation: approximation, modality: modality, period: period,
                              speaker: speaker, text: text, hedge: hedge, temporal: temporal, role: role)
            if let rejected { claim.rejected = rejected }
            if m & (1 << 7) != 0 { claim.negated = m & (1 << 8) != 0 }
            return claim
        }

        mutating func value() throws(StoreCodecError) -> ClaimValue {
            let at = index
            let m = try mask(allowed: 0b11_1111_1111)
            guard m & (1 << 2) == 0 || m & (1 << 9) == 0, m & (1 << 9) == 0 || m & (1 << 1) != 0 else {
                throw fail("inconsistent max bits", at: at)
            }
            let dimension = Dimension(rawValue: try string())
            let unit = m & (1 << 0) != 0 ? try string() : nil
            let min = m & (1 << 1) != 0 ? try decimal() : nil
            let max = m & (1 << 2) != 0 ? try decimal() : (m & (1 << 9) != 0 ? min : nil)
            let start = m & (1 << 3) != 0 ? try day() : nil
            let end = m & (1 << 4) != 0 ? try day() : nil
            let inferredFrom = m & (1 << 5) != 0 ? try string() : nil
            let unresolved = m & (1 << 6) != 0 ? try string() : nil
            let resolution = m & (1 << 7) != 0 ? try string() : nil
            var value = ClaimValue(dimension: dimension, unit: unit, min: min, max: max, start: start, end: end,
                                   inferredFrom: inferredFrom, unresolved: unresolved, resolution: resolution)
            if m & (1 << 8) != 0 { value.canonical = try canonical() }
            return value
        }

        mutating func canonical() throws(StoreCodecError) -> CanonicalValue {
            let at = index
            let m = try mask(allowed: 0b1111_1111)
            guard m & (1 << 1) == 0 || m & (1 << 7) == 0, m & (1 << 7) == 0 || m & (1 << 0) != 0 else {
                throw fail("inconsistent max bits", at: at)
            }
            let unit = try string()
            let min = m & (1 << 0) != 0 ? try decimal() : nil
            let max = m & (1 << 1) != 0 ? try decimal() : (m & (1 << 7) != 0 ? min : nil)
            let rate = m & (1 << 2) != 0 ? try decimal() : nil
            let rateDate = m & (1 << 3) != 0 ? try string() : nil
            let spread = m & (1 << 4) != 0 ? try decimal() : nil
            let source = m & (1 << 5) != 0 ? try string() : nil
            let note = m & (1 << 6) != 0 ? try string() : nil
            return CanonicalValue(unit: unit, min: min, max: max, rate: rate, rateDate: rateDate, spread: spread,
                                  source: source, note: note)
        }

        mutating func period() throws(StoreCodecError) -> Period {
            let m = try mask(allowed: 0b1_1111)
            let start = m & (1 << 0) != 0 ? try day() : nil
            let end = m & (1 << 1) != 0 ? try day() : nil
            let text = m & (1 << 2) != 0 ? try string() : nil
            let expression = m & (1 << 3) != 0 ? try temporal() : nil
            let unresolved = m & (1 << 4) != 0 ? try string() : nil
            return Period(start: start, end: end, text: text, expression: expression, unresolved: unresolved)
        }

        mutating func partial() throws(StoreCodecError) -> PartialDate {
            let m = try mask(allowed: 0b111)
            let year = m & (1 << 0) != 0 ? try int() : nil
            let month = m & (1 << 1) != 0 ? try int() : nil
            let day = m & (1 << 2) != 0 ? try int() : nil
            return PartialDate(year: year, month: month, day: day)
        }

        mutating func temporal() throws(StoreCodecError) -> TemporalExpression {
            let kind = try enumByte("temporal expression kind", StoreCodec.kind)
            let at = index
            let m = try mask(allowed: 0b1_1111_1111_1111)
            guard m & (1 << 10) == 0 || m & (1 << 9) != 0 else { throw fail("fiscal value without fiscal", at: at) }
            let start = m & (1 << 0) != 0 ? try partial() : nil
            let end = m & (1 << 1) != 0 ? try partial() : nil
            let offset = m & (1 << 2) != 0 ? try int() : nil
            let count = m & (1 << 3) != 0 ? try int() : nil
            let weekday = m & (1 << 4) != 0 ? try int() : nil
            let part = m & (1 << 5) != 0 ? try enumByte("period part", StoreCodec.part) : nil
            let bound = m & (1 << 6) != 0 ? try enumByte("period bound", StoreCodec.bound) : nil
            let tense = m & (1 << 7) != 0 ? try enumByte("tense", StoreCodec.tense) : nil
            let quarter = m & (1 << 8) != 0 ? try int() : nil
            let fiscal: Bool? = m & (1 << 9) != 0 ? m & (1 << 10) != 0 : nil
            let fiscalYear = m & (1 << 11) != 0 ? try int() : nil
            let fiscalEndMonth = m & (1 << 12) != 0 ? try int() : nil
            return TemporalExpression(kind: kind, start: start, end: end, offset: offset, count: count, weekday: weekday,
                                      part: part, bound: bound, tense: tense, quarter: quarter, fiscal: fiscal,
                                      fiscalYear: fiscalYear, fiscalEndMonth: fiscalEndMonth)
        }

        mutating func rejection() throws(StoreCodecError) -> ClaimRejection {
            let m = try mask(allowed: 0b111)
            let by = try string()
            let at = try string()
            let why = m & (1 << 0) != 0 ? try string() : nil
            let note = m & (1 << 2) != 0 ? try string() : nil
            return ClaimRejection(by: by, at: at, why: why, stale: m & (1 << 1) != 0, note: note)
        }
    }

    /// The string of a UTF-8 buffer, or nil when the bytes are not valid UTF-8.
    ///
    /// `String(validating:as:)` would say so directly, but it is generic and unspecialized, and looking up its generic
    /// metadata took a tenth of the decoding time. `String(decoding:as:)` is fast but repairs bad sequences with U+FFFD,
    /// so: ASCII (most strings) is always valid; other bytes are valid exactly when decoding left them unchanged.
    @inline(__always)
    static func validUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        let s = String(decoding: buffer, as: UTF8.self)
        if isASCII(buffer) { return s }
        var copy = s
        let same = copy.withUTF8 { decoded in
            decoded.count == buffer.count && (buffer.isEmpty || memcmp(decoded.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
        }
        return same ? s : nil
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = buffer.count
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= n {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
