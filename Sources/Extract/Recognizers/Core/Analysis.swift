public import ClaimModel
import Foundation

/// One text run through every rule pack; overlap resolution and mention building.
struct Analysis {
    /// The text's UTF-8 bytes; tokens carry their byte spans, so mention text is cut from here.
    let utf8: [UInt8]
    let t: [Token]
    let numbers: [NumberMatch]
    let options: RecognizerOptions

    init(_ text: String, options: RecognizerOptions) {
        utf8 = Array(text.utf8)
        t = utf8.withUnsafeBufferPointer { Tokenizer.tokenize(utf8: $0) }
        numbers = NumeralRules.scan(t)
        self.options = options
    }

    /// A candidate value with its token span and precedence.
    struct Candidate {
        var first: Int
        var next: Int
        var rank: Int
        var build: (Analysis, CalendarDay?) -> (Mention, DateSpan?)?
    }

    func text(_ first: Int, _ next: Int) -> (String, Int, Int) {
        let s = t[first].start, e = t[next - 1].end
        let a = t[first].utf8Start, b = t[next - 1].utf8End
        let text = utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
        return (text, s, e)
    }

    func mention(kind: MentionKind, first: Int, next: Int, value: ClaimValue, approximation: Approximation = .exact,
                 hedge: String? = nil, temporal: TemporalExpression? = nil, counted: String? = nil) -> Mention {
        let (s, a, b) = text(first, next)
        return Mention(kind: kind, text: s, start: a, end: b, value: value, approximation: approximation, hedge: hedge,
                       temporal: temporal, counted: counted)
    }

    func wants(_ k: MentionKind) -> Bool { options.kinds?.contains(k) ?? true }

    /// All mentions, overlaps resolved, in text order; dates anchored when `reference` is given.
    func mentions(reference: CalendarDay?) -> [(mention: Mention, span: DateSpan?)] {
        var cands: [Candidate] = []
        let money = MoneyRules.scan(t, numbers: numbers)
        for m in money {
            cands.append(Candidate(first: m.first, next: m.next, rank: 6) { a, _ in
                var v = ClaimValue(dimension: .money, unit: m.currency, min: m.min, max: m.max)
                var approx: Approximation = m.min == m.max ? .exact : .range
                var hedge: String?
                if approx == .exact, let h = HedgeRules.hedge(before: m.first, in: a.t) { approx = h.0; hedge = h.1; a.applyBound(&v, approx) }
                return (a.mention(kind: .money, first: m.first, next: m.next, value: v, approximation: approx, hedge: hedge), nil)
            })
        }
        if options.units { cands.append(contentsOf: quantityCandidates(money: money)) } // Units pack: physical quantities and prices.
        for p in PercentRules.scan(t, numbers: numbers) {
            cands.append(Candidate(first: p.first, next: p.next, rank: 5) { a, _ in
                var v = ClaimValue(dimension: .percent, unit: "%", min: p.value, max: p.maxValue)
                var approx: Approximation = p.value == p.maxValue ? .exact : .range
                var hedge: String?
                if approx == .exact, let h = HedgeRules.hedge(before: p.first, in: a.t) { approx = h.0; hedge = h.1; a.applyBound(&v, approx) }
                return (a.mention(kind: .percent, first: p.first, next: p.next, value: v, approximation: approx, hedge: hedge), nil)
            })
        }
        let dates = DateRules(tokens: t, numbers: numbers).scan()
        let tense = Analysis.tense(of: t)
        for d in dates {
            cands.append(Candidate(first: d.first, next: d.next, rank: 4) { a, ref in a.dateMention(d, tense: tense, reference: ref) })
        }
        var taken = [Bool](repeating: false, count: t.count)
        for c in cands { for k in c.first..<c.next { taken[k] = true } }
        if options.counts {
            for c in CountRules.scan(t, numbers: numbers, taken: { $0 >= 0 && $0 < taken.count && taken[$0] }) {
                cands.append(Candidate(first: c.first, next: c.next, rank: 3) { a, _ in
                    var v = ClaimValue(dimension: c.isMultiplier ? .multiplier : .count, unit: c.isMultiplier ? "x" : c.counted,
                                       min: c.value, max: c.value)
                    var approx = Approximation.exact
                    var hedge: String?
                    if let h = HedgeRules.hedge(before: c.first, in: a.t) { approx = h.0; hedge = h.1; a.applyBound(&v, approx) }
                    return (a.mention(kind: c.isMultiplier ? .multiplier : .count, first: c.first, next: c.next, value: v,
                                      approximation: approx, hedge: hedge, counted: c.counted), nil)
                })
            }
        }
        for n in numbers where !n.isGlued && !isNotAQuantity(n) && !isPronounOne(n) && !isTrailingGlued(n) {
            if n.isOrdinal, isFalseOrdinal(n) { continue }
            cands.append(Candidate(first: n.first, next: n.next, rank: n.isOrdinal ? 2 : 1) { a, _ in
                let kind: MentionKind = n.isOrdinal ? .ordinal : .number
                var v = ClaimValue.exact(n.value, n.isOrdinal ? .ordinal : .number)
                var approx = Approximation.exact
                var hedge: String?
                if !n.isOrdinal, let h = HedgeRules.hedge(before: n.first, in: a.t) { approx = h.0; hedge = h.1; a.applyBound(&v, approx) }
                return (a.mention(kind: kind, first: n.first, next: n.next, value: v, approximation: approx, hedge: hedge), nil)
            })
        }
        // Longest first, then most specific; accept non-overlapping.
        cands.sort { l, r in
            let ll = t[l.next - 1].end - t[l.first].start, rl = t[r.next - 1].end - t[r.first].start
            if l.rank >= 4 && r.rank >= 4 || l.rank < 4 && r.rank < 4 || true {
                if ll != rl { return ll > rl }
            }
            if l.rank != r.rank { return l.rank > r.rank }
            return l.first < r.first
        }
        var used = [Bool](repeating: false, count: t.count)
        var out: [(Mention, DateSpan?)] = []
        for c in cands {
            if (c.first..<c.next).contains(where: { used[$0] }) { continue }
            guard let built = c.build(self, reference), wants(built.0.kind) else { continue }
            for k in c.first..<c.next { used[k] = true }
            out.append(built)
        }
        return out.sorted { $0.0.start < $1.0.start }
    }

    /// Sets min/max for a bound: "over X" keeps min only, "under X" max only.
    func applyBound(_ v: inout ClaimValue, _ a: Approximation) {
        switch a {
        case .atLeast: v.max = nil
        case .atMost: v.min = nil
        default: break
        }
    }

    // MARK: filters

    /// Words after which a small number is a name, not a quantity ("Model 3", "version 2").
    static let namingWords: WordSet = [
        "model", "version", "type", "mark", "series", "class", "phase", "level", "grade", "chapter", "part", "no",
        "number", "article", "section", "route", "gen", "generation", "room", "flight", "gate", "platform", "rule",
        "page", "vol", "volume", "episode", "season", "stage", "tier", "covid", "windows", "iphone", "ios",
    ]

    /// Phone numbers, times of day, "24/7", "Model 3".
    func isNotAQuantity(_ n: NumberMatch) -> Bool {
        let i = n.first
        // Times: "10:30", "9am", "7 pm".
        if n.next < t.count, t[n.next].isSymbol(":"), n.next + 1 < t.count, t[n.next + 1].kind == .digits { return true }
        if i > 0, t[i - 1].isSymbol(":"), !t[i].spaceBefore, i > 1, t[i - 2].kind == .digits { return true }
        if n.next < t.count, t[n.next].kind == .word, ["am", "pm", "a.m", "p.m", "hrs", "ist", "gmt", "utc"].contains(t[n.next].lower) { return true }
        // "24/7" and other slash codes that no date took.
        if n.next < t.count, t[n.next].isSymbol("/"), !t[n.next].spaceBefore, n.next + 1 < t.count, t[n.next + 1].kind == .digits { return true }
        if i > 0, t[i - 1].isSymbol("/"), !t[i].spaceBefore, i > 1, t[i - 2].kind == .digits { return true }
        // Phone numbers: "+1-222-2222", "(206) 555-1212", "98765 43210".
        if i > 0, t[i - 1].isSymbol("+"), !t[i].spaceBefore { return true }
        if n.next + 1 < t.count, t[n.next].isSymbol("-"), !t[n.next].spaceBefore, t[n.next + 1].kind == .digits,
           t[n.next + 1].text.count >= 3, t[i].text.count >= 3 { return true }
        if i > 1, t[i - 1].isSymbol("-"), !t[i].spaceBefore, t[i - 2].kind == .digits, t[i - 2].text.count >= 3, t[i].text.count >= 3 { return true }
        if t[i].kind == .digits, t[i].text.count >= 10, n.isPlainDigits { return true }
        if i > 0, t[i - 1].isSymbol(")"), i > 2, t[i - 2].kind == .digits, t[i - 3].isSymbol("(") { return true }
        // "Model 3", "version 2".
        if i > 0, t[i - 1].kind == .word, Analysis.namingWords.contains(t[i - 1].lower), n.isPlainDigits || n.isWords,
           t[i - 1].isCapitalized || n.isPlainDigits { return true }
        return false
    }

    /// "one" used as a pronoun ("this one", "which one", "the first one").
    func isPronounOne(_ n: NumberMatch) -> Bool {
        guard n.next == n.first + 1, t[n.first].isWord("one") else { return false }
        let i = n.first
        if i > 0, let p = Optional(t[i - 1].lower), t[i - 1].kind == .word,
           ["this", "that", "which", "the", "each", "every", "any", "no", "another", "a", "current", "previous", "last",
            "first", "next", "only", "right", "wrong", "other", "little", "big", "new", "old", "same"].contains(p) { return true }
        if n.next < t.count, t[n.next].kind == .word, ["you", "of", "another", "day", "another's"].contains(t[n.next].lower) { return true }
        return false
    }

    /// A number glued to letters after it ("180.25ml", "1m"): a unit, not a bare number.
    func isTrailingGlued(_ n: NumberMatch) -> Bool {
        guard n.next < t.count, !t[n.next].spaceBefore, t[n.next].kind == .word, !n.isOrdinal else { return false }
        return NumeralRules.suffixScale(t[n.next], adjacent: true) == nil
    }

    /// Ordinal words that are not ordinals here: "second" as a unit of time, "a fifth" fractions.
    func isFalseOrdinal(_ n: NumberMatch) -> Bool {
        let w = t[n.first].lower
        if n.first + 1 == n.next, w == "second", n.next < t.count, t[n.next].kind == .word,
           ["later", "ago", "left"].contains(t[n.next].lower) { return true }
        return false
    }

    // MARK: dates

    /// Words that mark the future (true) or the past (false).
    static let tenseWords: WordTable<Bool> = {
        var words: [String: Bool] = [:]
        for w in ["will", "shall", "expected", "upcoming", "plans", "planned", "scheduled", "forthcoming", "tomorrow", "next", "coming"] {
            words[w] = true
        }
        for w in ["was", "were", "had", "did", "said", "ago", "yesterday", "last", "went", "came", "held", "met", "told"] { words[w] = false }
        return WordTable(words)
    }()

    /// The text's tense from auxiliaries and verb forms: "will", "expected", "upcoming" → future.
    static func tense(of t: [Token]) -> TemporalExpression.Tense {
        var future = 0, past = 0
        for (i, tok) in t.enumerated() where tok.kind == .word {
            if let isFuture = tenseWords[tok.lower] {
                if isFuture { future += 1 } else { past += 1 }
                continue
            }
            if tok.lower == "ll" {
                if i > 0 && t[i - 1].isSymbol("'") { future += 1 }
                continue
            }
            // Other words of five letters or more ending in "ed" are past forms.
            let bytes = tok.utf8End - tok.utf8Start
            if bytes == tok.end - tok.start {
                // ASCII: letters are bytes.
                guard bytes > 4 else { continue }
                var tail = tok.lower.utf8.reversed().makeIterator()
                if tail.next() == UInt8(ascii: "d"), tail.next() == UInt8(ascii: "e") { past += 1 }
            } else if tok.lower.count > 4, tok.lower.hasSuffix("ed") {
                past += 1
            }
        }
        if future > past { return .future }
        if past > 0 { return .past }
        return .present
    }

    func dateMention(_ d: DateMatch, tense: TemporalExpression.Tense, reference: CalendarDay?) -> (Mention, DateSpan?)? {
        var temporal = DateMapping.temporal(d.node)
        temporal.tense = tense
        let isRange: Bool
        switch d.node {
        case .day, .dayOfMonth, .weekday, .weekdayOfWeek, .relativeDay, .shifted, .offset: isRange = false
        default: isRange = true
        }
        var value = ClaimValue(dimension: .date)
        var span: DateSpan?
        if let reference {
            span = DateResolver(reference: reference, future: tense == .future).resolve(d.node)
            if let s = span {
                value.start = s.first
                value.end = s.last
                value.resolution = DateMapping.isAbsolute(d.node) ? "explicit" : "anchored to publication date \(reference.iso)"
            } else {
                value.unresolved = DateMapping.weekText(d.node) ?? DateMapping.partsText(temporal)
            }
        } else if DateMapping.isAbsolute(d.node), let s = DateResolver(reference: CalendarDay(dayNumber: 0), future: false).resolve(d.node) {
            value.start = s.first
            value.end = s.last
            value.resolution = "explicit"
            span = s
        } else {
            value.unresolved = DateMapping.weekText(d.node) ?? DateMapping.partsText(temporal)
        }
        if case .vague = d.node { value.unresolved = "vague" }
        let m = mention(kind: isRange ? .daterange : .date, first: d.first, next: d.next, value: value, temporal: temporal)
        return (m, span)
    }
}
