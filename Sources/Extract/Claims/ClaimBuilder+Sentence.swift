public import ClaimModel

extension ClaimBuilder {
    /// The dimensions whose values become claims on their own.
    static let claimKinds: Set<MentionKind> = [.money, .percent, .count, .multiplier, .quantity]

    /// Claims for the values of one sentence.
    func buildSentenceClaims(_ ctx: SentenceContext, document: Document, main: [String], speaker: String?,
                             previousMetric: [Dimension: (metric: String, paragraph: Int)]) -> [Claim] {
        let mentions = ctx.mentions
        let dates = mentions.indices.filter { mentions[$0].kind == .date || mentions[$0].kind == .daterange }
        let countNoun = mentions.first { $0.kind == .count }
        var claims: [Claim] = []
        var periodDates = Set<Int>()
        for mention in mentions {
            var mention = mention
            if mention.kind == .number, let count = countNoun, isElliptical(mention, ctx) {
                // "four conversations in 2024, two in 2023": the bare numbers count the same thing.
                mention.kind = .count
                mention.counted = count.counted
                mention.value.dimension = .count
                mention.value.unit = count.value.unit
            }
            guard ClaimBuilder.claimKinds.contains(mention.kind), !isReferencePhrase(mention, ctx) else { continue }
            let periodIndex = period(for: mention, dates: dates, ctx)
            if let p = periodIndex { periodDates.insert(p) }
            let periodMention = periodIndex.map { mentions[$0] }
            var metric = metricKey(for: mention, ctx)
            if metric == nil, let previous = previousMetric[mention.value.dimension], previous.paragraph == ctx.sentence.paragraph {
                // "This figure fell to 55%": the metric carries over from the previous sentence of the paragraph.
                metric = previous.metric
            }
            let modality = self.modality(for: mention, period: periodMention, ctx)
            claims.append(makeClaim(mention, ctx, document: document,
                                    subject: directedSubject(for: mention, ctx) ?? subject(for: mention, ctx, main: main),
                                    metric: metric ?? automaticMetric(for: mention, ctx),
                                    modality: modality, speaker: speaker,
                                    period: periodMention.map { Period(start: nil, end: nil, text: $0.text, expression: $0.temporal) }))
        }
        var lastEvent: (metric: String, end: Int, series: Bool)?
        // "four telephone conversations took place in 2024 (15 January, 20 March …)": days listed beside a count date the counted events.
        let countedMetric = claims.first { $0.value.dimension == .count }?.metric
        for index in dates where !periodDates.contains(index) {
            let mention = mentions[index]
            let noun = eventNoun(before: mention, ctx)
            guard isEventDate(mention) || (noun?.distance ?? Int.max) <= 3 && isYearDate(mention) else { continue }
            // "expected in early December 2025, likely around December 5-6": a date right after an event date names the same event.
            let follows = lastEvent.flatMap { ctx.wordIndex(atOrAfter: mention.start) - ctx.wordIndex(atOrAfter: $0.end) <= 6 ? $0 : nil }
            let inherited = follows?.metric
            let listed = isDayDate(mention) ? countedMetric.map { "\($0) dates" } : nil
            guard let metric = noun.map({ "\($0.noun) dates" }) ?? inherited ?? listed else { continue }
            // A listed day names one of several events; a day after an event noun names that event.
            let series = noun == nil && (inherited == nil ? listed != nil : follows?.series == true)
            lastEvent = (metric, mention.end, series)
            var claim = makeClaim(mention, ctx, document: document, subject: subject(for: mention, ctx, main: main),
                                  metric: metric, modality: modality(for: mention, period: nil, ctx), speaker: speaker, period: nil)
            if series { claim.role = "series" }
            claims.append(claim)
        }
        return claims.sorted { $0.span[0] < $1.span[0] }
    }

    func makeClaim(_ m: Mention, _ ctx: SentenceContext, document: Document, subject: String?, metric: String,
                   modality: Modality, speaker: String?, period: Period?) -> Claim {
        let start = ctx.sentence.start + m.start
        let end = ctx.sentence.start + m.end
        return Claim(id: Claim.id(document: document.id, start: start, end: end), document: document.id,
                     quote: ctx.sentence.text, span: [start, end], subject: subject, metric: metric, value: m.value,
                     approximation: m.approximation, modality: modality, period: period, speaker: speaker,
                     text: m.text, hedge: m.hedge, temporal: m.temporal)
    }

    /// Flows have a direction: "Indian investment in Russia" and "Russian investment in India" are different facts.
    /// Returns "A→B" when an entity stands right before a flow phrase and another right after its preposition.
    func directedSubject(for m: Mention, _ ctx: SentenceContext) -> String? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        let entityAt = Dictionary(entities.matches(in: ctx.words).filter { acceptEntity($0, ctx.words) }.map { ($0.first, $0) },
                                  uniquingKeysWith: { a, _ in a })
        for match in lexicon.matches(in: ctx.words) where ClaimBuilder.flowMetrics.contains(match.value) {
            guard match.last < at, at - match.last <= 10, ctx.breaksBetween(match.last, at) == 0 else { continue }
            guard let source = entityAt.values.first(where: { $0.last == match.first - 1 }) else { continue }
            let prepositions: Set<String> = ["in", "into", "to", "from"]
            // The phrase may end in its preposition ("exports to").
            var k = prepositions.contains(ctx.words[match.last].lower) ? match.last : match.last + 1
            guard k < ctx.words.count, prepositions.contains(ctx.words[k].lower) else { continue }
            let preposition = ctx.words[k].lower
            k += 1
            while k < ctx.words.count, k <= match.last + 4 {
                if let target = entityAt[k], target.value != source.value {
                    // "A imports from B" flows from B to A.
                    return preposition == "from" ? "\(target.value)→\(source.value)" : "\(source.value)→\(target.value)"
                }
                k += 1
            }
        }
        return nil
    }

    /// Metrics that flow from one party to another.
    static let flowMetrics: Set<String> = ["investment", "exports", "imports"]

    /// "the two nations", "both sides", "one another": a small count after a determiner names a group, it measures nothing.
    func isReferencePhrase(_ m: Mention, _ ctx: SentenceContext) -> Bool {
        guard m.kind == .count, let v = m.value.min, v < 10 else { return false }
        if let counted = m.counted?.lowercased(), ["another", "other", "others"].contains(counted) { return true }
        let at = ctx.wordIndex(atOrAfter: m.start)
        guard at > 0 else { return false }
        return ["the", "these", "those", "both", "its", "their", "our", "his", "her"].contains(ctx.words[at - 1].lower)
    }

    /// A bare integer followed by "in <year>" in a sentence that counts something.
    func isElliptical(_ m: Mention, _ ctx: SentenceContext) -> Bool {
        guard let v = m.value.min, v == m.value.max, v >= 0, v < 1000 else { return false }
        let after = ctx.wordIndex(atOrAfter: m.end)
        guard after + 1 < ctx.words.count, ctx.words[after].lower == "in" else { return false }
        let year = ctx.words[after + 1].lower
        return year.count == 4 && Int(year) != nil
    }

    /// Only dates with at least a month (or a weekday) name an event's days; bare years are periods.
    func isEventDate(_ m: Mention) -> Bool {
        guard let t = m.temporal else { return false }
        switch t.kind {
        case .calendar: return t.start?.month != nil && t.bound == nil
        case .weekday, .relativeDay: return true
        default: return false
        }
    }

    /// The event noun a date belongs to: within eight words before it, with no verb of saying in between.
    func eventNoun(before m: Mention, _ ctx: SentenceContext) -> (noun: String, distance: Int)? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0, at - k <= 8 {
            let w = ctx.words[k].lower
            if speechVerbs.contains(w) { return nil }
            if eventNouns.contains(w) { return (w, at - k) }
            if w.hasSuffix("s"), eventNouns.contains(String(w.dropLast())) { return (String(w.dropLast()), at - k) }
            k -= 1
        }
        return nil
    }

    /// A single calendar year ("in 2026").
    func isYearDate(_ m: Mention) -> Bool {
        guard let t = m.temporal, t.kind == .calendar, t.bound == nil, t.end == nil else { return false }
        return t.start?.year != nil && t.start?.month == nil
    }

    /// A single day ("15 January").
    func isDayDate(_ m: Mention) -> Bool {
        guard let t = m.temporal, t.kind == .calendar, t.bound == nil else { return false }
        return t.start?.day != nil && t.start?.month != nil
    }

    /// The date mention that gives the time a value holds for, if any.
    func period(for m: Mention, dates: [Int], _ ctx: SentenceContext) -> Int? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        var best: (index: Int, score: Int)?
        for index in dates {
            let d = ctx.mentions[index]
            guard let t = d.temporal, isPeriodLike(t) else { continue }
            let dAt = ctx.wordIndex(atOrAfter: d.start)
            let distance = abs(dAt - at)
            let score = distance + 4 * ctx.breaksBetween(at, dAt) + (dAt < at ? 2 : 0)
            guard distance <= 14 else { continue }
            // A period belongs to the nearest value: "$63 billion, aiming to cross $100 billion by 2030" dates only the second.
            let (lo, hi) = m.start < d.start ? (m.end, d.start) : (d.end, m.start)
            let crosses = ctx.mentions.contains { other in
                ClaimBuilder.claimKinds.contains(other.kind) && other.start >= lo && other.end <= hi && other != m
            }
            if crosses { continue }
            if best == nil || score < best!.score { best = (index, score) }
        }
        return best?.index
    }

    /// Years, month-level dates, open bounds and trailing or vague periods can be periods of a value; single days cannot.
    func isPeriodLike(_ t: TemporalExpression) -> Bool {
        switch t.kind {
        case .trailingYears, .vague, .relativeYear, .relativeMonth, .fiscalYear, .quarter, .relativeQuarter: return true
        case .calendar: return t.bound != nil || t.start?.day == nil
        case .weekday, .relativeDay: return false
        }
    }

    /// The metric named nearest to a value, by words and clause breaks; counts first try the noun they count.
    func metricKey(for m: Mention, _ ctx: SentenceContext) -> String? {
        if m.kind == .count, let counted = m.counted {
            let countedWords = WordTokenizer.words(Array(counted.lowercased().unicodeScalars)).words
            if let match = lexicon.matches(in: countedWords).last { return match.value }
        }
        let at = ctx.wordIndex(atOrAfter: m.start)
        let endAt = ctx.words.lastIndex { $0.start < m.end } ?? at
        var best: (value: String, score: Int)?
        for match in lexicon.matches(in: ctx.words) {
            let score: Int
            if match.last < at {
                score = (at - match.last) + 4 * ctx.breaksBetween(match.last, at)
            } else if match.first > endAt {
                // "36% of India's defence imports": a phrase after the value, closely bound by "of", names it.
                let gap = match.first - endAt
                score = gap + 2 + 4 * ctx.breaksBetween(endAt, match.first)
            } else {
                continue
            }
            if score > 16 { continue }
            if best == nil || score < best!.score || (score == best!.score && match.value < best!.value) {
                best = (match.value, score)
            }
        }
        return best?.value
    }

    /// A key for a value outside the lexicon: what a count counts, else the nearest content word before it.
    func automaticMetric(for m: Mention, _ ctx: SentenceContext) -> String {
        if let counted = m.counted, !counted.isEmpty { return "count of \(counted.lowercased())" }
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0 {
            let w = ctx.words[k]
            if !ClaimBuilder.stopWords.contains(w.lower), Int(w.lower) == nil, w.lower.count > 2,
               !forecastCues.contains(w.lower), !speechVerbs.contains(w.lower) {
                return "\(m.value.dimension.rawValue) of \(w.lower)"
            }
            k -= 1
        }
        return "unlabelled \(m.value.dimension.rawValue)"
    }

    /// Function words never used as an automatic metric key.
    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "is", "are", "was",
        "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their", "his", "her",
        "over", "under", "about", "around", "nearly", "almost", "approximately", "some", "more", "than", "less", "only",
        "reached", "stand", "stands", "stood", "amount", "amounts", "total", "totals", "totalled", "totaled", "hit",
        "surpassing", "exceeding", "accounting", "account", "accounts", "fell", "rose", "grown", "grew", "dropped",
        "further", "now", "also", "which", "who", "while", "as", "up", "down", "into", "cross", "increasing", "least",
    ]

    /// Forecast, target or hedged when the nearest cue before the value says so; a "by <year>" period makes a target.
    func modality(for m: Mention, period: Mention?, _ ctx: SentenceContext) -> Modality {
        if period?.temporal?.bound == .by { return .target }
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0 {
            let w = ctx.words[k].lower
            if targetCues.contains(w) { return .target }
            if hedgeCues.contains(w) { return .hedged }
            if forecastCues.contains(w) { return .forecast }
            k -= 1
        }
        return .reported
    }

    /// Marks derived pairs inside a sentence: a change "from X to Y" with its multiplier, and components of a total.
    func assignRoles(_ claims: inout [Claim], _ ctx: SentenceContext) {
        let offset = ctx.sentence.start
        for i in claims.indices {
            for j in claims.indices where j > i {
                let a = claims[i], b = claims[j]
                guard a.value.dimension == b.value.dimension, a.value.dimension != .date else { continue }
                let between = ctx.textBetween(a.span[1] - offset, b.span[0] - offset)
                let before = ctx.textBetween(max(0, a.span[0] - offset - 6), a.span[0] - offset)
                if between == "to", before.hasSuffix("from") {
                    claims[i].role = "change.from"
                    claims[j].role = "change.to"
                    claims[j].metric = claims[i].metric
                    // The later value holds now; the earlier one at the start of the stated period.
                    claims[j].period = nil
                    for k in claims.indices where claims[k].value.dimension == .multiplier {
                        claims[k].role = "change.ratio"
                        claims[k].metric = claims[i].metric
                        claims[k].period = claims[i].period
                    }
                }
            }
        }
        let metrics = Set(claims.map(\.metric))
        if metrics.contains("exports") && metrics.contains("imports") {
            for i in claims.indices where claims[i].metric == "exports" || claims[i].metric == "imports" {
                claims[i].role = "part-of:bilateral trade"
            }
        }
    }

    /// A count followed, in the same or the next sentence, by counts of the same metric for single years: total and items.
    func linkItemisedCounts(_ claims: inout [Claim]) {
        let counts = claims.indices.filter { claims[$0].value.dimension == .count && claims[$0].role == nil }
        for t in counts {
            let total = claims[t]
            let items = counts.filter { i in
                i != t && claims[i].metric == total.metric && claims[i].span[0] > total.span[0]
                    && claims[i].period?.expression?.kind == .calendar && claims[i].period?.expression?.start?.month == nil
                    && claims[i].period?.expression?.start?.year != nil
                    && claims[i].span[0] - total.span[1] < 400
            }
            guard items.count >= 2, total.period?.expression?.start?.year == nil || total.period?.expression?.kind == .trailingYears else { continue }
            claims[t].role = "total"
            for i in items { claims[i].role = "item-of:\(total.metric)" }
        }
    }
}
