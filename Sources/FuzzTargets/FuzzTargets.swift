import ClaimModel
import Extract
import Ingest

/// The work the libFuzzer targets in `Fuzz/` do with one input, kept here so `FuzzRegressionTests` replays a kept
/// finding through exactly the calls the fuzzer made. Each function returns normally or the input is a finding:
/// a crash, a trap, a hang or a broken contract (checked with `precondition`, which stays on in optimised builds).
public enum FuzzTargets {
    /// Any bytes as an input file: named `.html` (the HTML reader) and `.txt` (content sniffing, then the text or
    /// HTML reader), as an input folder would hand them over. The document must be quarantined exactly when it
    /// carries an error, and its id must be the content id of the bytes (the store keys incremental runs on it).
    public static func html(_ bytes: [UInt8]) {
        let id = Document.id(forContent: bytes)
        for name in ["fuzz.html", "fuzz.txt"] {
            let document = DocumentReader.read(bytes: bytes, relativePath: name)
            precondition((document.status == .quarantined) == (document.error != nil),
                         "\(name): status \(document.status) with error \(document.error ?? "nil")")
            precondition(document.id == id, "\(name): id \(document.id), expected the content id \(id)")
        }
    }

    /// Every recognizer entry point over the bytes as UTF-8 (with repairs): numbers, ordinals, money, percent, counts,
    /// dates and ranges with and without a reference day, physical quantities and their heads, with the shipped
    /// options and with counts and bare years off. Every mention must be the input's text at its code-point span.
    public static func recognizers(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        // The first byte also moves the reference day over roughly ±350 years, so relative dates resolve far from today.
        let reference = base.adding(days: (Int(bytes.first ?? 128) - 128) * 997)

        for m in everything.recognize(text) {
            check(m, scalars, "recognize")
            if m.kind == .quantity {
                let head = everything.quantityHead(of: m)
                precondition(head.start == m.start && head.end <= m.end,
                             "quantityHead \(head.start)..<\(head.end) outside its mention \(m.start)..<\(m.end)")
            }
        }
        for m in everything.recognize(text, reference: reference) { check(m, scalars, "recognize(reference:)") }
        for d in withoutQuantities.anchoredDates(text, reference: reference) { check(d.mention, scalars, "anchoredDates") }
        for m in sparse.recognize(text, reference: reference) { check(m, scalars, "counts and bare years off") }
        for m in everything.numbers(text, ordinals: false) { check(m, scalars, "numbers") }
        for m in everything.numbers(text, ordinals: true) { check(m, scalars, "ordinals") }
    }

    /// The shipped options: every kind, including the Units pack's quantities.
    static let everything = Recognizer()
    /// Every kind but quantities, as `claimtrack recognize` runs the older kinds (overlaps resolve differently).
    static let withoutQuantities = Recognizer(options: RecognizerOptions(kinds: Set(MentionKind.allCases).subtracting([.quantity])))
    /// Counts and bare years off: the other branches of the count and year rules.
    static let sparse = Recognizer(options: RecognizerOptions(counts: false, bareYears: false))
    static let base = CalendarDay(year: 2025, month: 12, day: 20)!

    /// The documented contract of a mention: `text` is the input's `[start, end)` in code points.
    static func check(_ m: Mention, _ scalars: [Unicode.Scalar], _ what: String) {
        precondition(m.start >= 0 && m.start <= m.end && m.end <= scalars.count,
                     "\(what): \(m.kind) span \(m.start)..<\(m.end) outside 0..<\(scalars.count)")
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[m.start..<m.end])
        precondition(String(v) == m.text, "\(what): \(m.kind) text '\(m.text)' is not the input at \(m.start)..<\(m.end)")
    }
}
