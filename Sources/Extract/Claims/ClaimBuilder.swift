public import ClaimModel

/// Turns a document's text into claims: each recognized value with what it measures, its period, modality and speaker.
public struct ClaimBuilder: Sendable {
    public let options: ExtractOptions
    let recognizer: Recognizer
    let lexicon: PhraseLexicon
    let entities: PhraseLexicon
    let pairPhrases: PhraseLexicon
    let eventNouns: Set<String>
    let speechVerbs: Set<String>
    let forecastCues: Set<String>
    let targetCues: Set<String>
    let hedgeCues: Set<String>

    public init(options: ExtractOptions = .defaults, recognizer: Recognizer = Recognizer()) {
        self.options = options
        self.recognizer = recognizer
        lexicon = PhraseLexicon(options.metrics.flatMap { key, phrases in phrases.map { ($0, key) } })
        var entityTable = Gazetteer.countries
        for (alias, name) in options.entityAliases { entityTable[alias.lowercased()] = name }
        entities = PhraseLexicon(entityTable.map { ($0.key, $0.value) })
        pairPhrases = PhraseLexicon(options.pairPhrases.map { ($0, "pair") })
        eventNouns = Set(options.eventNouns)
        speechVerbs = Set(options.speechVerbs)
        forecastCues = Set(options.forecastCues)
        targetCues = Set(options.targetCues)
        hedgeCues = Set(options.hedgeCues)
    }

    /// The claims of one document, in text order.
    public func claims(for document: Document) -> [Claim] { build(document, tracing: false).claims }

    /// Claims and, when `tracing`, the rules that fired for each (by claim id).
    func build(_ document: Document, tracing: Bool) -> (claims: [Claim], traces: [String: [String]]) {
        let sentences = SentenceSplitter.split(document.text)
        let main = mainEntities(of: document, sentences: sentences)
        var claims: [Claim] = []
        var traces: [String: [String]] = [:]
        var lastSpeaker: String?
        var lastMetricByDimension: [Dimension: (metric: String, paragraph: Int)] = [:]
        for sentence in sentences where sentence.end - sentence.start <= options.maxSentenceLength {
            let scalars = Array(sentence.text.unicodeScalars)
            let (words, breaks) = WordTokenizer.words(scalars)
            let named = speaker(in: words, scalars)
            if let name = named.name { lastSpeaker = name }
            let sentenceSpeaker: SpeakerChoice
            if let name = named.name {
                sentenceSpeaker = SpeakerChoice(name: name, rule: "attributed in the sentence: \(name)")
            } else if named.pronoun, let lastSpeaker {
                sentenceSpeaker = SpeakerChoice(name: lastSpeaker, rule: "pronoun before a verb of saying: last named speaker \(lastSpeaker)")
            } else if let author = document.author {
                sentenceSpeaker = SpeakerChoice(name: author, rule: "no attribution: the document's author")
            } else {
                sentenceSpeaker = SpeakerChoice(name: document.site, rule: document.site.map { "no attribution: the document's site \($0)" } ?? "no attribution, no author or site")
            }
            let mentions = recognizer.recognize(sentence.text)
            let context = SentenceContext(sentence: sentence, scalars: scalars, words: words, clauseBreaks: breaks, mentions: mentions)
            var lexiconIDs = Set<String>()
            var built = buildSentenceClaims(context, document: document, main: main, speaker: sentenceSpeaker,
                                            previousMetric: lastMetricByDimension, lexiconIDs: &lexiconIDs,
                                            tracing: tracing, traces: &traces)
            assignRoles(&built, context)
            ComponentRoles.assign(&built, sentenceText: sentence.text, sentenceStart: sentence.start)
            // Only lexicon metrics carry on: an automatic key names one value, not the paragraph's topic.
            for claim in built where lexiconIDs.contains(claim.id) {
                lastMetricByDimension[claim.value.dimension] = (claim.metric, sentence.paragraph)
            }
            claims.append(contentsOf: built)
        }
        linkItemisedCounts(&claims)
        return (claims, traces)
    }

    // MARK: entities

    /// The two countries a document is mostly about (by mentions in title and text).
    func mainEntities(of document: Document, sentences: [SentenceSpan]) -> [String] {
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        let texts = [document.title ?? ""] + sentences.map(\.text)
        for text in texts {
            let (words, _) = WordTokenizer.words(Array(text.unicodeScalars))
            for match in entities.matches(in: words) where acceptEntity(match, words) {
                counts[match.value, default: 0] += 1
                if firstSeen[match.value] == nil { firstSeen[match.value] = order; order += 1 }
            }
        }
        return counts.sorted { ($0.value, -(firstSeen[$0.key] ?? 0)) > ($1.value, -(firstSeen[$1.key] ?? 0)) }
            .prefix(2).map(\.key).sorted()
    }

    /// Short aliases ("US", "UK") only count when written in capitals, so the pronoun "us" is not a country.
    func acceptEntity(_ match: PhraseMatch, _ words: [Word]) -> Bool {
        let text = words[match.first...match.last].map(\.original).joined(separator: " ")
        if text.count <= 4, text.unicodeScalars.filter(\.properties.isAlphabetic).count <= 3 {
            return text == text.uppercased()
        }
        return true
    }

    /// The subject of a value: the entities named near it, or the document's main pair when the sentence speaks of them.
    func subject(for mention: Mention, _ ctx: SentenceContext, main: [String]) -> (String?, SubjectRule) {
        let center = ctx.wordIndex(atOrAfter: mention.start)
        var found: [(name: String, distance: Int)] = []
        for match in entities.matches(in: ctx.words) where acceptEntity(match, ctx.words) {
            let distance = match.first > center ? match.first - center : center - match.last
            found.append((match.value, distance))
        }
        let pair = pairPhrases.matches(in: ctx.words).first
        let names = Set(found.map(\.name))
        if names.isSubset(of: Set(main)) || (pair != nil && names.count <= 1) {
            if main.isEmpty { return (nil, .none) }
            return (main.joined(separator: "-"), .mainPair(coreference: pair?.phrase))
        }
        var nearest: [String] = []
        for f in found.sorted(by: { ($0.distance, $0.name) < ($1.distance, $1.name) }) where !nearest.contains(f.name) {
            nearest.append(f.name)
            if nearest.count == 2 { break }
        }
        return (nearest.sorted().joined(separator: "-"), .named(nearest))
    }

    // MARK: speakers

    /// The named speaker of a sentence ("Peskov said", "said Peskov", "according to the Kremlin"), or a pronoun flag.
    func speaker(in words: [Word], _ scalars: [Unicode.Scalar]) -> (name: String?, pronoun: Bool) {
        for (i, w) in words.enumerated() {
            if w.lower == "according", i + 1 < words.count, words[i + 1].lower == "to" {
                let name = capitalizedRun(words, scalars, from: i + 2)
                if let name { return (name, false) }
            }
            guard speechVerbs.contains(w.lower) else { continue }
            // Auxiliaries sit between a speaker and the verb: "Peskov has said".
            var subjectEnd = i
            while subjectEnd > 0, ["has", "have", "had", "also", "further", "then", "later"].contains(words[subjectEnd - 1].lower) {
                subjectEnd -= 1
            }
            if subjectEnd > 0, ["he", "she", "they"].contains(words[subjectEnd - 1].lower) { return (nil, true) }
            if let name = capitalizedRun(words, scalars, endingBefore: subjectEnd) { return (name, false) }
            // Inverted order is only usual with "said"/"says": "…, said Peskov".
            if ["said", "says", "added", "noted"].contains(w.lower), i + 1 < words.count,
               let name = capitalizedRun(words, scalars, from: i + 1) { return (name, false) }
        }
        return (nil, false)
    }

    /// Whether only spaces separate two consecutive words (no comma or other clause break).
    private func adjacent(_ a: Word, _ b: Word, _ scalars: [Unicode.Scalar]) -> Bool {
        guard a.end <= b.start else { return false }
        return scalars[a.end..<b.start].allSatisfy { $0 == " " }
    }

    private func capitalizedRun(_ words: [Word], _ scalars: [Unicode.Scalar], endingBefore end: Int) -> String? {
        var k = end
        while k > 0, words[k - 1].isCapitalized, end - k < 4, k == end || adjacent(words[k - 1], words[k], scalars) { k -= 1 }
        guard k < end else { return nil }
        let run = words[k..<end].map(\.original)
        if run.last?.hasSuffix("'s") == true || run.last?.hasSuffix("’s") == true { return nil }
        // The last two capitalised words are the name ("Kremlin spokesperson Dmitry Peskov" → "Dmitry Peskov").
        return run.suffix(2).joined(separator: " ")
    }

    private func capitalizedRun(_ words: [Word], _ scalars: [Unicode.Scalar], from start: Int) -> String? {
        var k = start
        if k < words.count, words[k].lower == "the" { k += 1 }
        var run: [Word] = []
        while k < words.count, words[k].isCapitalized, run.count < 4, run.isEmpty || adjacent(run[run.count - 1], words[k], scalars) {
            run.append(words[k]); k += 1
        }
        if run.last?.lower.hasSuffix("'s") == true || run.last?.lower.hasSuffix("’s") == true { return nil }
        return run.isEmpty ? nil : run.map(\.original).joined(separator: " ")
    }
}

/// One sentence prepared for claim building.
struct SentenceContext {
    let sentence: SentenceSpan
    let scalars: [Unicode.Scalar]
    let words: [Word]
    let clauseBreaks: [Int]
    let mentions: [Mention]

    /// Index of the first word that starts at or after a code-point offset (sentence-relative).
    func wordIndex(atOrAfter offset: Int) -> Int {
        words.firstIndex { $0.end > offset } ?? max(0, words.count - 1)
    }

    /// Number of clause breaks between two word indices.
    func breaksBetween(_ a: Int, _ b: Int) -> Int {
        let (lo, hi) = a < b ? (a, b) : (b, a)
        return clauseBreaks.filter { $0 > lo && $0 <= hi }.count
    }

    /// The lower-cased text between two sentence offsets, trimmed.
    func textBetween(_ a: Int, _ b: Int) -> String {
        guard a < b, b <= scalars.count else { return "" }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[a..<b])
        return String(v).lowercased().trimmingSpaces()
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    func trimmingSpaces() -> String {
        let s = unicodeScalars
        guard let first = s.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = s.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(s[first...last])
    }
}
