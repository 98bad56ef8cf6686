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
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// The token as written.
    var text: String
    /// Lower-cased text, for word-list look-ups.
    var lower: String
    /// Whether whitespace separates this token from the previous one (true for the first token).
    var spaceBefore: Bool
    /// Whether the gap before this token is a single space-like character (for "40 000" grouping).
    var singleSpaceBefore: Bool
    /// The first character, for symbol tests without string comparison.
    var first: Unicode.Scalar

    /// Whether the token is the given symbol character.
    @inline(__always) func isSymbol(_ c: Unicode.Scalar) -> Bool { kind == .symbol && first == c }
    /// Whether the token is a word in lower case equal to `w`.
    @inline(__always) func isWord(_ w: String) -> Bool { kind == .word && lower == w }
    /// The integer value of a digits token (nil when too long or not digits).
    var intValue: Int? { kind == .digits && text.count <= 18 ? Int(text) : nil }
    /// Whether the word starts with a capital letter.
    var isCapitalized: Bool { kind == .word && first.properties.isUppercase }
}

/// Splits text into word, digit and symbol tokens, keeping code-point offsets.
///
/// Letters and digits never share a token ("10k" is "10" + "k", "Q3" is "Q" + "3"), so closed grammars
/// can look at adjacency (`spaceBefore`) instead of re-scanning characters.
enum Tokenizer {
    /// Tokenizes `text`; offsets are Unicode code points.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.unicodeScalars.count / 3)
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var gap = 0
        while i < scalars.count {
            let c = scalars[i]
            if isSpace(c) {
                gap += 1
                i += 1
                continue
            }
            let start = i
            let kind: TokenKind
            if isDigit(c) {
                kind = .digits
                while i < scalars.count, isDigit(scalars[i]) { i += 1 }
            } else if isLetter(c) {
                kind = .word
                while i < scalars.count, isLetter(scalars[i]) { i += 1 }
            } else {
                kind = .symbol
                i += 1
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<i])
            let t = String(s)
            let spaced = gap > 0 || tokens.isEmpty
            tokens.append(Token(kind: kind, start: start, end: i, text: t, lower: kind == .word ? t.lowercased() : t,
                                spaceBefore: spaced, singleSpaceBefore: gap == 1, first: c))
            gap = 0
        }
        return tokens
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
