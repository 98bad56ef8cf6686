public import ClaimModel
import Foundation

/// A recognized physical quantity (or price per unit) before hedges are attached.
struct QuantityMatch: Sendable {
    var first: Int
    var next: Int
    /// Token after the quantity's own unit, before any "per day" (the span the units vectors expect).
    var headNext: Int
    var min: Decimal
    var max: Decimal
    /// The symbol of the unit as written ("MW", "bbl/d", "USD/bbl").
    var unit: String
    /// The symbol of the unit before "per …" ("bbl" of "bbl/d").
    var headUnit: String
    var dimension: ClaimModel.Dimension
}

/// Physical quantities: a number, then a unit name or symbol, optionally divided by time or another unit
/// ("2 million barrels per day", "$80 a barrel", "1.2 GW", "5 ft 2 in", "40 deg celsius").
///
/// Numbers come from the Numeral pack, so scale words ("lakh", "million"), fractions and groupings are shared;
/// a number glued to letters before it ("A320", "Su-57", "COVID-19") never starts a quantity.
enum UnitsRules {
    /// Words in a sentence that make a bare "degrees" a temperature (of no stated scale, so not reported).
    static let temperatureCues: WordSet = [
        "temperature", "temperatures", "hot", "cold", "warm", "heat", "heatwave", "weather", "mercury",
    ]
    /// Brackets a unit may be written in ("20 (kg)", "20 [kg]").
    static let brackets: [Unicode.Scalar: Unicode.Scalar] = ["(": ")", "[": "]", "{": "}", "<": ">"]
    /// Temperature scale words after a number or "degrees": symbol.
    static let scales: WordTable<String> = [
        "celsius": "°C", "celcius": "°C", "centigrade": "°C", "c": "°C", "fahrenheit": "°F", "f": "°F", "kelvin": "K",
    ]

    /// Every quantity in the tokens.
    static func scan(_ t: [Token], numbers: [NumberMatch], money: [MoneyMatch]) -> [QuantityMatch] {
        var out: [QuantityMatch] = []
        let nums = NumberIndex(numbers, tokenCount: t.count)
        guard !numbers.isEmpty else { return [] }
        let temperatureContext = t.contains { $0.kind == .word && temperatureCues.contains($0.lower) }
        for n in numbers where !n.isOrdinal && !gluedBefore(n, t) {
            if let q = quantity(from: n, t, nums, temperatureContext: temperatureContext) { out.append(q) }
        }
        for m in money {
            if let q = price(m, t) { out.append(q) }
        }
        return out
    }

    /// A number glued to a word before it ("A320", "G20") or to a code with a hyphen ("Su-57", "scp-173").
    static func gluedBefore(_ n: NumberMatch, _ t: [Token]) -> Bool {
        let i = n.first
        guard i > 0, !t[i].spaceBefore else { return false }
        if t[i - 1].kind == .word || t[i - 1].kind == .digits { return true }
        if t[i - 1].isSymbol("-"), i > 1, !t[i - 1].spaceBefore, t[i - 2].kind != .symbol { return true }
        return false
    }

    /// The unit written at token `i` (longest form), with the token after it.
    static func unit(at i: Int, _ t: [Token]) -> (form: UnitForm, next: Int)? {
        guard i < t.count, let forms = UnitsLexicon.index[t[i].lower] else { return nil }
        for f in forms where i + f.tokens.count <= t.count {
            var ok = true
            for (k, w) in f.tokens.enumerated() {
                let tok = t[i + k]
                if f.caseSensitive ? tok.text != w : tok.lower != w { ok = false; break }
                // An exponent or a "/" inside a symbol must be glued ("km2", "km/h").
                if k > 0, tok.kind == .digits || (tok.kind == .symbol && !w.hasPrefix(".")), tok.spaceBefore { ok = false; break }
            }
            if !ok { continue }
            let next = i + f.tokens.count
            // "24703m212", "L-202", "m3x": letters or digits glued after a symbol make it a code.
            if next < t.count, !t[next].spaceBefore {
                if t[next].kind == .digits || t[next].kind == .word { continue }
                if t[next].isSymbol("-"), next + 1 < t.count, !t[next + 1].spaceBefore, t[next + 1].kind != .symbol { continue }
            }
            return (f, next)
        }
        return nil
    }

    /// The quantity that number `n` starts, if a unit follows it.
    static func quantity(from n: NumberMatch, _ t: [Token], _ nums: NumberIndex, temperatureContext: Bool) -> QuantityMatch? {
        var lo = n.value, hi = n.value
        var k = n.next
        // Ranges: "2-3 GW", "5 to 6 million tonnes".
        if k + 1 < t.count, t[k].isSymbol("-") || t[k].isWord("to") || t[k].isSymbol("–"), let n2 = nums[k + 1], !n2.isOrdinal,
           n2.value > n.value, unitStart(n2.next, t) != nil {
            if n2.hasScale, !n.hasScale, let s = MoneyRules.trailingScale(n2, in: t) { lo *= s }
            hi = n2.value
            k = n2.next
        }
        if let temp = temperature(at: k, t) {
            return QuantityMatch(first: n.first, next: temp.next, headNext: temp.next, min: lo, max: hi, unit: temp.symbol,
                                 headUnit: temp.symbol, dimension: .temperature)
        }
        guard let u = unitStart(k, t) else {
            if let d = degrees(at: k, t, temperatureContext: temperatureContext) {
                return QuantityMatch(first: n.first, next: d, headNext: d, min: lo, max: hi, unit: "deg", headUnit: "deg", dimension: .angle)
            }
            return nil
        }
        let form = u.form
        var next = u.next
        // "1.8m barrels": a glued "m" before a unit or a plural noun is the British "million", not metres.
        if form.symbol == "m", !t[u.at].spaceBefore, next < t.count, t[next].kind == .word {
            if unit(at: next, t) != nil || (t[next].lower.hasSuffix("s") && t[next].lower.count > 3) { return nil }
        }
        var value = (lo, hi)
        // Compound lengths: "5 feet 2 inches", "5 ft 2 in", "5 feet and 2 inches" are one item in the first unit.
        // ("in" alone is never a unit: "2 in april" is a preposition.)
        if form.symbol == "ft", u.close == nil, let inches = trailingInches(after: next, t, nums) {
            value = (value.0 + inches.value / 12, value.1 + inches.value / 12)
            next = inches.next
        }
        let headNext = next
        var symbol = form.symbol
        var dimension = form.dimension
        // "barrels a day", "tonnes per annum", "km per hour", "kg per capita", "barrels of oil per day".
        if let per = perUnit(after: next, t) {
            symbol = "\(form.symbol)/\(per.symbol)"
            dimension = per.isTime ? (form.dimension == .length ? .speed : .rate) : form.dimension
            next = per.next
        }
        return QuantityMatch(first: n.first, next: next, headNext: headNext, min: value.0, max: value.1, unit: symbol,
                             headUnit: u.form.symbol, dimension: dimension)
    }

    /// A unit at token `k`, also written "-mile" (adjectival), "(kg)" or "[kg]": form, first unit token, token after.
    static func unitStart(_ k: Int, _ t: [Token]) -> (form: UnitForm, at: Int, next: Int, close: Unicode.Scalar?)? {
        guard k < t.count else { return nil }
        if t[k].isSymbol("-"), !t[k].spaceBefore, k + 1 < t.count, !t[k + 1].spaceBefore, let u = unit(at: k + 1, t) {
            return (u.form, k + 1, u.next, nil)
        }
        if t[k].kind == .symbol, let close = brackets[t[k].first], let u = unit(at: k + 1, t), u.next < t.count, t[u.next].isSymbol(close) {
            return (u.form, k + 1, u.next + 1, close)
        }
        // 10 " long: an inch mark (an opening quote would not follow a number).
        if t[k].isSymbol("\"") || t[k].isSymbol("″"), k + 1 < t.count, t[k + 1].kind == .word, t[k + 1].first.properties.isLowercase,
           t[0..<k].reduce(0, { $0 + ($1.isSymbol("\"") ? 1 : 0) }) % 2 == 0 {
            return (UnitForm(tokens: ["\""], caseSensitive: true, symbol: "in", dimension: .length), k, k + 1, nil)
        }
        if let u = unit(at: k, t) { return (u.form, k, u.next, nil) }
        // "10 pounds of flour": a weight; "10 pounds" alone is money (the Money pack's reading).
        if t[k].isWord("pounds") || t[k].isWord("pound"), k + 1 < t.count, t[k + 1].isWord("of") {
            return (UnitForm(tokens: [t[k].lower], caseSensitive: false, symbol: "lb", dimension: .mass), k, k + 1, nil)
        }
        return nil
    }

    /// "2 inches" or "2 in" after a length in feet, with an optional "and".
    static func trailingInches(after k: Int, _ t: [Token], _ nums: NumberIndex) -> (value: Decimal, next: Int)? {
        var j = k
        if j < t.count, t[j].isWord("and") { j += 1 }
        guard let n = nums[j], !n.isOrdinal, n.next < t.count else { return nil }
        let w = t[n.next].lower
        guard w == "in" || w == "inch" || w == "inches" || t[n.next].isSymbol("\"") else { return nil }
        if w == "in", n.next + 1 < t.count, t[n.next + 1].kind == .word || t[n.next + 1].kind == .digits { return nil }
        return (n.value, n.next + 1)
    }

    /// "per day", "a year", "/d", "daily", "per tonne", "per capita", "of oil per day": the divisor and the token after it.
    static func perUnit(after k: Int, _ t: [Token]) -> (symbol: String, isTime: Bool, next: Int)? {
        var j = k
        // "barrels of oil a day", "tonnes of crude steel per annum": up to two lower-case words between.
        if j + 1 < t.count, t[j].isWord("of") {
            var m = j + 1
            while m < t.count, m <= j + 2, t[m].kind == .word, t[m].first.properties.isLowercase,
                  !["per", "a", "an", "each", "every"].contains(t[m].lower) { m += 1 }
            if m > j + 1, let r = perUnit(after: m, t), r.isTime { return r }
            return nil
        }
        guard j < t.count else { return nil }
        if t[j].kind == .word, let d = UnitsLexicon.timeAdverbs[t[j].lower] { return (d, true, j + 1) }
        let slash = t[j].isSymbol("/")
        guard slash || t[j].isWord("per") || t[j].isWord("a") || t[j].isWord("an") || t[j].isWord("each") || t[j].isWord("every") else { return nil }
        if slash, t[j].spaceBefore { return nil }
        j += 1
        guard j < t.count, t[j].kind == .word else { return nil }
        if let s = UnitsLexicon.times[t[j].lower], slash || s != "s" && t[j].lower.count > 1 {
            // "a year", "per day"; "a day" only singular ("a days" is not a unit).
            if !slash, t[j].lower.hasSuffix("s"), t[j].lower != "s" { return nil }
            return (s, true, j + 1)
        }
        if t[j].isWord("annum") { return ("yr", true, j + 1) }
        if t[j].lower == "capita" || (!slash && UnitsLexicon.perPerson.contains(t[j].lower) && t[j - 1].isWord("per")) {
            return ("person", false, j + 1)
        }
        if let u = unit(at: j, t), !u.form.symbol.contains("/") {
            return (u.form.symbol, false, u.next)
        }
        return nil
    }

    /// A temperature scale at token `k`: "°C", "° Celsius", "degrees fahrenheit", "deg c", "celsius", "℃".
    static func temperature(at k: Int, _ t: [Token]) -> (symbol: String, next: Int)? {
        guard k < t.count else { return nil }
        if t[k].isSymbol("℃") { return ("°C", k + 1) }
        if t[k].isSymbol("℉") { return ("°F", k + 1) }
        var j = k
        var degreeWritten = false
        if t[j].isSymbol("°") || t[j].isSymbol("º") { j += 1; degreeWritten = true } else if ["degree", "degrees", "deg"].contains(t[j].lower) {
            j += 1
            degreeWritten = true
            if j < t.count, t[j].isSymbol("."), !t[j].spaceBefore { j += 1 }
        }
        guard j < t.count, t[j].kind == .word, let s = scales[t[j].lower] else { return nil }
        // A bare "C" or "F" after a number is a code ("13F", "777F", "11c"); it needs "°" or "degrees".
        if t[j].lower.count == 1, !degreeWritten { return nil }
        if t[j].lower.count == 1, j + 1 < t.count, !t[j + 1].spaceBefore, t[j + 1].kind != .symbol || t[j + 1].isSymbol("-") { return nil }
        return (s, j + 1)
    }

    /// Bare "degrees" or "°" as an angle, unless the sentence speaks of temperature (then of no stated scale: not reported).
    static func degrees(at k: Int, _ t: [Token], temperatureContext: Bool) -> Int? {
        guard k < t.count, !temperatureContext else { return nil }
        if t[k].isWord("degrees") || t[k].isWord("degree") || (t[k].isSymbol("°") && !t[k].spaceBefore) {
            if k + 1 < t.count, t[k + 1].kind == .word, scales[t[k + 1].lower] != nil { return nil }
            return k + 1
        }
        return nil
    }

    /// "$80 a barrel", "$5.2 per MMBtu", "Rs 2,000 per tonne", "$70/bbl", "$2,500 per capita".
    static func price(_ m: MoneyMatch, _ t: [Token]) -> QuantityMatch? {
        guard let per = perUnit(after: m.next, t), !per.isTime else { return nil }
        let unit = "\(m.currency)/\(per.symbol)"
        return QuantityMatch(first: m.first, next: per.next, headNext: m.next, min: m.min, max: m.max, unit: unit,
                             headUnit: m.currency, dimension: .price)
    }
}

extension Analysis {
    /// The Units pack's candidates (rank 7: a unit makes a number more specific than a count or money alone).
    func quantityCandidates(money: [MoneyMatch]) -> [Candidate] {
        UnitsRules.scan(t, numbers: numbers, money: money).map { q in
            Candidate(first: q.first, next: q.next, rank: 7) { a, _ in
                var v = ClaimValue(dimension: q.dimension, unit: q.unit, min: q.min, max: q.max)
                var approx: Approximation = q.min == q.max ? .exact : .range
                var hedge: String?
                if approx == .exact, let h = HedgeRules.hedge(before: q.first, in: a.t) { approx = h.0; hedge = h.1; a.applyBound(&v, approx) }
                return (a.mention(kind: .quantity, first: q.first, next: q.next, value: v, approximation: approx, hedge: hedge), nil)
            }
        }
    }
}

/// The part of a quantity before "per …", for consumers (such as the units vectors) that report the amount only.
public struct QuantityHead: Sendable, Hashable {
    /// The text of the amount with its own unit ("500,000 barrels" of "500,000 barrels a day").
    public var text: String
    /// Start, code points, in the recognized text.
    public var start: Int
    /// End, exclusive.
    public var end: Int
    /// The symbol of the amount's unit ("bbl").
    public var unit: String
}

extension Recognizer {
    /// For a flow ("500,000 barrels a day"), the amount before "per …"; for any other quantity, the whole mention.
    public func quantityHead(of m: Mention) -> QuantityHead {
        let t = Tokenizer.tokenize(m.text)
        let numbers = NumeralRules.scan(t)
        guard m.value.dimension == .rate,
              let q = UnitsRules.scan(t, numbers: numbers, money: []).first(where: { $0.first == 0 && $0.next == t.count }),
              q.headNext > 0 else {
            return QuantityHead(text: m.text, start: m.start, end: m.end, unit: m.value.unit ?? "")
        }
        let endOffset = t[q.headNext - 1].end
        let text = String(String.UnicodeScalarView(m.text.unicodeScalars.prefix(endOffset)))
        return QuantityHead(text: text, start: m.start, end: m.start + endOffset, unit: q.headUnit)
    }
}
