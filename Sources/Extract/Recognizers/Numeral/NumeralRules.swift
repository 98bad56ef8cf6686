import Foundation

/// A number found in the token stream: the shared base of money, percent, count and date grammars.
struct NumberMatch: Sendable {
    /// First token index.
    var first: Int
    /// Token index after the last token.
    var next: Int
    var value: Decimal
    var isOrdinal = false
    /// Written with a scale word or suffix ("million", "k", "lakh").
    var hasScale = false
    /// Written (at least partly) in words.
    var isWords = false
    /// Plain digits with no separator, sign or suffix ("2025").
    var isPlainDigits = false
    /// Glued to letters or codes ("A320", "Su-57", "180.25ml"): not a quantity on its own.
    var isGlued = false
    /// Has a fractional part or is a fraction.
    var isFraction = false
}

/// Numbers by their first token, for constant-time look-up by the other grammars.
struct NumberIndex: Sendable {
    private var byFirst: [NumberMatch?]

    init(_ numbers: [NumberMatch], tokenCount: Int) {
        byFirst = [NumberMatch?](repeating: nil, count: tokenCount)
        for n in numbers where n.first < tokenCount { byFirst[n.first] = n }
    }

    /// The number starting at token `i`, if any (nil out of range).
    subscript(_ i: Int) -> NumberMatch? { i >= 0 && i < byFirst.count ? byFirst[i] : nil }
}

/// Cardinal and ordinal numbers in digits and words: grouped digits (Western, Indian, European and
/// space-grouped), decimals, signs, suffixes (k, M, bn), scale words, fractions and ordinals.
enum NumeralRules {
    /// Every number in the tokens, left to right, longest match at each position.
    static func scan(_ t: [Token]) -> [NumberMatch] {
        var out: [NumberMatch] = []
        var i = 0
        while i < t.count {
            if let m = parse(t, at: i) {
                out.append(m)
                i = max(m.next, i + 1)
            } else {
                i += 1
            }
        }
        return out
    }

    /// A number starting at token `i`, signs included.
    static func parse(_ t: [Token], at i: Int) -> NumberMatch? {
        let tok = t[i]
        // Signs: "-5", "- 1 4/5", "minus five", "negative one".
        if tok.isSymbol("-") || tok.isSymbol("\u{2212}"), i + 1 < t.count {
            let prevGlued = i > 0 && !tok.spaceBefore && (t[i - 1].kind != .symbol || t[i - 1].isSymbol("-"))
            if !prevGlued, t[i + 1].kind == .digits || (t[i + 1].isSymbol(".") && !t[i + 1].spaceBefore),
               var m = unsigned(t, at: i + 1) {
                m.first = i
                m.value = -m.value
                m.isPlainDigits = false
                return m
            }
            return nil
        }
        if tok.kind == .word, tok.lower == "minus" || tok.lower == "negative", i + 1 < t.count,
           var m = unsigned(t, at: i + 1), !m.isOrdinal {
            m.first = i
            m.value = -m.value
            m.isWords = true
            return m
        }
        return unsigned(t, at: i)
    }

    /// A number without a sign.
    static func unsigned(_ t: [Token], at i: Int) -> NumberMatch? {
        let tok = t[i]
        switch tok.kind {
        case .digits:
            return digitNumber(t, at: i)
        case .symbol:
            if tok.first == ".", i + 1 < t.count, t[i + 1].kind == .digits, !t[i + 1].spaceBefore,
               i == 0 || tok.spaceBefore || t[i - 1].kind == .symbol {
                return digitNumber(t, at: i)
            }
            if let v = vulgarFraction(tok.first) {
                return NumberMatch(first: i, next: i + 1, value: v, isFraction: true)
            }
            return nil
        case .word:
            return wordNumber(t, at: i)
        }
    }

    static func vulgarFraction(_ c: Unicode.Scalar) -> Decimal? {
        switch c {
        case "\u{00BD}": return Decimal(1) / 2
        case "\u{00BC}": return Decimal(1) / 4
        case "\u{00BE}": return Decimal(3) / 4
        case "\u{2153}": return Decimal(1) / 3
        case "\u{2154}": return Decimal(2) / 3
        case "\u{2155}": return Decimal(1) / 5
        case "\u{2159}": return Decimal(1) / 6
        case "\u{215B}": return Decimal(1) / 8
        default: return nil
        }
    }

    // MARK: digits

    /// The most digit groups one number is read from: 1 + 3 × 15 digits is past any figure a text states.
    static let maxGroups = 16

    /// A run of digit groups joined by `,` `.` or single spaces, read as one number.
    static func digitChain(_ t: [Token], at i: Int) -> (text: String, next: Int, hasSeparator: Bool)? {
        var j = i
        var groups: [String] = []
        var seps: [Character] = []
        if t[j].isSymbol(".") {
            groups.append("")
            seps.append(".")
            j += 1
        }
        guard j < t.count, t[j].kind == .digits else { return nil }
        groups.append(t[j].text)
        j += 1
        var spaceGrouped = false
        // Bounded: every position of a long "1,2,3,…" list would otherwise walk the rest of it (quadratic, a fuzz
        // finding); no written number has more groups, and what follows is read from the next position.
        while j + 1 < t.count, groups.count < maxGroups {
            let s = t[j], d = t[j + 1]
            if s.kind == .symbol, s.first == "," || s.first == ".", !s.spaceBefore, d.kind == .digits, !d.spaceBefore,
               !spaceGrouped {
                groups.append(d.text)
                seps.append(Character(String(s.first)))
                j += 2
                continue
            }
            if s.kind == .digits, s.singleSpaceBefore, s.text.count == 3, (groups.count == 1 && groups[0].count <= 3) || spaceGrouped,
               seps.allSatisfy({ $0 == " " }),
               !(j + 1 < t.count && t[j + 1].isSymbol("/")) {
                groups.append(s.text)
                seps.append(" ")
                spaceGrouped = true
                j += 1
                continue
            }
            break
        }
        if j == t.count - 1, !spaceGrouped, t[j].kind == .digits, t[j].singleSpaceBefore, t[j].text.count == 3,
           groups.count == 1, groups[0].count <= 3, seps.isEmpty {
            groups.append(t[j].text); seps.append(" "); j += 1
        }
        // Interpret the separators.
        if seps.isEmpty { return (groups[0], j, false) }
        if seps.first == ".", groups[0].isEmpty {
            return ("0." + groups[1], i + 2, true)
        }
        let tail = groups.dropFirst()
        let allComma = seps.allSatisfy { $0 == "," }
        let allSpace = seps.allSatisfy { $0 == " " }
        if allSpace {
            if isS(t, j, "."), j + 1 < t.count, t[j + 1].kind == .digits, !t[j].spaceBefore, !t[j + 1].spaceBefore {
                return (groups.joined() + "." + t[j + 1].text, j + 2, true)
            }
            return (groups.joined(), j, true)
        }
        if allComma {
            if groups[0].count <= 3, tail.allSatisfy({ $0.count == 3 }) { return (groups.joined(), j, true) }
            if isIndian(groups) { return (groups.joined(), j, true) }
            // "5,00", "1,3" are decimal commas; in a list ("22,24,26,31") they are not.
            let inList = i > 1 && t[i - 1].isSymbol(",") && !t[i].spaceBefore && t[i - 2].kind == .digits
            if groups.count == 2, groups[1].count <= 2, !inList { return (groups[0] + "." + groups[1], j, true) }
            return (groups[0], i + 1, false)
        }
        if seps.last == ".", seps.dropLast().allSatisfy({ $0 == "," }) {
            let ints = Array(groups.dropLast())
            if ints.count == 1 || (ints[0].count <= 3 && ints.dropFirst().allSatisfy { $0.count == 3 }) || isIndian(ints) {
                return (ints.joined() + "." + (groups.last ?? "0"), j, true)
            }
        }
        if seps.last == ",", seps.dropLast().allSatisfy({ $0 == "." }), groups[0].count <= 3,
           groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 }), (groups.last?.count ?? 0) <= 2 {
            return (groups.dropLast().joined() + "." + (groups.last ?? "0"), j, true)
        }
        if seps.allSatisfy({ $0 == "." }), groups.count > 2, groups[0].count <= 3, tail.allSatisfy({ $0.count == 3 }) {
            return (groups.joined(), j, true)
        }
        if seps[0] == "." { return (groups[0] + "." + groups[1], i + 3, true) }
        return (groups[0], i + 1, false)
    }

    static func isS(_ t: [Token], _ i: Int, _ c: Unicode.Scalar) -> Bool { i < t.count && t[i].isSymbol(c) }

    /// "12,34,567": a first group of one or two digits, pairs, then a final group of three.
    static func isIndian(_ g: [String]) -> Bool {
        guard g.count >= 3, let last = g.last, last.count == 3, g[0].count <= 2, !g[0].isEmpty else { return false }
        return g.dropFirst().dropLast().allSatisfy { $0.count == 2 }
    }

    /// Suffix letters that scale a number written in digits ("10k", "1.2b", "10 bln", "5.8 bn").
    static func suffixScale(_ w: Token, adjacent: Bool) -> Decimal? {
        switch w.text {
        case "k", "K": return 1_000
        case "M": return 1_000_000
        case "G": return 1_000_000_000
        case "b", "B": return adjacent ? 1_000_000_000 : nil
        default: break
        }
        switch w.lower {
        case "bn", "bln": return 1_000_000_000
        case "mn", "mln": return 1_000_000
        case "tn", "tln": return Decimal(string: "1000000000000")
        // Indian business headlines abbreviate crore ("₹4,896 cr").
        case "cr", "crs": return 10_000_000
        default: return nil
        }
    }

    static func digitNumber(_ t: [Token], at i: Int) -> NumberMatch? {
        guard let chain = digitChain(t, at: i), var value = Decimal(string: chain.text) else { return nil }
        var m = NumberMatch(first: i, next: chain.next, value: value)
        m.isPlainDigits = !chain.hasSeparator
        m.isFraction = chain.text.contains(".")
        var j = chain.next
        // Glued to letters before ("A320", "G20") or a code hyphen before ("Su-57", "COVID-19").
        if i > 0, !t[i].spaceBefore {
            let p = t[i - 1]
            if p.kind == .word { m.isGlued = true }
            if p.isSymbol("-"), i > 1, !p.spaceBefore, t[i - 2].kind == .word { m.isGlued = true }
        }
        // Ordinal suffix: "21st", "03rd", "2th".
        if j < t.count, t[j].kind == .word, !t[j].spaceBefore, ["st", "nd", "rd", "th"].contains(t[j].lower), !chain.hasSeparator {
            m.isOrdinal = true
            m.next = j + 1
            return m
        }
        // Scientific notation: "1e10", "-12e-1", "1.3x10^6".
        if j < t.count, t[j].kind == .word, !t[j].spaceBefore, t[j].lower == "e" {
            var k = j + 1
            var sign: Decimal = 1
            if k < t.count, t[k].isSymbol("+") || t[k].isSymbol("-"), !t[k].spaceBefore {
                if t[k].first == "-" { sign = -1 }
                k += 1
            }
            if k < t.count, t[k].kind == .digits, !t[k].spaceBefore, let e = t[k].intValue, e < 40 {
                m.value = scaled(value, e, sign)
                m.next = k + 1
                m.isPlainDigits = false
                return m
            }
        }
        if j + 3 < t.count, t[j].isWord("x"), !t[j].spaceBefore, t[j + 1].text == "10", t[j + 2].isSymbol("^") {
            var k = j + 3
            var sign: Decimal = 1
            if t[k].isSymbol("-") || t[k].isSymbol("+") { if t[k].first == "-" { sign = -1 }; k += 1 }
            if k < t.count, let e = t[k].intValue, e < 40 {
                m.value = scaled(value, e, sign)
                m.next = k + 1
                m.isPlainDigits = false
                return m
            }
        }
        // Mixed and simple fractions: "2 1/4", "3/4".
        if m.isPlainDigits, let f = digitFraction(t, at: j), f.spaced {
            m.value = value + f.value
            m.next = f.next
            m.isFraction = true
            m.isPlainDigits = false
            return m
        }
        if m.isPlainDigits, j < t.count, t[j].isSymbol("/"), !t[j].spaceBefore, let f = digitFraction(t, at: i), !f.spaced {
            m.value = f.value
            m.next = f.next
            m.isFraction = true
            m.isPlainDigits = false
            return m
        }
        // Suffixes: "10k", "- 10  k", "1.2b", "5.8 bn".
        if j < t.count, t[j].kind == .word {
            let adjacent = !t[j].spaceBefore
            if let s = suffixScale(t[j], adjacent: adjacent), !(j + 1 < t.count && t[j + 1].kind == .word && !t[j + 1].spaceBefore) {
                value *= s
                m.value = value
                m.hasScale = true
                m.isPlainDigits = false
                j += 1
                m.next = j
                return m
            }
            if adjacent, t[j].lower != "x" { m.isGlued = true }
        }
        // Scale words after digits: "2 million", "13 lakh", "3 hundred and 21", "three lakh crore".
        if j < t.count, t[j].kind == .word, t[j].spaceBefore {
            var c = Compound()
            c.current = value
            c.last = .digit
            if let r = compound(t, from: j, state: c), r.next > j {
                m.value = r.value
                m.next = r.next
                m.hasScale = true
                m.isWords = true
                m.isPlainDigits = false
                m.isOrdinal = r.ordinal
                return m
            }
        }
        return m
    }

    static func scaled(_ v: Decimal, _ e: Int, _ sign: Decimal) -> Decimal {
        var p: Decimal = 1
        for _ in 0..<e { p *= 10 }
        return sign < 0 ? v / p : v * p
    }

    /// "1/4" starting at token `i` (spaced: whether a space precedes it, i.e. the tail of a mixed number).
    static func digitFraction(_ t: [Token], at i: Int) -> (value: Decimal, next: Int, spaced: Bool)? {
        guard i + 2 < t.count, t[i].kind == .digits, t[i + 1].isSymbol("/"), !t[i + 1].spaceBefore,
              t[i + 2].kind == .digits, !t[i + 2].spaceBefore,
              let n = t[i].intValue, let d = t[i + 2].intValue, d >= 2, d <= 16, n >= 1, n < d else { return nil }
        if i + 3 < t.count, t[i + 3].isSymbol("/") || (t[i + 3].kind == .digits && !t[i + 3].spaceBefore) { return nil }
        return (Decimal(n) / Decimal(d), i + 3, t[i].spaceBefore && i > 0 && t[i - 1].kind == .digits)
    }

    // MARK: words

    enum Last { case none, a, unit, teen, ten, hundred, scale, digit, and }

    struct Compound {
        var total: Decimal = 0
        var current: Decimal = 0
        var last: Last = .none
        var lastScale: Decimal = 0
        var words = 0
        var value: Decimal { total + current }
    }

    static func wordNumber(_ t: [Token], at i: Int) -> NumberMatch? {
        let w = t[i].lower
        // "half" alone, "half a dozen", "half million".
        if w == "half" || w == "quarter" {
            let base: Decimal = w == "half" ? Decimal(1) / 2 : Decimal(1) / 4
            if i + 2 < t.count, t[i + 1].isWord("a"), let dz = dozen(t[i + 2].lower) {
                return NumberMatch(first: i, next: i + 3, value: base * dz, isWords: true)
            }
            if i + 1 < t.count, let s = NumeralWords.scales[t[i + 1].lower] {
                return NumberMatch(first: i, next: i + 2, value: base * s, hasScale: true, isWords: true)
            }
            if w == "half" { return NumberMatch(first: i, next: i + 1, value: base, isWords: true, isFraction: true) }
            return nil
        }
        if w == "a", i + 1 < t.count {
            let n = t[i + 1].lower
            if n == "half" || n == "quarter", let m = wordNumber(t, at: i + 1), m.hasScale || n == "half" {
                var r = m
                r.first = i
                return r
            }
            if let o = NumeralWords.ordinal(n), (o.value < 10 || o.scale), n != "second", n != "first" {
                return NumberMatch(first: i, next: i + 2, value: 1 / o.value, isWords: true, isFraction: true)
            }
            if n == "hundred" || NumeralWords.scales[n] != nil {
                var c = Compound()
                c.current = 1
                c.last = .a
                if let r = compound(t, from: i + 1, state: c) {
                    return NumberMatch(first: i, next: r.next, value: r.value, isOrdinal: r.ordinal, hasScale: true, isWords: true,
                                       isFraction: r.fraction)
                }
            }
            return nil
        }
        guard NumeralWords.units[w] != nil || NumeralWords.tens[w] != nil || NumeralWords.ordinals[w] != nil
            || NumeralWords.ordinalScales[w] != nil else { return nil }
        if let r = compound(t, from: i, state: Compound()), r.next > i {
            return NumberMatch(first: i, next: r.next, value: r.value, isOrdinal: r.ordinal, hasScale: r.scale, isWords: true,
                               isFraction: r.fraction)
        }
        return nil
    }

    static func dozen(_ w: String) -> Decimal? {
        switch w {
        case "dozen", "dozens", "dz", "dzs", "doz", "dozs": return 12
        default: return nil
        }
    }

    /// Reads number words from `from` on, continuing `state`; nil when nothing was read.
    static func compound(_ t: [Token], from: Int, state: Compound) -> (value: Decimal, next: Int, ordinal: Bool, scale: Bool, fraction: Bool)? {
        var c = state
        var j = from
        var end = from
        var usedScale = false
        while j < t.count {
            let tok = t[j]
            if tok.kind == .symbol {
                // Hyphen inside "twenty-one" or "ninety - five".
                if tok.first == "-", c.last == .ten || c.last == .hundred || c.last == .unit, j + 1 < t.count, t[j + 1].kind == .word {
                    j += 1
                    continue
                }
                break
            }
            if tok.kind == .digits, state.last == .digit, c.last == .scale, let d = tok.intValue, d < 1000, tok.spaceBefore {
                c.current = Decimal(d)
                c.last = .digit
                j += 1; end = j
                continue
            }
            guard tok.kind == .word else { break }
            let w = tok.lower
            if let u = NumeralWords.units[w] {
                let ok: Bool
                switch c.last {
                case .none, .hundred, .scale, .and: ok = true
                case .ten: ok = u < 10 && u > 0
                case .digit, .a, .unit, .teen: ok = false
                }
                if !ok { break }
                c.current += Decimal(u)
                c.last = u < 10 ? .unit : .teen
                c.words += 1
                j += 1; end = j
                continue
            }
            if let v = NumeralWords.tens[w] {
                // "three twenty-firsts", "one hundred thirty fifths": a compound plural ordinal is the denominator.
                if c.last != .none, c.last != .and, c.value > 0, let den = compoundPluralOrdinal(t, at: j, tens: v) {
                    return (c.value / den.value, den.next, false, usedScale, true)
                }
                switch c.last {
                case .none, .hundred, .scale, .and: break
                default: return finish(c, end, from, usedScale)
                }
                c.current += Decimal(v)
                c.last = .ten
                c.words += 1
                j += 1; end = j
                continue
            }
            if w == "hundred" || w == "hundreds" {
                switch c.last {
                case .unit, .teen, .ten, .digit, .a:
                    if c.current >= 100 { return finish(c, end, from, usedScale) }
                    c.current = (c.current == 0 ? 1 : c.current) * 100
                    c.last = .hundred
                    usedScale = true
                    j += 1; end = j
                    continue
                default: return finish(c, end, from, usedScale)
                }
            }
            if let s = NumeralWords.scales[w] {
                switch c.last {
                case .unit, .teen, .ten, .digit, .a, .hundred:
                    if c.lastScale != 0, s >= c.lastScale {
                        c.total = (c.total + c.current) * s
                    } else {
                        c.total += (c.current == 0 ? 1 : c.current) * s
                    }
                case .scale where c.current == 0 && s > c.lastScale:
                    c.total *= s
                default: return finish(c, end, from, usedScale)
                }
                c.current = 0
                c.lastScale = s
                c.last = .scale
                usedScale = true
                j += 1; end = j
                continue
            }
            if let dz = dozen(w), c.last != .none, c.last != .and {
                c.current = (c.current == 0 ? 1 : c.current) * dz
                c.total *= (c.total == 0 ? 1 : 1)
                c.last = .scale
                usedScale = true
                j += 1; end = j
                continue
            }
            if w == "and", c.last == .hundred || c.last == .scale || (c.last != .none && c.last != .and), j + 1 < t.count {
                // "and a half", "and three quarters": fractions after a whole number.
                if let f = fraction(t, at: j + 1) {
                    var add = f.value
                    var next = f.next
                    if next < t.count, let s = NumeralWords.scales[t[next].lower], c.last == .scale, s < c.lastScale {
                        add *= s
                        next += 1
                    } else if c.last == .scale, c.current == 0 {
                        add *= c.lastScale
                    }
                    c.current += add
                    return (c.value, next, false, usedScale, true)
                }
                if c.last == .hundred || c.last == .scale {
                    let n = t[j + 1]
                    if n.kind == .word, NumeralWords.units[n.lower] != nil || NumeralWords.tens[n.lower] != nil || n.lower == "a"
                        || NumeralWords.ordinals[n.lower] != nil {
                        c.last = .and
                        j += 1
                        continue
                    }
                    let scaledAfter = j + 2 < t.count && (t[j + 2].isWord("hundred") || NumeralWords.scales[t[j + 2].lower] != nil
                        || t[j + 2].isSymbol("."))
                    if n.kind == .digits, c.last == .hundred || c.last == .scale, let d = n.intValue, d < 100, state.last == .digit, !scaledAfter {
                        c.current += Decimal(d)
                        c.last = .unit
                        j += 2; end = j
                        continue
                    }
                }
                break
            }
            if w == "point", c.last == .unit || c.last == .teen || c.last == .ten || c.last == .hundred || c.last == .scale {
                var k = j + 1
                var frac = ""
                while k < t.count, let d = NumeralWords.units[t[k].lower], d < 10 { frac += String(d); k += 1 }
                if !frac.isEmpty, let f = Decimal(string: "0." + frac) {
                    c.current += f
                    return (c.value, k, false, usedScale, true)
                }
                break
            }
            if let den = NumeralWords.specialDenominators[w], c.last == .unit || c.last == .teen || c.last == .ten, w.hasSuffix("s") {
                // "three quarters billion".
                if j + 1 < t.count, let s = NumeralWords.scales[t[j + 1].lower] {
                    return (c.value / Decimal(den) * s, j + 2, false, true, false)
                }
                return (c.value / Decimal(den), j + 1, false, usedScale, true)
            }
            if let o = NumeralWords.ordinal(w) {
                if o.scale, o.plural, state.last == .digit || (c.last != .a && state.last != .a) {
                    // "100 millionths" is a hundred, not a fraction.
                    return finish(c, end, from, usedScale)
                }
                // Plural ordinal after a cardinal: a fraction ("two thirds", "three twenty-firsts").
                if o.plural, c.last != .none, c.last != .and {
                    var k = j + 1
                    var num = c.value / o.value
                    // "two thirds of a million".
                    if k + 2 < t.count, t[k].isWord("of"), t[k + 1].isWord("a"), let s = NumeralWords.scales[t[k + 2].lower] {
                        num *= s
                        k += 3
                    }
                    return (num, k, false, usedScale, true)
                }
                // Singular ordinal.
                switch c.last {
                case .none, .hundred, .scale, .and, .ten:
                    if c.last == .ten, o.value >= 10 || o.scale { return finish(c, end, from, usedScale) }
                    if o.scale {
                        let base = c.value == 0 ? 1 : c.value
                        return (base * o.value, j + 1, true, usedScale, false)
                    }
                    return (c.value + o.value, j + 1, true, usedScale, false)
                case .unit where c.total == 0 && c.current == 1 && c.words == 1 && !o.scale && o.value > 2:
                    return (1 / o.value, j + 1, false, usedScale, true)
                case .unit, .teen, .digit, .a:
                    if o.scale, c.last != .a {
                        return (c.value * o.value, j + 1, true, usedScale, false)
                    }
                    return finish(c, end, from, usedScale)
                }
            }
            if w == "over" || w == "out", c.last != .none, c.total == 0 {
                var k = j + 1
                if w == "out" { guard k < t.count, t[k].isWord("of") else { break }; k += 1 }
                guard k < t.count, let d = unsigned(t, at: k), !d.isOrdinal, d.value != 0 else { break }
                let followedByWord = d.next < t.count && t[d.next].kind == .word && !["tvs"].contains(t[d.next].lower)
                if w == "over", followedByWord { break }
                if w == "out", c.value >= d.value { break }
                return (c.value / d.value, d.next, false, usedScale, true)
            }
            break
        }
        return finish(c, end, from, usedScale)
    }

    static func finish(_ c: Compound, _ end: Int, _ from: Int, _ scale: Bool) -> (value: Decimal, next: Int, ordinal: Bool, scale: Bool, fraction: Bool)? {
        guard end > from else { return nil }
        return (c.value, end, false, scale, false)
    }

    /// "twenty-firsts", "thirty fifths" at `j` (a tens word of value `tens`): the denominator and the token after it.
    static func compoundPluralOrdinal(_ t: [Token], at j: Int, tens: Int) -> (value: Decimal, next: Int)? {
        var k = j + 1
        if k < t.count, t[k].isSymbol("-") { k += 1 }
        guard k < t.count, t[k].kind == .word, let o = NumeralWords.ordinal(t[k].lower), o.plural, !o.scale, o.value < 10 else { return nil }
        return (Decimal(tens) + o.value, k + 1)
    }

    /// A fraction after "and": "a half", "one half", "a quarter", "three quarters", "two thirds", "fifty-four hundredths".
    static func fraction(_ t: [Token], at i: Int) -> (value: Decimal, next: Int)? {
        guard i + 1 < t.count else { return nil }
        var num: Decimal
        let w = t[i].lower
        var dIndex = i + 1
        if w == "a" || w == "an" { num = 1 } else if let u = NumeralWords.units[w], u > 0, NumeralWords.ordinal(t[i + 1].lower) != nil
            || NumeralWords.specialDenominators[t[i + 1].lower] != nil {
            num = Decimal(u)
        } else if NumeralWords.tens[w] != nil || NumeralWords.units[w] != nil, let r = compound(t, from: i, state: Compound()),
                  r.value < 100, !r.fraction, !r.ordinal, r.next < t.count, let o = NumeralWords.ordinal(t[r.next].lower), o.plural {
            num = r.value
            dIndex = r.next
        } else {
            return nil
        }
        guard dIndex < t.count else { return nil }
        let d = t[dIndex].lower
        if dIndex != i + 1, let o = NumeralWords.ordinal(d) { return (num / o.value, dIndex + 1) }
        if let s = NumeralWords.specialDenominators[d] { return (num / Decimal(s), i + 2) }
        if let o = NumeralWords.ordinal(d), !o.scale || true, o.value > 1 {
            num /= o.value
            return (num, i + 2)
        }
        return nil
    }
}
