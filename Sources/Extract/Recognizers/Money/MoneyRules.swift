public import ClaimModel
import Foundation

/// A recognized amount of money before hedges are attached.
struct MoneyMatch: Sendable {
    var first: Int
    var next: Int
    var currency: String
    var min: Decimal
    var max: Decimal
}

/// Money: currency symbols and codes before or after an amount, currency names after it, magnitude
/// words ("million", "lakh", "crore", "bn"), subunits ("3 dollars 50 cents") and ranges ("$500-600 million").
///
/// Currency codes are ISO 4217; the name and symbol lists are written from general knowledge of the
/// currencies, keeping only names that are not also common English words ("won", "real" are left out).
enum MoneyRules {
    /// Symbols that name a currency on their own.
    static let symbols: [Unicode.Scalar: String] = [
        "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₿": "BTC", "₡": "CRC", "₩": "KRW", "₽": "RUB",
        "₦": "NGN", "₱": "PHP", "₺": "TRY",
    ]
    /// Letters written before "$" that say which dollar ("US$", "C $", "HK$", "usd$").
    static let dollarPrefixes: WordTable<String> = [
        "us": "USD", "usd": "USD", "c": "CAD", "ca": "CAD", "cad": "CAD", "hk": "HKD", "hkd": "HKD", "mex": "MXN",
        "mx": "MXN", "mxn": "MXN", "a": "AUD", "au": "AUD", "aud": "AUD", "nz": "NZD", "nzd": "NZD", "s": "SGD",
        "sg": "SGD", "sgd": "SGD", "r": "BRL",
    ]
    /// ISO codes accepted in any letter case (none of them is an English word).
    static let codes: WordSet = [
        "usd", "eur", "gbp", "inr", "jpy", "cny", "cad", "aud", "chf", "hkd", "sgd", "nzd", "mxn", "brl", "zar", "krw",
        "rub", "sek", "nok", "dkk", "pln", "aed", "sar", "pkr", "bdt", "lkr", "npr", "idr", "myr", "thb", "php", "vnd",
        "btc", "rmb",
    ]
    /// Codes that are also English words: upper case only.
    static let upperOnlyCodes: WordSet = ["TRY", "ALL", "CUP", "MOP"]
    /// Currency names written after the amount; two-word names are keyed by their first word.
    static let names: WordTable<String> = [
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "kuai": "CNY", "rupee": "INR", "rupees": "INR",
        "peseta": "ESP", "pesetas": "ESP", "guilder": "NLG", "guilders": "NLG", "bitcoin": "BTC", "bitcoins": "BTC",
        "markka": "FIM", "markkaa": "FIM", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
        "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "taka": "BDT", "lira": "TRY",
        "元": "CNY", "ரூ": "LKR", "pesos": "MXN", "peso": "MXN",
    ]
    /// Words before a name that change the currency ("swiss francs", "hong kong dollars").
    static let qualified: WordTable<[String: String]> = [
        "us": ["dollar": "USD", "dollars": "USD"], "u": ["dollar": "USD", "dollars": "USD"],
        "canadian": ["dollar": "CAD", "dollars": "CAD"], "australian": ["dollar": "AUD", "dollars": "AUD"],
        "singapore": ["dollar": "SGD", "dollars": "SGD"], "hk": ["dollar": "HKD", "dollars": "HKD"],
        "swiss": ["franc": "CHF", "francs": "CHF"], "turkish": ["lira": "TRY", "liras": "TRY"],
        "dutch": ["guilder": "NLG", "guilders": "NLG"], "indian": ["rupee": "INR", "rupees": "INR"],
        "pakistani": ["rupee": "PKR", "rupees": "PKR"], "sri": [:], "mexican": ["peso": "MXN", "pesos": "MXN"],
        "philippine": ["peso": "PHP", "pesos": "PHP"], "japanese": ["yen": "JPY"], "chinese": ["yuan": "CNY"],
        "british": ["pound": "GBP", "pounds": "GBP"], "new": [:],
    ]
    /// Subunit names: a hundredth of the main unit.
    static let subunits: WordSet = ["cent", "cents", "mao", "paise", "pence"]

    /// Every amount of money in the tokens, given the numbers already found.
    static func scan(_ t: [Token], numbers: [NumberMatch]) -> [MoneyMatch] {
        let byFirst = NumberIndex(numbers, tokenCount: t.count)
        var out: [MoneyMatch] = []
        var i = 0
        while i < t.count {
            if let m = prefixed(t, at: i, byFirst) ?? suffixed(t, at: i, byFirst) {
                out.append(m)
                i = m.next
            } else {
                i += 1
            }
        }
        return out
    }

    /// A currency written before the amount, starting at token `i`: returns the code and the token after it.
    static func prefixCurrency(_ t: [Token], at i: Int) -> (code: String, next: Int)? {
        let tok = t[i]
        if tok.kind == .symbol, let c = symbols[tok.first] {
            if tok.first == "$", i > 0, dollarPrefix(t, at: i - 1) != nil { return nil }
            return (c, i + 1)
        }
        if tok.kind == .word {
            if let c = dollarPrefix(t, at: i) { return (c, i + 2) }
            if codes.contains(tok.lower) || upperOnlyCodes.contains(tok.text) {
                let code = tok.lower == "rmb" ? "CNY" : tok.text.uppercased()
                return (code, i + 1)
            }
            if tok.lower == "rs" || tok.text == "Rs" {
                if i + 1 < t.count, t[i + 1].isSymbol("."), !t[i + 1].spaceBefore { return ("INR", i + 2) }
                return ("INR", i + 1)
            }
        }
        return nil
    }

    /// A currency written after the amount, starting at token `i`.
    static func suffixCurrency(_ t: [Token], at i: Int) -> (code: String, next: Int)? {
        guard i < t.count else { return nil }
        let tok = t[i]
        if tok.kind == .symbol, let c = symbols[tok.first] { return (c, i + 1) }
        guard tok.kind == .word else { return nil }
        if let q = qualified[tok.lower], i + 1 < t.count, let c = q[t[i + 1].lower] { return (c, i + 2) }
        if tok.lower == "u", i + 3 < t.count, t[i + 1].isSymbol("."), t[i + 2].isWord("s") {
            var k = i + 3
            if t[k].isSymbol(".") { k += 1 }
            if k < t.count, let c = names[t[k].lower], c == "USD" { return (c, k + 1) }
        }
        if let c = names[tok.lower] { return (c, i + 1) }
        if codes.contains(tok.lower) || upperOnlyCodes.contains(tok.text) {
            return (tok.lower == "rmb" ? "CNY" : tok.text.uppercased(), i + 1)
        }
        // "30 MUSD", "120 MEUR": a million of the currency.
        if tok.text.count == 4, tok.text.hasPrefix("M"), codes.contains(String(tok.lower.dropFirst())) {
            return ("M" + String(tok.text.dropFirst()).uppercased(), i + 1)
        }
        return nil
    }

    /// A word before "$" that names the dollar ("US$", "c $", "HK$", "A$"); single letters other than "c" must be glued.
    static func dollarPrefix(_ t: [Token], at i: Int) -> String? {
        guard i + 1 < t.count, t[i].kind == .word, t[i + 1].isSymbol("$"), let c = dollarPrefixes[t[i].lower] else { return nil }
        if i > 0, !t[i].spaceBefore, t[i - 1].kind == .word { return nil }
        if t[i].text.count == 1, t[i].lower != "c", t[i + 1].spaceBefore || !t[i].isCapitalized { return nil }
        return c
    }

    static func prefixed(_ t: [Token], at i: Int, _ nums: NumberIndex) -> MoneyMatch? {
        guard let cur = prefixCurrency(t, at: i), cur.next < t.count, var n = nums[cur.next], !n.isOrdinal else { return nil }
        // "EUR 125" needs the code to be spaced or glued; "$DEC" is no amount.
        var value = n.value
        var next = n.next
        var maxValue = value
        // "$500-600 million", "$500-billion".
        if next + 1 < t.count, t[next].isSymbol("-") || t[next].isWord("to"), let n2 = nums[next + 1], !n2.isOrdinal {
            if n2.hasScale, !n.hasScale, let s = trailingScale(n2, in: t) {
                value *= s
            }
            maxValue = n2.value
            if maxValue > value { next = n2.next } else { maxValue = value }
            n.next = next
        }
        if next + 1 < t.count, t[next].isSymbol("-"), let s = NumeralWords.scales[t[next + 1].lower], !n.hasScale {
            value *= s; maxValue *= s; next += 2
        }
        if next < t.count, let s = NumeralWords.scales[t[next].lower], !n.hasScale {
            value *= s; maxValue *= s; next += 1
        }
        var code = cur.code
        if code.count == 4, code.hasPrefix("M") { code = String(code.dropFirst()); value *= 1_000_000; maxValue *= 1_000_000 }
        return MoneyMatch(first: i, next: next, currency: code, min: value, max: maxValue)
    }

    /// The scale factor a number was written with ("600 million" → 1e6), from its last scale word or suffix.
    static func trailingScale(_ n: NumberMatch, in t: [Token]) -> Decimal? {
        var found: Decimal?
        for k in n.first..<n.next where t[k].kind == .word {
            if let s = NumeralWords.scales[t[k].lower] ?? NumeralRules.suffixScale(t[k], adjacent: !t[k].spaceBefore) { found = s }
        }
        return found
    }

    static func suffixed(_ t: [Token], at i: Int, _ nums: NumberIndex) -> MoneyMatch? {
        guard let n = nums[i], !n.isOrdinal else { return nil }
        // "one-yen bid".
        var curStart = n.next
        if curStart + 1 < t.count, t[curStart].isSymbol("-"), !t[curStart].spaceBefore, !t[curStart + 1].spaceBefore, t[curStart + 1].kind == .word {
            curStart += 1
        }
        guard let cur = suffixCurrency(t, at: curStart) ?? suffixCurrency(t, at: n.next) else { return nil }
        if n.isGlued, !(i > 0 && t[i - 1].kind == .word && (codes.contains(t[i - 1].lower))) {
            // "115USD" is fine (glued after), "A320" before is not money.
            if i > 0, !t[i].spaceBefore, t[i - 1].kind == .word { return nil }
        }
        var value = n.value
        var next = cur.next
        var code = cur.code
        if code.count == 4, code.hasPrefix("M") { code = String(code.dropFirst()); value *= 1_000_000 }
        // "75 USD million".
        if next < t.count, let s = NumeralWords.scales[t[next].lower], !n.hasScale {
            value *= s
            next += 1
        } else if next < t.count, !t[next].isSymbol(","), !t[next].isSymbol("."), !n.hasScale {
            // Subunits: "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 USD 50".
            var k = next
            if t[k].isWord("and") { k += 1 }
            if k < t.count, let c = nums[k], !c.isOrdinal, c.value < 100, c.value >= 0, !c.isFraction,
               !(c.next < t.count && !t[c.next].spaceBefore && t[c.next].kind == .word),
               suffixCurrency(t, at: c.next) == nil || (c.next < t.count && subunits.contains(t[c.next].lower)) {
                let endsWithCountable = c.next < t.count && t[c.next].kind == .word && !subunits.contains(t[c.next].lower)
                    && c.next + 1 < t.count && false
                if !endsWithCountable {
                    value += c.value / 100
                    next = c.next
                    if next < t.count, subunits.contains(t[next].lower) { next += 1 }
                }
            }
        }
        // "one kuai and five mao five": Chinese subunits (mao = 1/10, the next digit = 1/100).
        return MoneyMatch(first: i, next: next, currency: code, min: value, max: value)
    }
}
