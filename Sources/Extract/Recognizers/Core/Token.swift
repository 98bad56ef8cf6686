import Foundation
/// What a token is made of; grammars match on these.
enum TokenKind: UInt8, Sendable {
    /// A run of letters ("billion", "Dec", "ரூ").
    case word
    /// A run of ASCII digits ("2025", "63").
    case digits
    /// One character that is neither a letter, a digit nor a space ("$", "%", "-", "/").
    case symbol
}

/// A token with its code-point span in the source text (end exclusive).
///
/// A class, not a struct: the grammars take tokens out of the array all the time (`let tok = t[i]`), and copying a
/// reference is one retain where copying the struct was ten fields and two strings.
final class Token: Sendable {
    let kind: TokenKind
    let start: Int
    let end: Int
    /// The token as written.
    let text: String
    /// Lower-cased text, for word-list look-ups.
    let lower: String
    /// Whether whitespace separates this token from the previous one (true for the first token).
    let spaceBefore: Bool
    /// Whether the gap before this token is a single space-like character (for "40 000" grouping).
    let singleSpaceBefore: Bool
    /// The first character, for symbol tests without string comparison.
    let first: Unicode.Scalar
    /// The token's UTF-8 byte span in the source text (end exclusive), for cutting mention text without re-encoding.
    let utf8Start: Int
    let utf8End: Int

    init(kind: TokenKind, start: Int, end: Int, text: String, lower: String, spaceBefore: Bool, singleSpaceBefore: Bool,
         first: Unicode.Scalar, utf8Start: Int, utf8End: Int) {
        self.kind = kind; self.start = start; self.end = end; self.text = text; self.lower = lower
        self.spaceBefore = spaceBefore; self.singleSpaceBefore = singleSpaceBefore; self.first = first
        self.utf8Start = utf8Start; self.utf8End = utf8End
    }

    /// Whether the token is the given symbol character.
    @inline(__always) func isSymbol(_ c: Unicode.Scalar) -> Bool { kind == .symbol && first == c }
    /// Whether the token is a word in lower case equal to `w`.
    @inline(__always) func isWord(_ w: String) -> Bool { kind == .word && lower == w }
    /// The integer value of a digits token (nil when too long or not digits).
    var intValue: Int? {
        guard kind == .digits, utf8End - utf8Start <= 18 else { return nil }
        var v = 0
        for byte in text.utf8 { v = v * 10 + Int(byte &- 48) }
        return v
    }
    /// Whether the word starts with a capital letter.
    var isCapitalized: Bool {
        kind == .word && (first.value < 128 ? first.value >= 65 && first.value <= 90 : first.properties.isUppercase)
    }
}

/// Splits text into word, digit and symbol tokens, keeping code-point offsets.
///
/// Letters and digits never share a token ("10k" is "10" + "k", "Q3" is "Q" + "3"), so closed grammars
/// can look at adjacency (`spaceBefore`) instead of re-scanning characters.
enum Tokenizer {
    /// Tokenizes `text`; offsets are Unicode code points.
    static func tokenize(_ text: String) -> [Token] {
        if let tokens = text.utf8.withContiguousStorageIfAvailable({ tokenize(utf8: $0) }) { return tokens }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { tokenize(utf8: $0) } ?? []
    }

    /// Tokenizes valid UTF-8, decoding it in place: one string per token straight from its bytes, and ASCII words
    /// lower-cased byte by byte (the same result as `lowercased()`, which other words still use).
    static func tokenize(utf8 b: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 3)
        let n = b.count
        var p = 0, cp = 0
        var gap = 0
        while p < n {
            let (c, length) = decode(b, p)
            if isSpace(c) {
                gap += 1
                p += length
                cp += 1
                continue
            }
            let start = cp, byteStart = p
            let kind: TokenKind
            var ascii = c.value < 128
            var upper = false
            if isDigit(c) {
                kind = .digits
                p += 1
                cp += 1
                while p < n, b[p] >= 48, b[p] <= 57 { p += 1; cp += 1 }
            } else if isLetter(c) {
                kind = .word
                p += length
                cp += 1
                upper = c.value >= 65 && c.value <= 90
                while p < n {
                    let byte = b[p]
                    if byte < 128 {
                        guard (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) else { break }
                        upper = upper || byte <= 90
                        p += 1
                    } else {
                        let (c2, l2) = decode(b, p)
                        guard isLetter(c2) else { break }
                        ascii = false
                        p += l2
                    }
                    cp += 1
                }
            } else {
                kind = .symbol
                p += length
                cp += 1
            }
            let bytes = UnsafeBufferPointer(rebasing: b[byteStart..<p])
            let t = String(decoding: bytes, as: UTF8.self)
            let lower: String
            if kind != .word || ascii && !upper {
                lower = t
            } else if ascii {
                lower = String(unsafeUninitializedCapacity: bytes.count) { out in
                    for (k, byte) in bytes.enumerated() { out[k] = byte >= 65 && byte <= 90 ? byte + 32 : byte }
                    return bytes.count
                }
            } else {
                lower = t.lowercased()
            }
            let spaced = gap > 0 || tokens.isEmpty
            tokens.append(Token(kind: kind, start: start, end: cp, text: t, lower: lower, spaceBefore: spaced,
                                singleSpaceBefore: gap == 1, first: c, utf8Start: byteStart, utf8End: p))
            gap = 0
        }
        return tokens
    }

    /// The scalar starting at byte `p` of valid UTF-8, and its length in bytes.
    @inline(__always) static func decode(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[p])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let v: UInt32, length: Int
        if b0 < 0xE0 {
            v = (b0 & 0x1F) << 6 | UInt32(b[p + 1] & 0x3F)
            length = 2
        } else if b0 < 0xF0 {
            v = (b0 & 0x0F) << 12 | UInt32(b[p + 1] & 0x3F) << 6 | UInt32(b[p + 2] & 0x3F)
            length = 3
        } else {
            v = (b0 & 0x07) << 18 | UInt32(b[p + 1] & 0x3F) << 12 | UInt32(b[p + 2] & 0x3F) << 6 | UInt32(b[p + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9, 10, 11, 12, 13, 32, 0xA0, 0x202F, 0x2009, 0x2007, 0x3000: return true
        default: return false
        }
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
        // Letters and combining marks (Tamil "ரூ" needs the marks); currency signs stay symbols.
        let p = c.properties
        return p.isAlphabetic
    }
}
