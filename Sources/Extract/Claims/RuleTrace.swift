public import ClaimModel

/// How a claim's metric was chosen: a small tag kept on the normal path, turned into words only for `--explain`.
enum MetricRule {
    /// The counted noun matched a lexicon phrase ("telephone conversations").
    case countedLexicon(String)
    /// The nearest lexicon phrase before (or closely after) the value, with its distance score.
    case lexicon(phrase: String, after: Bool, score: Int)
    /// No phrase in the sentence: the previous sentence of the paragraph named it ("This figure fell to 55%").
    case carried
    /// Outside the lexicon: the noun a count counts.
    case counted(String)
    /// Outside the lexicon: the head of the noun phrase after the value.
    case headAfter(String, String)
    /// Outside the lexicon: the subject of the verb reporting the value.
    case verbSubject(String, String)
    /// Outside the lexicon: the nearest content word before the value.
    case nearestWord(String)
    case unlabelled

    /// Whether the key came from the lexicon (directly or carried), so it may carry on to the next sentence.
    var isLexicon: Bool {
        switch self {
        case .countedLexicon, .lexicon, .carried: return true
        default: return false
        }
    }

    var explanation: String {
        switch self {
        case .countedLexicon(let phrase): return "lexicon entry '\(phrase)' names the counted noun"
        case .lexicon(let phrase, let after, let score):
            return "lexicon entry '\(phrase)' nearest \(after ? "after" : "before") the value (score \(score))"
        case .carried: return "no lexicon phrase in the sentence; carried over from the previous sentence of the paragraph"
        case .counted(let noun): return "automatic key: head noun '\(noun)' of the count"
        case .headAfter(let word, let via): return "automatic key: head noun '\(word)' (\(via))"
        case .verbSubject(let word, let verb): return "automatic key: head noun '\(word)', subject of '\(verb)'"
        case .nearestWord(let word): return "automatic key: nearest content word '\(word)' before the value"
        case .unlabelled: return "automatic key: no content word found"
        }
    }
}

/// How a claim's subject was chosen.
enum SubjectRule {
    case directed
    case mainPair(coreference: String?)
    case named([String])
    case none

    var explanation: String {
        switch self {
        case .directed: return "flow phrase between two named parties ('A's investment in B')"
        case .mainPair(let phrase?): return "coreference: '\(phrase)' stands for the document's main pair"
        case .mainPair(nil): return "entities named in the sentence are the document's main pair"
        case .named(let names): return "nearest named entities: \(names.joined(separator: ", "))"
        case .none: return "no entity named"
        }
    }
}

/// The speaker of a sentence and the rule that gave it.
struct SpeakerChoice {
    var name: String?
    var rule: String
}

extension ClaimBuilder {
    /// The claims of one document, each with the rules that fired for it (which recognizer found the value, which lexicon
    /// entry or head-noun rule gave the metric, which cue the period and modality, negation, speaker and subject), for
    /// `claimtrack claims --explain`. Tracing costs only here: `claims(for:)` keeps small tags and builds no text.
    public func explainedClaims(for document: Document) -> [(claim: Claim, rules: [String])] {
        let (claims, traces) = build(document, tracing: true)
        return claims.map { claim in
            var rules = traces[claim.id] ?? []
            if let role = claim.role { rules.append("role: \(ClaimBuilder.roleExplanation(role))") }
            return (claim, rules)
        }
    }

    static func roleExplanation(_ role: String) -> String {
        if role.hasPrefix("change.") { return "\(role) ('from X to Y' in one sentence; the multiplier beside it is the ratio)" }
        if role.hasPrefix("part-of:") { return "\(role) (exports and imports named in one sentence are parts of trade)" }
        if role.hasPrefix("component-of:") { return "\(role) (an inclusion cue such as 'including' or 'of the' ties it to a larger value)" }
        if role == "total" || role.hasPrefix("item-of:") { return "\(role) (a count followed by counts of the same metric for single years)" }
        if role == "series" { return "series (a day listed beside a count dates one of the counted events)" }
        return role
    }
}
