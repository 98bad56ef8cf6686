public import ClaimModel

extension ClaimBuilder {
    /// The dimensions whose values become claims on their own.
    static let claimKinds: Set<MentionKind> = [.money, .percent, .count, .multiplier, .quantity]

    /// Claims for the values of one sentence. With `tracing`, `traces` receives, by claim id, the rules that fired.
    func buildSentenceClaims(_ ctx: SentenceContext, document: Document, main: [String], speaker: SpeakerChoice,
                             previousMetric: [Dimension: (metric: String, paragraph: Int)],
                             lexiconIDs: inout Set<String>, tracing: Bool = false, traces: inout [String: [String]]) -> [Claim] {
        let mentions = ctx.mentions
        let dates = mentions.indices.filter { mentions[$0].kind == .date || mentions[$0].kind == .daterange }
        let countNoun = mentions.first { $0.kind == .count }
        var claims: [Claim] = []
        var periodDates = Set<Int>()
        for original in mentions {
            var mention = original
            var valueRule: String?
            if mention.kind == .number, let count = countNoun, isElliptical(mention, ctx) {
                // "four conversations in 2024, two in 2023": the bare numbers count the same thing.
                mention.kind = .count
                mention.counted = count.counted
                mention.value.dimension = .count
                mention.value.unit = count.value.unit
                valueRule = "elliptical count: a bare number before 'in <year>' counts what '\(count.text)' counts"
            } else if mention.kind == .number, let noun = countedNoun(after: mention, ctx) {
                // "346 people", "70 years", "30 of Boeing's jets": a number with the noun it counts.
                mention.kind = .count
                mention.counted = noun.noun
                mention.value.dimension = .count
                mention.value.unit = noun.noun
                mention.text = noun.text
                mention.end = noun.end
                valueRule = noun.partitive ? "number + 'of' + noun phrase: counts '\(noun.noun)'" : "number + noun: counts '\(noun.noun)'"
            }
            guard ClaimBuilder.claimKinds.contains(mention.kind), !isReferencePhrase(mention, ctx), !isProductName(mention, ctx) else { continue }
            let periodIndex = period(for: mention, dates: dates, ctx)
            if let p = periodIndex { periodDates.insert(p) }
            let periodMention = periodIndex.map { mentions[$0] }
            var metricRule: MetricRule
            var metric: String
            if mention.kind == .count, let unit = mention.counted?.lowercased(), ClaimBuilder.timeUnits.contains(unit) {
                // "dates back 70 years": a duration measures time, whatever metric phrase stands nearby.
                (metric, metricRule) = automaticMetric(for: mention, ctx)
            } else if let found = metricKey(for: mention, ctx) {
                (metric, metricRule) = found
            } else if let previous = previousMetric[mention.value.dimension], previous.paragraph == ctx.sentence.paragraph {
                // "This figure fell to 55%": the metric carries over from the previous sentence of the paragraph.
                metric = previous.metric
                metricRule = .carried
            } else {
                (metric, metricRule) = automaticMetric(for: mention, ctx)
            }
            let (modality, modalityCue) = self.modality(for: mention, period: periodMention, ctx)
            let directed = directedSubject(for: mention, ctx)
            let (subject, subjectRule) = directed.map { ($0, SubjectRule.directed) } ?? self.subject(for: mention, ctx, main: main)
            var claim = makeClaim(mention, ctx, document: document, subject: subject, metric: metric,
                                  modality: modality, speaker: speaker.name,
                                  period: periodMention.map { Period(start: nil, end: nil, text: $0.text, expression: $0.temporal) })
            let negation = negationCue(before: mention, ctx)
            if negation != nil { claim.negated = true }
            claims.append(claim)
            if metricRule.isLexicon { lexiconIDs.insert(claim.id) }
            if tracing {
                var rules = ["value: \(valueRule ?? "\(original.kind.rawValue) recognizer") found '\(mention.text)'"
                             + (mention.hedge.map { " (bound word '\($0)')" } ?? "")]
                rules.append("metric: \(metricRule.explanation) → \(metric)")
                if let p = periodMention {
                    rules.append("period: nearest period-like date '\(p.text)' (\(p.temporal.map { $0.kind.rawValue } ?? "date"))")
                }
                rules.append("modality: \(modalityCue.map { "cue '\($0)'" } ?? "no cue") → \(modality.rawValue)")
                if let negation { rules.append("negation: cue '\(negation)' in the clause before the value") }
                rules.append("subject: \(subjectRule.explanation)")
                rules.append("speaker: \(speaker.rule)")
                traces[claim.id] = rules
            }
        }
        var lastEvent: (metric: String, end: Int, series: Bool)?
        var eventYears: [Int] = []
        // "four telephone conversations took place in 2024 (15 January, 20 March …)": days listed beside a count date the counted events.
        let countedMetric = claims.first { $0.value.dimension == .count }?.metric
        for index in dates where !periodDates.contains(index) {
            let mention = mentions[index]
            let noun = eventNoun(before: mention, ctx)
            // "expected in early December 2025, likely around December 5-6": a date right after an event date names the same event.
            let follows = lastEvent.flatMap { ctx.wordIndex(atOrAfter: mention.start) - ctx.wordIndex(atOrAfter: $0.end) <= 6 ? $0 : nil }
            // A bare year dates an event when an event word stands right before it or it continues a list of event dates
            // ("visited India in 2000, 2004, 2010"); a year that opens a name ("the 2019 Auto Show") does not.
            let yearOfEvent = isYearDate(mention) && !isAttributiveYear(mention, ctx)
                && ((noun?.distance ?? Int.max) <= 3 || (follows != nil && noun != nil))
            guard isEventDate(mention) || yearOfEvent else { continue }
            let inherited = follows?.metric
            let listed = isDayDate(mention) ? countedMetric.map { "\($0) dates" } : nil
            guard let metric = noun.map({ "\($0.noun) dates" }) ?? inherited ?? listed else { continue }
            // A listed day names one of several events; a day after an event noun names that event.
            let series = noun == nil && (inherited == nil ? listed != nil : follows?.series == true)
            lastEvent = (metric, mention.end, series)
            let (modality, modalityCue) = self.modality(for: mention, period: nil, ctx)
            let (subject, subjectRule) = self.subject(for: mention, ctx, main: main)
            var claim = makeClaim(mention, ctx, document: document, subject: subject,
                                  metric: metric, modality: modality, speaker: speaker.name, period: nil)
            if series { claim.role = "series" }
            if yearOfEvent, !isEventDate(mention) { eventYears.append(claims.count) }
            let negation = negationCue(before: mention, ctx)
            if negation != nil { claim.negated = true }
            claims.append(claim)
            lexiconIDs.insert(claim.id)
            if tracing {
                var rules = ["value: \(mention.kind.rawValue) recognizer found '\(mention.text)' (\(mention.temporal.map { $0.kind.rawValue } ?? "date"))"]
                if let noun {
                    rules.append("metric: event word '\(noun.word)' \(noun.distance) words before the date → \(metric)")
                } else if inherited != nil {
                    rules.append("metric: follows the event date before it → \(metric)")
                } else {
                    rules.append("metric: a day listed beside a count → \(metric)")
                }
                rules.append("modality: \(modalityCue.map { "cue '\($0)'" } ?? "no cue") → \(modality.rawValue)")
                if let negation { rules.append("negation: cue '\(negation)' in the clause before the date") }
                rules.append("subject: \(subjectRule.explanation)")
                rules.append("speaker: \(speaker.rule)")
                traces[claim.id] = rules
            }
        }
        // "visited India in 2000, 2004 and 2010": a list of years names several events, one each, not rival dates of one.
        if eventYears.count >= 2 {
            for i in eventYears where claims[i].role == nil { claims[i].role = "series" }
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
        return ["the", "these", "those", "both", "all", "its", "their", "our", "his", "her"].contains(ctx.words[at - 1].lower)
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

    /// The event noun a date belongs to: within eight words before it, with no verb of saying in between. Verb forms of
    /// an event noun count too ("visited" for "visit", "launched" for "launch").
    func eventNoun(before m: Mention, _ ctx: SentenceContext) -> (noun: String, word: String, distance: Int)? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0, at - k <= 8 {
            let w = ctx.words[k].lower
            if speechVerbs.contains(w) { return nil }
            if let noun = eventNounForm(w) { return (noun, ctx.words[k].original, at - k) }
            k -= 1
        }
        return nil
    }

    /// The event noun a word is a form of: the noun, its plural, or its verb forms ("visits", "visited", "visiting").
    func eventNounForm(_ w: String) -> String? {
        if eventNouns.contains(w) { return w }
        for suffix in ["s", "es", "ed", "d", "ing"] where w.hasSuffix(suffix) && w.count > suffix.count + 2 {
            let stem = String(w.dropLast(suffix.count))
            if eventNouns.contains(stem) { return stem }
        }
        return nil
    }

    /// A year that opens a name ("the 2019 Los Angeles Auto Show", "‘2018 Welcome Festival’"): followed by a capitalised
    /// word and not introduced by a preposition.
    func isAttributiveYear(_ m: Mention, _ ctx: SentenceContext) -> Bool {
        let at = ctx.wordIndex(atOrAfter: m.start)
        let after = ctx.wordIndex(atOrAfter: m.end)
        guard after < ctx.words.count, ctx.words[after].start >= m.end, ctx.words[after].isCapitalized,
              ctx.breaksBetween(at, after) == 0 else { return false }
        if m.start > 0, "‘'\"“".unicodeScalars.contains(ctx.scalars[m.start - 1]) { return true }
        if at > 0, ClaimBuilder.datePrepositions.contains(ctx.words[at - 1].lower) { return false }
        return true
    }

    /// Prepositions that introduce a date ("in 2014", "since March").
    static let datePrepositions: Set<String> = ["in", "on", "since", "from", "by", "until", "till", "during", "before", "after",
                                                 "between", "through", "to", "and", "or"]

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
        case .trailingYears, .vague, .relativeYear, .relativeMonth, .fiscalYear, .quarter, .relativeQuarter,
             .relativeWeek, .trailingWeeks, .isoWeek: return true
        case .calendar: return t.bound != nil || t.start?.day == nil
        case .weekday, .relativeDay: return false
        }
    }

    /// The metric named nearest to a value, by words and clause breaks; counts first try the noun they count.
    func metricKey(for m: Mention, _ ctx: SentenceContext) -> (String, MetricRule)? {
        if m.kind == .count, let counted = m.counted {
            let countedWords = WordTokenizer.words(Array(counted.lowercased().unicodeScalars)).words
            if let match = lexicon.matches(in: countedWords).last { return (match.value, .countedLexicon(match.phrase)) }
        }
        let at = ctx.wordIndex(atOrAfter: m.start)
        let endAt = ctx.words.lastIndex { $0.start < m.end } ?? at
        var best: (value: String, score: Int, phrase: String, after: Bool)?
        for match in lexicon.matches(in: ctx.words) {
            let score: Int
            if match.last < at {
                score = (at - match.last) + 4 * ctx.breaksBetween(match.last, at)
            } else if match.first > endAt, m.counted == nil {
                // "36% of India's defence imports": a phrase after the value, closely bound by "of", names it.
                let gap = match.first - endAt
                score = gap + 2 + 4 * ctx.breaksBetween(endAt, match.first)
            } else {
                continue
            }
            if score > 16 { continue }
            if best == nil || score < best!.score || (score == best!.score && match.value < best!.value) {
                best = (match.value, score, match.phrase, match.first > endAt)
            }
        }
        return best.map { ($0.value, .lexicon(phrase: $0.phrase, after: $0.after, score: $0.score)) }
    }

    /// A key for a value outside the lexicon, from the head of the noun phrase it measures: what a count counts; else the
    /// noun after the value ("of the revenue", "a share", "gain"); else the subject of the verb that reports it
    /// ("revenue rose 3.5 percent"); else the nearest content word before it.
    func automaticMetric(for m: Mention, _ ctx: SentenceContext) -> (String, MetricRule) {
        let dimension = m.value.dimension.rawValue
        if let counted = m.counted, !counted.isEmpty { return ("count of \(counted.lowercased())", .counted(counted)) }
        if let head = headAfter(m, ctx) { return ("\(dimension) of \(head.word)", .headAfter(head.word, head.via)) }
        if let head = subjectOfReportingVerb(m, ctx) { return ("\(dimension) of \(head.word)", .verbSubject(head.word, head.verb)) }
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0 {
            let w = ctx.words[k]
            if isContentWord(w, ctx) { return ("\(dimension) of \(w.lower)", .nearestWord(w.lower)) }
            k -= 1
        }
        return ("unlabelled \(dimension)", .unlabelled)
    }

    /// A word that can name what a value measures: not a function word, number, ticker code or cue.
    func isContentWord(_ w: Word, _ ctx: SentenceContext) -> Bool {
        !ClaimBuilder.stopWords.contains(w.lower) && Int(w.lower) == nil && w.lower.count > 2
            && !forecastCues.contains(w.lower) && !speechVerbs.contains(w.lower) && !isCode(w, ctx)
            && !ClaimBuilder.unitWords.contains(w.lower)
    }

    /// Ticker and instrument codes ("CLc1", ".DJI", "US10YT=RR"): words with digits among letters, or written right after a period.
    func isCode(_ w: Word, _ ctx: SentenceContext) -> Bool {
        if w.start > 0, ctx.scalars[w.start - 1] == "." { return true }
        if w.end < ctx.scalars.count, ctx.scalars[w.end] == "=" { return true }
        let hasDigit = w.lower.unicodeScalars.contains { ("0"..."9").contains($0) }
        let hasLetter = w.lower.unicodeScalars.contains { $0.properties.isAlphabetic }
        return hasDigit && hasLetter
    }

    /// The head of the noun phrase right after a value: "of the revenue" (partitive), "a share"/"per barrel" (rate), or a
    /// noun that the value modifies ("the 4.8 percent gain", "65 percent were white").
    func headAfter(_ m: Mention, _ ctx: SentenceContext) -> (word: String, via: String)? {
        var k = ctx.wordIndex(atOrAfter: m.end)
        guard k < ctx.words.count, ctx.words[k].start >= m.end, ctx.breaksBetween(k - 1, k) == 0 || k == 0 else { return nil }
        let first = ctx.words[k].lower
        var via = "noun after the value"
        if first == "of" || first == "per" || ((first == "a" || first == "an") && m.kind == .money) {
            via = "'\(first)' + noun phrase"
            k += 1
        } else if ["were", "was", "are", "is"].contains(first), m.kind == .percent {
            via = "'\(first)' + predicate"
            k += 1
        }
        // The phrase's head is its last content word before a function word, clause break or the next value.
        var head: String?
        var n = 0
        while k < ctx.words.count, n < 4 {
            let w = ctx.words[k]
            if n > 0, ctx.breaksBetween(k - 1, k) > 0 { break }
            if ctx.mentions.contains(where: { $0.start <= w.start && w.start < $0.end && $0.start != m.start }) { break }
            if ClaimBuilder.determiners.contains(w.lower) && head == nil { k += 1; n += 1; continue }
            guard isContentWord(w, ctx) || (head == nil && w.lower.hasSuffix("'s")) else { break }
            if w.lower.hasSuffix("ly") { break }
            if !w.lower.hasSuffix("'s") && !w.lower.hasSuffix("’s") { head = w.lower }
            k += 1; n += 1
        }
        guard let head else { return nil }
        return (head, via)
    }

    /// The subject of the reporting verb before a value ("Comparable sales rose 3.6 percent", "U.S. crude CLc1 fell 3.38%").
    func subjectOfReportingVerb(_ m: Mention, _ ctx: SentenceContext) -> (word: String, verb: String)? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0, at - k <= 6 {
            let w = ctx.words[k].lower
            if ClaimBuilder.reportingVerbs.contains(w) {
                var j = k - 1
                while j >= 0, k - j <= 6 {
                    let s = ctx.words[j]
                    if ctx.breaksBetween(j, k) > 0 { break }
                    if ClaimBuilder.reportingVerbs.contains(s.lower) || s.lower.hasSuffix("ly") { j -= 1; continue }
                    if isContentWord(s, ctx) { return (s.lower, w) }
                    j -= 1
                }
                return nil
            }
            k -= 1
        }
        return nil
    }

    /// Verbs that report a value of their subject ("rose", "earned", "stopped", "is up").
    ///
    /// Source: common English verbs of financial, statistical and sports reporting, written for this rule.
    static let reportingVerbs: Set<String> = [
        "rose", "rise", "rises", "fell", "fall", "falls", "added", "adds", "lost", "loses", "gained", "gains", "climbed", "climbs",
        "dropped", "drops", "slipped", "slips", "jumped", "jumps", "declined", "declines", "increased", "increases", "decreased",
        "decreases", "grew", "grows", "shrank", "surged", "plunged", "slumped", "eased", "edged", "earned", "earns", "posted",
        "reached", "reaches", "hit", "totalled", "totaled", "totals", "stood", "stands", "was", "were", "is", "are", "up", "down",
        "valued", "cost", "costs", "paid", "spent", "produces", "produced", "generates", "generated", "yielded", "closed",
        "strengthened", "weakened", "trading", "traded", "made", "makes", "stopped", "scored", "seating", "seats", "takes", "took",
    ]

    /// Determiners skipped at the start of a noun phrase.
    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "another"]

    /// Words for the unit of the value itself, never its metric.
    static let unitWords: Set<String> = ["percent", "per", "cent", "points", "point", "billion", "million", "thousand", "trillion",
                                         "times", "lakh", "crore", "dollars", "euros", "rupees", "pounds"]

    /// The noun a bare number counts: "346 people", "70 years", "30 of Boeing's 787-9 jets", "7.3 of another race".
    func countedNoun(after m: Mention, _ ctx: SentenceContext) -> (noun: String, text: String, end: Int, partitive: Bool)? {
        guard let v = m.value.min, v == m.value.max, v > 0, !isProductName(m, ctx) else { return nil }
        // "a seventh", "a third" are fractions or ordinals; "4K" and "60fps" carry their own unit letters.
        let lowerText = m.text.lowercased()
        if lowerText.hasPrefix("a ") || lowerText.hasPrefix("an ") { return nil }
        if let last = m.text.unicodeScalars.last, last.properties.isAlphabetic,
           m.text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }), !m.text.contains(" ") { return nil }
        let at = ctx.wordIndex(atOrAfter: m.start)
        // "Redemption 2 port", "Model 3 sold": a number right after a capitalised word is part of a name.
        if at > 0, ctx.words[at - 1].isCapitalized, ctx.words[at - 1].end + 1 >= ctx.words[at].start,
           !ClaimBuilder.determiners.contains(ctx.words[at - 1].lower) { return nil }
        var k = ctx.wordIndex(atOrAfter: m.end)
        guard k < ctx.words.count, ctx.words[k].start >= m.end, ctx.breaksBetween(k - 1, k) == 0 else { return nil }
        guard ctx.scalars[m.end..<ctx.words[k].start].allSatisfy({ $0 == " " }) else { return nil }
        var partitive = false
        if ctx.words[k].lower == "of" {
            partitive = true
            k += 1
        }
        var head: Word?
        var n = 0
        while k < ctx.words.count, n < 5 {
            let w = ctx.words[k]
            if n > 0, ctx.breaksBetween(k - 1, k) > 0 { break }
            if partitive, head == nil, ClaimBuilder.determiners.contains(w.lower) || w.lower.hasSuffix("'s") || w.lower.hasSuffix("’s")
                || w.lower == "s" || isCode(w, ctx) || w.lower.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true {
                k += 1; n += 1; continue
            }
            guard w.lower.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" }),
                  !ClaimBuilder.stopWords.contains(w.lower), !ClaimBuilder.unitWords.contains(w.lower), !w.lower.hasSuffix("ly"),
                  !ClaimBuilder.reportingVerbs.contains(w.lower), !speechVerbs.contains(w.lower), !isMonthOrWeekday(w.lower),
                  !(forecastCues.contains(w.lower) || targetCues.contains(w.lower)) else { break }
            // Without "of", the noun must follow in lower case ("787 Dreamliner" is a name) and a participle ends the
            // phrase ("346 people killed").
            if !partitive, w.isCapitalized { break }
            if !partitive, head != nil, w.lower.hasSuffix("ed") { break }
            head = w
            k += 1; n += 1
            if k < ctx.words.count, ctx.words[k].start > w.end + 1 || ctx.breaksBetween(k - 1, k) > 0 { break }
            if !partitive, n >= 3 { break }
        }
        guard let head else { return nil }
        // Above one, a counted noun is plural ("two important and close partners" counts no "important").
        if !partitive, v > 1, !head.lower.hasSuffix("s"), !ClaimBuilder.invariantPlurals.contains(head.lower) { return nil }
        // Partitives name their noun, but the value's text stays the number itself.
        let end = partitive ? m.end : head.end
        var text = String.UnicodeScalarView()
        text.append(contentsOf: ctx.scalars[m.start..<end])
        return (head.lower, String(text), end, partitive)
    }

    /// Counted nouns that make a count a duration.
    static let timeUnits: Set<String> = ["years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
                                          "minutes", "minute", "seconds", "second", "decades", "decade", "centuries", "century"]

    /// English nouns whose plural has no -s.
    static let invariantPlurals: Set<String> = ["people", "aircraft", "children", "men", "women", "staff", "police", "personnel",
                                                 "cattle", "sheep", "fish", "deer", "freight", "crew", "feet", "teeth", "data",
                                                 "media", "criteria", "spacecraft", "livestock", "offspring", "series", "species"]

    func isMonthOrWeekday(_ w: String) -> Bool {
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning", "evening"].contains(w)
    }

    /// Product and model names that recognizers read as values: "A350-900 jets", "777x jets", "the number one buyer".
    func isProductName(_ m: Mention, _ ctx: SentenceContext) -> Bool {
        if m.start >= 2, ctx.scalars[m.start - 1] == "-", ctx.scalars[m.start - 2].properties.isAlphabetic
            || ("0"..."9").contains(ctx.scalars[m.start - 2]) { return true }
        if m.kind == .multiplier, let v = m.value.min, v >= 100 { return true }
        let at = ctx.wordIndex(atOrAfter: m.start)
        if at > 0, ctx.words[at - 1].lower == "number" || ctx.words[at - 1].lower == "no" { return true }
        // "Red Dead Redemption 2 port": a number right after a capitalised word (no comma) belongs to the name.
        if m.kind == .count, at > 0, ctx.words[at - 1].isCapitalized, ctx.words[at - 1].end + 1 >= ctx.words[at].start,
           !ClaimBuilder.determiners.contains(ctx.words[at - 1].lower), at - 1 > 0 { return true }
        // "in its last 15 games", "their past nine games": a window of events, like a period.
        if at >= 2, ["last", "past", "next", "first"].contains(ctx.words[at - 1].lower),
           ClaimBuilder.determiners.contains(ctx.words[at - 2].lower) { return true }
        // "one" before a noun is mostly the indefinite ("in one holistic solution"), not a quantity to track.
        if m.kind == .count, m.text.lowercased().hasPrefix("one ") { return true }
        return false
    }

    /// The negation that denies a value: "not", "n't", "never", "no", "without" in its clause before it, unless it only
    /// bounds the value ("no more than", "not less than") or adds to it ("not only").
    func negationCue(before m: Mention, _ ctx: SentenceContext) -> String? {
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0, at - k <= 8, ctx.breaksBetween(k, at) == 0 {
            let w = ctx.words[k].lower
            if ClaimBuilder.clauseOpeners.contains(w) { return nil }
            if ClaimBuilder.negations.contains(w) || w.hasSuffix("n't") || w.hasSuffix("n’t") {
                let next = k + 1 < ctx.words.count ? ctx.words[k + 1].lower : ""
                if ClaimBuilder.boundingAfterNegation.contains(next) { return nil }
                return ctx.words[k].original
            }
            k -= 1
        }
        return nil
    }

    /// Source: English negators, written for this rule.
    static let negations: Set<String> = ["not", "never", "no", "neither", "nor", "without", "cannot", "none"]
    /// Words after a negator that make it a bound or an addition rather than a denial.
    static let boundingAfterNegation: Set<String> = ["more", "less", "fewer", "only", "just", "over", "under", "least", "later",
                                                      "earlier", "longer", "much", "exceeding", "above", "below"]
    /// Words that open a new clause, beyond which a negation does not reach.
    static let clauseOpeners: Set<String> = ["but", "while", "whereas", "although", "though", "and", "or", "which", "that", "who",
                                              "when", "because", "since", "after", "before", "as", "if", "so"]

    /// Function words never used as an automatic metric key.
    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "is", "are", "was",
        "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their", "his", "her",
        "over", "under", "about", "around", "nearly", "almost", "approximately", "some", "more", "than", "less", "only",
        "reached", "stand", "stands", "stood", "amount", "amounts", "total", "totals", "totalled", "totaled", "hit",
        "surpassing", "exceeding", "accounting", "account", "accounts", "fell", "rose", "grown", "grew", "dropped",
        "further", "now", "also", "which", "who", "while", "as", "up", "down", "into", "cross", "increasing", "least",
        "not", "did", "does", "do", "will", "would", "can", "could", "may", "might", "should", "just", "very", "last",
    ]

    /// Forecast, target or hedged when the nearest cue before the value (in the last fifteen words) says so, or a forecast
    /// cue right after it ("the 4.8 percent gain that was expected"); a "by <year>" period makes a target. Returns the cue.
    func modality(for m: Mention, period: Mention?, _ ctx: SentenceContext) -> (Modality, String?) {
        if period?.temporal?.bound == .by { return (.target, "by-period '\(period?.text ?? "")'") }
        let at = ctx.wordIndex(atOrAfter: m.start)
        var k = at - 1
        while k >= 0, at - k <= 15 {
            let w = ctx.words[k].lower
            if targetCues.contains(w), isTargetCue(at: k, valueAt: at, ctx) { return (.target, ctx.words[k].original) }
            if hedgeCues.contains(w) { return (.hedged, ctx.words[k].original) }
            if forecastCues.contains(w) { return (.forecast, ctx.words[k].original) }
            k -= 1
        }
        // "the 4.8 percent gain that was expected": a cue after the value, through a relative pronoun and auxiliaries only.
        var j = ctx.wordIndex(atOrAfter: m.end)
        if j < ctx.words.count, ctx.words[j].start >= m.end, ctx.breaksBetween(j - 1, j) == 0 || j == 0 {
            if j < ctx.words.count, ["that", "which"].contains(ctx.words[j].lower) { j += 1 }
            while j < ctx.words.count, ["was", "is", "were", "are", "been", "being", "had", "has"].contains(ctx.words[j].lower) { j += 1 }
            if j < ctx.words.count, j > ctx.wordIndex(atOrAfter: m.end), forecastCues.contains(ctx.words[j].lower) {
                return (.forecast, ctx.words[j].original)
            }
        }
        return (.reported, nil)
    }

    /// A target noun ("goal", "target") sets a target only when it introduces a value ("a goal of", "the target is",
    /// "targets 5%"), not as a plain noun ("scored two goals", "his second goal").
    func isTargetCue(at k: Int, valueAt: Int, _ ctx: SentenceContext) -> Bool {
        let w = ctx.words[k].lower
        guard ClaimBuilder.targetNouns.contains(w) else { return true }
        if k + 1 == valueAt { return true }
        guard k + 1 < ctx.words.count else { return false }
        if k > 0, Int(ctx.words[k - 1].lower) != nil || ["two", "three", "four", "five", "his", "her", "second", "first", "third"].contains(ctx.words[k - 1].lower) {
            return false
        }
        return ["of", "is", "was", "to", "for", "remains", "set", "reach"].contains(ctx.words[k + 1].lower) && valueAt - k <= 8
    }

    /// Target cues that are also plain nouns.
    static let targetNouns: Set<String> = ["goal", "goals", "target", "targets", "ambition"]

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
