public import Pipeline

/// Options of the extract stage: the metric lexicon, entity aliases, and the cue words for modality and speakers.
public struct ExtractOptions: StageOptions {
    /// Metric key → phrases that name it (lower-case, matched as whole words). The nearest phrase to a value names its metric.
    public var metrics: [String: [String]]
    /// Alias → canonical entity name, added to the built-in country gazetteer ("the kremlin" → "Russia").
    public var entityAliases: [String: String]
    /// Phrases that stand for the document's two main entities ("the two countries", "both nations", "bilateral").
    public var pairPhrases: [String]
    /// Words that make a value a forecast ("expected", "will").
    public var forecastCues: [String]
    /// Words that make a value a target ("aim", "goal", "target").
    public var targetCues: [String]
    /// Words that make a value hedged ("likely", "reportedly").
    public var hedgeCues: [String]
    /// Verbs of saying that attribute a sentence to a speaker ("said", "confirmed").
    public var speechVerbs: [String]
    /// Event nouns whose dates are claims ("visit", "summit"); the metric becomes "<noun> dates".
    public var eventNouns: [String]
    /// Sentences longer than this many code points are skipped (guards against runaway lines).
    public var maxSentenceLength: Int

    /// The shipped defaults: generic metrics and phrases, never the entities of any particular story.
    public static let defaults = ExtractOptions(
        metrics: [
            "bilateral trade": ["bilateral trade", "trade turnover", "mutual trade", "two-way trade", "trade volume",
                                "trade between the two", "trade between", "total trade", "trade"],
            "exports": ["exports", "export", "exports to"],
            "imports": ["imports from", "imports"],
            "investment": ["investment", "investments", "invested", "fdi", "foreign direct investment"],
            "share of arms imports": ["arms imports", "arms purchases", "defence imports", "defense imports",
                                      "arms supplier", "weapons imports", "military imports"],
            "market share": ["of the market", "market share", "share of the market"],
            "military supplies": ["military supplies", "supplies", "arms supplies", "defence supplies"],
            "agreements": ["agreements", "agreement", "deals", "memoranda", "mous", "pacts", "documents"],
            "leader conversations": ["telephone conversations", "phone calls", "calls", "spoken to each other", "spoken",
                                     "conversations", "phone conversations"],
            "tariffs": ["tariffs", "tariff", "duty", "duties", "levies"],
            "oil imports": ["oil imports", "crude imports", "barrels"],
            "growth": ["growth", "grew", "growth rate"],
        ],
        entityAliases: [:],
        pairPhrases: ["the two countries", "both countries", "the two nations", "both nations", "both sides",
                      "the two sides", "bilateral", "mutual", "each other"],
        forecastCues: ["expected", "will", "would", "could", "may", "might", "projected", "forecast", "set to",
                       "scheduled", "upcoming", "forthcoming", "planned", "plans", "expect", "expects", "expecting",
                       "anticipated", "anticipates", "estimated", "estimates", "predicted", "predicts", "sees", "guidance",
                       "outlook", "projects"],
        targetCues: ["aim", "aims", "aiming", "aimed", "target", "targets", "goal", "goals", "ambition", "seek", "seeks"],
        hedgeCues: ["likely", "reportedly", "possibly", "potential", "perhaps", "probably", "unconfirmed", "rumoured", "rumored"],
        speechVerbs: ["said", "says", "confirmed", "emphasised", "emphasized", "noted", "highlighted", "stressed",
                      "mentioned", "added", "told", "stated", "announced", "claimed", "asserted", "remarked",
                      "expressed", "reiterated", "dismissed", "welcomed", "described", "insisted"],
        eventNouns: ["visit", "summit", "meeting", "talks", "trip", "conference", "forum", "election", "tour", "session",
                     "outbreak", "clashes", "attack", "launch", "signing", "presidency", "ceremony", "inauguration", "strike"],
        maxSentenceLength: 5000
    )

    public init(metrics: [String: [String]], entityAliases: [String: String], pairPhrases: [String], forecastCues: [String],
                targetCues: [String], hedgeCues: [String], speechVerbs: [String], eventNouns: [String], maxSentenceLength: Int) {
        self.metrics = metrics; self.entityAliases = entityAliases; self.pairPhrases = pairPhrases
        self.forecastCues = forecastCues; self.targetCues = targetCues; self.hedgeCues = hedgeCues
        self.speechVerbs = speechVerbs; self.eventNouns = eventNouns; self.maxSentenceLength = maxSentenceLength
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case metrics, entityAliases, pairPhrases, forecastCues, targetCues, hedgeCues, speechVerbs, eventNouns, maxSentenceLength
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ExtractOptions.defaults
        metrics = try c.decodeIfPresent([String: [String]].self, forKey: .metrics) ?? d.metrics
        entityAliases = try c.decodeIfPresent([String: String].self, forKey: .entityAliases) ?? d.entityAliases
        pairPhrases = try c.decodeIfPresent([String].self, forKey: .pairPhrases) ?? d.pairPhrases
        forecastCues = try c.decodeIfPresent([String].self, forKey: .forecastCues) ?? d.forecastCues
        targetCues = try c.decodeIfPresent([String].self, forKey: .targetCues) ?? d.targetCues
        hedgeCues = try c.decodeIfPresent([String].self, forKey: .hedgeCues) ?? d.hedgeCues
        speechVerbs = try c.decodeIfPresent([String].self, forKey: .speechVerbs) ?? d.speechVerbs
        eventNouns = try c.decodeIfPresent([String].self, forKey: .eventNouns) ?? d.eventNouns
        maxSentenceLength = try c.decodeIfPresent(Int.self, forKey: .maxSentenceLength) ?? d.maxSentenceLength
    }
}
