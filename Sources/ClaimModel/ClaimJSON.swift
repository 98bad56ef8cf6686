public import Foundation

/// A claim as JSON bytes, written by hand: the same bytes `JSONEncoder` gives for `Claim` with the report's settings
/// (sorted keys, slashes not escaped; compact for `claims.jsonl`, pretty-printed for the claims in `report.json`).
/// It lives beside the `Codable` conformances it must follow, where any module that writes claims can use it.
///
/// At 805,000 claims one `JSONEncoder` call per claim was most of the report stage: the encoder builds a tree of boxed
/// values and a dictionary per object, then sorts each object's keys. Here the keys are written in their sorted order
/// straight into the output. What must hold, and what `ClaimJSONTests` (in ReportTests) checks byte for byte against
/// `JSONEncoder` on the claims the pipeline makes from `inputs/` and on random claims with every optional field:
///
/// - Objects list the keys `encode(to:)` of `Claim`, `ClaimValue`, `CanonicalValue`, `Period`,
///   `TemporalExpression`, `PartialDate` and `ClaimRejection` write, in UTF-8 byte order; a field written with
///   `encode` is `null` when nil, one written with `encodeIfPresent` (and every optional of a synthesized `Codable`)
///   is left out. A new field there needs a line here.
/// - Strings are escaped as Foundation's JSON writer does: `"` and `\` with a backslash, `\b \f \n \r \t` by name,
///   the other bytes below 0x20 as `\u00XX` with lower-case hex digits; everything else (`/`, DEL, U+2028,
///   non-ASCII) as its UTF-8 bytes.
/// - `Decimal` is its `description`, which is what `JSONEncoder` writes for a `Decimal` (a special case in the encoder,
///   NaN included); integers and days are their decimal digits and `YYYY-MM-DD`.
/// - Pretty printing: two spaces per level, `" : "` after a key, each element on a line of its own; an empty object or
///   list is its brackets around an empty line (`{\n\n}`), as the encoder prints it.
public enum ClaimJSON {
    /// Appends a `claims.jsonl` line's object (without the newline): the claim's fields, plus `"run"` when given.
    public static func appendLine(_ claim: Claim, run: String?, to bytes: inout [UInt8]) {
        var writer = JSONByteWriter(pretty: false, depth: 0)
        swap(&writer.bytes, &bytes)
        writer.claim(claim, run: run)
        swap(&writer.bytes, &bytes)
    }

    /// Appends a claim pretty-printed as an element `depth` levels deep: its inner lines indented `depth + 1` levels,
    /// its closing brace `depth` levels (the opening brace goes where the caller stands).
    public static func appendPretty(_ claim: Claim, depth: Int, to bytes: inout [UInt8]) {
        var writer = JSONByteWriter(pretty: true, depth: depth)
        swap(&writer.bytes, &bytes)
        writer.claim(claim, run: nil)
        swap(&writer.bytes, &bytes)
    }

    /// Whether two decimals are stored alike, byte for byte: then their `description`s are the same, and a text made
    /// for one serves the other. (`==` is not enough: it compares numbers, and a number stored with more digits, as
    /// 1.0 for 1, is written with them.)
    public static func sameBits(_ a: Decimal, _ b: Decimal) -> Bool {
        withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.elementsEqual(b) } }
    }
}

/// Appends JSON values to a byte array in the layout of Foundation's JSON writer, objects written key by key in the
/// order the caller gives (which must be sorted).
struct JSONByteWriter {
    var bytes: [UInt8] = []
    let pretty: Bool
    /// Nesting level of the values being written (the indent of a pretty line is two spaces per level).
    var depth: Int

    init(pretty: Bool, depth: Int) {
        self.pretty = pretty
        self.depth = depth
    }

    // MARK: Containers

    /// Opens an object or list; the returned flag is true until its first member is written.
    mutating func open(_ bracket: UInt8) -> Bool {
        bytes.append(bracket)
        depth += 1
        return true
    }

    /// Closes what `open` opened; `first` still true means it stayed empty.
    mutating func close(_ bracket: UInt8, first: Bool) {
        depth -= 1
        if pretty {
            // The encoder starts a new line after the opening bracket whether or not a member follows.
            if first { bytes.append(0x0A) }
            newline()
        }
        bytes.append(bracket)
    }

    /// The separator before a list element or an object member.
    mutating func separator(_ first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        if pretty { newline() }
    }

    /// A key and what follows it, before the member's value. `name` needs no escaping (a coding key).
    mutating func key(_ name: StaticString, _ first: inout Bool) {
        separator(&first)
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        if pretty { raw(" : ") } else { bytes.append(UInt8(ascii: ":")) }
    }

    /// Bytes that need no escaping, as they are.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    // MARK: Scalars

    mutating func null() { raw("null") }

    mutating func bool(_ value: Bool) { if value { raw("true") } else { raw("false") } }

    /// An integer in decimal digits, as `description` writes it.
    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, width: 1)
    }

    /// The digits of `value`, zero-padded on the left to `width`.
    private mutating func appendDigits(_ value: UInt, width: Int) {
        // 20 digits hold UInt.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var v = value, at = 20
            repeat {
                at -= 1
                buffer[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0 || 20 - at < width
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[at..<20]))
        }
    }

    /// The last decimal written and its text (see `decimal`).
    private var lastDecimal: (value: Decimal, text: String)?

    /// A decimal number as `JSONEncoder` writes it: its `description`.
    ///
    /// `description` is most of the time a claim takes to write (it builds the digits in arrays), and a value's `max`
    /// is mostly the very number its `min` is: the text of the last decimal is reused for one stored the same way.
    mutating func decimal(_ value: Decimal) {
        if let last = lastDecimal, ClaimJSON.sameBits(last.value, value) {
            bytes.append(contentsOf: last.text.utf8)
            return
        }
        let text = value.description
        bytes.append(contentsOf: text.utf8)
        lastDecimal = (value, text)
    }


    /// A day as its `YYYY-MM-DD` string.
    mutating func day(_ value: CalendarDay) {
        // `iso` pads each part with zeros; for years 0...9999 that is four digits (others take the general way).
        guard value.year >= 0, value.year <= 9999 else { string(value.iso); return }
        bytes.append(UInt8(ascii: "\""))
        appendDigits(UInt(value.year), width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt(value.month), width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt(value.day), width: 2)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string in quotes, escaped as Foundation's JSON writer escapes it (slashes left as they are).
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        // Native strings are contiguous UTF-8 already, so this copies nothing.
        text.withUTF8 { utf8 in
            var run = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if i > run { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i])) }
                run = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    raw("u00")
                    bytes.append(b >> 4 == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
                    let low = b & 0x0F
                    bytes.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
            }
            if run < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(orNull value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func day(orNull value: CalendarDay?) {
        if let value { day(value) } else { null() }
    }

    mutating func decimal(orNull value: Decimal?) {
        if let value { decimal(value) } else { null() }
    }
}

/// The claim types, in the keys and order their `encode(to:)` gives after sorting.
extension JSONByteWriter {
    mutating func claim(_ c: Claim, run: String?) {
        var first = open(UInt8(ascii: "{"))
        key("approximation", &first); string(c.approximation.rawValue)
        key("document", &first); string(c.document)
        if let hedge = c.hedge { key("hedge", &first); string(hedge) }
        key("id", &first); string(c.id)
        key("metric", &first); string(c.metric)
        key("modality", &first); string(c.modality.rawValue)
        if let negated = c.negated { key("negated", &first); bool(negated) }
        key("period", &first)
        if let period = c.period { self.period(period) } else { null() }
        key("quote", &first); string(c.quote)
        if let rejected = c.rejected { key("rejected", &first); rejection(rejected) }
        if let role = c.role { key("role", &first); string(role) }
        if let run { key("run", &first); string(run) }
        key("span", &first)
        var firstIndex = open(UInt8(ascii: "["))
        for i in c.span { separator(&firstIndex); int(i) }
        close(UInt8(ascii: "]"), first: firstIndex)
        key("speaker", &first); string(orNull: c.speaker)
        key("subject", &first); string(orNull: c.subject)
        if let temporal = c.temporal { key("temporal", &first); self.temporal(temporal) }
        key("text", &first); string(c.text)
        key("value", &first); value(c.value)
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func value(_ v: ClaimValue) {
        var first = open(UInt8(ascii: "{"))
        if let canonical = v.canonical { key("canonical", &first); self.canonical(canonical) }
        key("dimension", &first); string(v.dimension.rawValue)
        key("end", &first); day(orNull: v.end)
        key("inferredFrom", &first); string(orNull: v.inferredFrom)
        key("max", &first); decimal(orNull: v.max)
        key("min", &first); decimal(orNull: v.min)
        if let resolution = v.resolution { key("resolution", &first); string(resolution) }
        key("start", &first); day(orNull: v.start)
        key("unit", &first); string(orNull: v.unit)
        if let unresolved = v.unresolved { key("unresolved", &first); string(unresolved) }
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func canonical(_ v: CanonicalValue) {
        var first = open(UInt8(ascii: "{"))
        if let max = v.max { key("max", &first); decimal(max) }
        if let min = v.min { key("min", &first); decimal(min) }
        if let note = v.note { key("note", &first); string(note) }
        if let rate = v.rate { key("rate", &first); decimal(rate) }
        if let rateDate = v.rateDate { key("rateDate", &first); string(rateDate) }
        if let source = v.source { key("source", &first); string(source) }
        if let spread = v.spread { key("spread", &first); decimal(spread) }
        key("unit", &first); string(v.unit)
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func period(_ p: Period) {
        var first = open(UInt8(ascii: "{"))
        key("end", &first); day(orNull: p.end)
        if let expression = p.expression { key("expression", &first); temporal(expression) }
        key("start", &first); day(orNull: p.start)
        if let text = p.text { key("text", &first); string(text) }
        if let unresolved = p.unresolved { key("unresolved", &first); string(unresolved) }
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func temporal(_ t: TemporalExpression) {
        var first = open(UInt8(ascii: "{"))
        if let bound = t.bound { key("bound", &first); string(bound.rawValue) }
        if let count = t.count { key("count", &first); int(count) }
        if let end = t.end { key("end", &first); partial(end) }
        if let fiscal = t.fiscal { key("fiscal", &first); bool(fiscal) }
        if let month = t.fiscalEndMonth { key("fiscalEndMonth", &first); int(month) }
        if let year = t.fiscalYear { key("fiscalYear", &first); int(year) }
        key("kind", &first); string(t.kind.rawValue)
        if let offset = t.offset { key("offset", &first); int(offset) }
        if let part = t.part { key("part", &first); string(part.rawValue) }
        if let quarter = t.quarter { key("quarter", &first); int(quarter) }
        if let start = t.start { key("start", &first); partial(start) }
        if let tense = t.tense { key("tense", &first); string(tense.rawValue) }
        if let weekday = t.weekday { key("weekday", &first); int(weekday) }
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func partial(_ d: PartialDate) {
        var first = open(UInt8(ascii: "{"))
        if let day = d.day { key("day", &first); int(day) }
        if let month = d.month { key("month", &first); int(month) }
        if let year = d.year { key("year", &first); int(year) }
        close(UInt8(ascii: "}"), first: first)
    }

    mutating func rejection(_ r: ClaimRejection) {
        var first = open(UInt8(ascii: "{"))
        key("at", &first); string(r.at)
        key("by", &first); string(r.by)
        if let note = r.note { key("note", &first); string(note) }
        key("stale", &first); bool(r.stale)
        if let why = r.why { key("why", &first); string(why) }
        close(UInt8(ascii: "}"), first: first)
    }
}
