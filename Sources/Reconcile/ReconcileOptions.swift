public import Pipeline

/// Options of the `reconcile` stage; decoding `{}` gives `defaults`.
public struct ReconcileOptions: StageOptions {
    /// Relative tolerance within which two exact values count as the same ("agreed"); 0.02 = 2%.
    public var tolerance: Double
    /// Relative widening of approximate or bounded values ("nearly", "about", "surpassing"); 0.05 = 5%.
    public var approximateTolerance: Double
    /// Prior reliability per source name; sources not listed start at `defaultPrior`.
    public var sourcePriors: [String: Double]
    /// Prior reliability of a source not named in `sourcePriors`.
    public var defaultPrior: Double
    /// Rounds of truth discovery (fact values from reliabilities, reliabilities from agreement).
    public var iterations: Int
    /// Share of one document's word 5-grams found in another's above which the later one is taken as a copy.
    public var copyOverlap: Double
    /// The reviewer decisions file `claimtrack review` writes and each run applies, relative to the folder of
    /// `pipeline.json`; nil applies none. A missing file means no decisions yet.
    public var reviews: String?

    /// The values used for every key `pipeline.json` leaves out.
    public static let defaults = ReconcileOptions(
        tolerance: 0.02, approximateTolerance: 0.05, sourcePriors: [:], defaultPrior: 0.8, iterations: 10, copyOverlap: 0.5,
        reviews: "reviews.json")

    /// Creates options with every value given.
    public init(tolerance: Double, approximateTolerance: Double, sourcePriors: [String: Double], defaultPrior: Double,
                iterations: Int, copyOverlap: Double, reviews: String? = "reviews.json") {
        self.tolerance = tolerance; self.approximateTolerance = approximateTolerance; self.sourcePriors = sourcePriors
        self.defaultPrior = defaultPrior; self.iterations = iterations; self.copyOverlap = copyOverlap
        self.reviews = reviews
    }

    enum CodingKeys: String, CodingKey {
        case tolerance, approximateTolerance, sourcePriors, defaultPrior, iterations, copyOverlap, reviews
    }

    /// Decodes, taking each missing key from `defaults`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ReconcileOptions.defaults
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? d.tolerance
        approximateTolerance = try c.decodeIfPresent(Double.self, forKey: .approximateTolerance) ?? d.approximateTolerance
        sourcePriors = try c.decodeIfPresent([String: Double].self, forKey: .sourcePriors) ?? d.sourcePriors
        defaultPrior = try c.decodeIfPresent(Double.self, forKey: .defaultPrior) ?? d.defaultPrior
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations) ?? d.iterations
        copyOverlap = try c.decodeIfPresent(Double.self, forKey: .copyOverlap) ?? d.copyOverlap
        // An explicit null turns reviews off; a missing key takes the default file.
        reviews = c.contains(.reviews) ? try c.decodeIfPresent(String.self, forKey: .reviews) : d.reviews
    }

    /// Problems with values that decode but make no sense, with their JSON paths under `path`.
    func issues(at path: String) -> [ConfigIssue] {
        var out: [ConfigIssue] = []
        func fraction(_ v: Double, _ key: String, upTo limit: Double = 1) {
            if !(v >= 0 && v <= limit) { out.append(ConfigIssue(path: "\(path).\(key)", found: "\(v)", expected: "a number from 0 to \(limit)")) }
        }
        fraction(tolerance, "tolerance")
        fraction(approximateTolerance, "approximateTolerance")
        fraction(defaultPrior, "defaultPrior")
        fraction(copyOverlap, "copyOverlap")
        for (name, prior) in sourcePriors.sorted(by: { $0.key < $1.key }) { fraction(prior, "sourcePriors['\(name)']") }
        if let reviews, reviews.isEmpty {
            out.append(ConfigIssue(path: "\(path).reviews", found: "\"\"", expected: "a file path or null"))
        }
        if iterations < 1 || iterations > 1000 {
            out.append(ConfigIssue(path: "\(path).iterations", found: "\(iterations)", expected: "a whole number from 1 to 1000"))
        }
        return out
    }
}
