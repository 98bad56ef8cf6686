public import ClaimModel
public import Foundation
public import Pipeline

/// Options of the normalize stage.
public struct NormalizeOptions: StageOptions {
    /// Read a date whose tense the text does not show as past (news is past-biased): "on Tuesday" is the one on or before the publication date.
    public var pastTenseByDefault: Bool
    /// First month (1-12) of a fiscal year whose end the text does not name: 4 (April to March, India's convention);
    /// 1 makes "FY25" calendar 2025, 10 the US federal year.
    public var fiscalYearStartMonth: Int
    /// Exchange rates added to or overriding the bundled ECB table: currency → month (`YYYY-MM`) → units per 1 EUR.
    public var exchangeRates: [String: [String: Decimal]] = [:]
    /// A CSV of further rates in the bundled table's format (`month,currency,per_eur_mean[,per_eur_min,per_eur_max]`),
    /// relative to the project folder; nil for none.
    public var exchangeRatesFile: String?

    /// The shipped defaults.
    public static let defaults = NormalizeOptions(pastTenseByDefault: true, fiscalYearStartMonth: 4)

    /// Creates options; the fiscal year starts in April unless given.
    public init(pastTenseByDefault: Bool, fiscalYearStartMonth: Int = 4) {
        self.pastTenseByDefault = pastTenseByDefault
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case pastTenseByDefault, fiscalYearStartMonth, exchangeRates, exchangeRatesFile }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pastTenseByDefault = try c.decodeIfPresent(Bool.self, forKey: .pastTenseByDefault) ?? Self.defaults.pastTenseByDefault
        fiscalYearStartMonth = try c.decodeIfPresent(Int.self, forKey: .fiscalYearStartMonth) ?? Self.defaults.fiscalYearStartMonth
        exchangeRates = try c.decodeIfPresent([String: [String: Decimal]].self, forKey: .exchangeRates) ?? Self.defaults.exchangeRates
        exchangeRatesFile = try c.decodeIfPresent(String.self, forKey: .exchangeRatesFile) ?? Self.defaults.exchangeRatesFile
    }
}

/// The normalize stage: anchors dates and periods to each document's publication date and turns feed rows into claims.
public struct NormalizeStage: Stage {
    public static let type = "normalize"
    let options: NormalizeOptions
    /// Converts quantities to base units and money to the comparison currency (bundled rates plus `exchangeRates`).
    var canonicalizer: Canonicalizer

    public init(options: NormalizeOptions) throws(ConfigError) {
        guard (1...12).contains(options.fiscalYearStartMonth) else {
            throw ConfigError(path: "fiscalYearStartMonth", found: "\(options.fiscalYearStartMonth)",
                              expected: "a month number from 1 (January) to 12 (December)")
        }
        self.options = options
        canonicalizer = Canonicalizer(rates: ExchangeRates.bundled.merging(try Self.inlineRates(options.exchangeRates)))
    }

    /// The `exchangeRates` option as a rate table, each key checked.
    static func inlineRates(_ raw: [String: [String: Decimal]]) throws(ConfigError) -> ExchangeRates {
        var table: [String: [String: MonthlyRate]] = [:]
        for (currency, months) in raw.sorted(by: { $0.key < $1.key }) {
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw ConfigError(path: "exchangeRates.\(currency)", found: "'\(currency)'", expected: "an ISO 4217 code such as 'RUB'")
            }
            for (month, rate) in months.sorted(by: { $0.key < $1.key }) {
                guard ExchangeRates.isMonth(month) else {
                    throw ConfigError(path: "exchangeRates.\(currency).\(month)", found: "'\(month)'", expected: "a month written YYYY-MM")
                }
                guard rate > 0 else {
                    throw ConfigError(path: "exchangeRates.\(currency).\(month)", found: "\(rate)", expected: "units of the currency per 1 EUR, above 0")
                }
                table[currency, default: [:]][month] = MonthlyRate(mean: rate, low: rate, high: rate, source: "pipeline.json")
            }
        }
        return ExchangeRates(table: table)
    }

    public func run(_ input: consuming Batch, in context: StageContext) async throws -> Batch {
        // Owned and changed in place: each claim's storage is unique, so normalizing it does not copy it.
        var batch = consume input
        // Rates from `exchangeRatesFile` (relative to the project folder) come between the bundled table and the inline ones.
        var stage = self
        if let file = options.exchangeRatesFile {
            let url = URL(fileURLWithPath: file, relativeTo: context.projectDirectory)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RateError("cannot read exchangeRatesFile '\(file)': expected a CSV of month,currency,per_eur_mean")
            }
            let fileRates = try ExchangeRates.parse(csv: text, source: file)
            stage.canonicalizer = Canonicalizer(rates: ExchangeRates.bundled.merging(fileRates)
                .merging(try Self.inlineRates(options.exchangeRates)))
        }
        let published = Dictionary(batch.documents.map { ($0.id, $0.published) }, uniquingKeysWith: { a, _ in a })
        for i in batch.claims.indices {
            let reference = published[batch.claims[i].document] ?? nil
            stage.normalize(&batch.claims[i], reference: reference)
        }
        // Documents restored from the run history already carry their feed claims (`context.skippedDocuments`).
        for document in batch.documents where document.format == .feed && document.status == .ok
            && !context.skippedDocuments.contains(document.id) {
            batch.claims.append(contentsOf: FeedClaims.claims(from: document).map { claim in
                var claim = claim
                claim.value.canonical = stage.canonicalizer.canonical(claim, published: document.published)
                return claim
            })
        }
        return batch
    }

    /// One claim with its date value and period anchored (or left visibly unresolved).
    public func normalize(_ claim: Claim, reference: CalendarDay?) -> Claim {
        var claim = claim
        normalize(&claim, reference: reference)
        return claim
    }

    /// Anchors and converts a claim in place (a claim nothing else shares is changed without a copy).
    public func normalize(_ claim: inout Claim, reference: CalendarDay?) {
        if claim.value.dimension == .date, let expression = claim.temporal {
            var resolved = DateAnchor.resolve(withTense(expression), reference: reference,
                                              fiscalYearStartMonth: options.fiscalYearStartMonth)
            resolved.inferredFrom = claim.value.inferredFrom
            claim.value = resolved
        }
        if var period = claim.period, let expression = period.expression {
            let resolved = DateAnchor.resolve(withTense(expression), reference: reference,
                                              fiscalYearStartMonth: options.fiscalYearStartMonth)
            period.start = resolved.start
            period.end = resolved.end
            period.unresolved = resolved.unresolved
            claim.period = period
        }
        // Units: the value in its base unit, money in the comparison currency at the rate of the claim's period.
        claim.value.canonical = canonicalizer.canonical(claim, published: reference)
    }

    private func withTense(_ e: TemporalExpression) -> TemporalExpression {
        guard e.tense == nil, options.pastTenseByDefault else { return e }
        var e = e
        e.tense = .past
        return e
    }
}

/// Claims from the rows of a structured feed: `object` is the subject, `attribute` the metric.
enum FeedClaims {
    static func claims(from document: Document) -> [Claim] {
        document.feedRows.map { row in
            let value = parse(row.value)
            let period = row.date.flatMap(CalendarDay.init(iso:)).map { Period(start: $0, end: $0, text: row.date) }
            return Claim(
                id: Claim.id(document: document.id, start: row.line, end: row.line), document: document.id,
                quote: "\(row.object)\t\(row.attribute)\t\(row.value)\t\(row.source)", span: [0, 0],
                subject: row.object, metric: row.attribute.lowercased(), value: value, approximation: .exact,
                modality: .reported, period: period, speaker: row.source, text: row.value)
        }
    }

    /// A number with its formatting removed, as money when a currency sign leads and as percent when `%` trails; text otherwise.
    static func parse(_ raw: String) -> ClaimValue {
        var s = raw.trimmingCharacters(in: .whitespaces)
        var dimension = Dimension.number
        var unit: String?
        if s.hasSuffix("%") { s.removeLast(); dimension = .percent; unit = "%" }
        for (sign, code) in [("US$", "USD"), ("$", "USD"), ("₹", "INR"), ("€", "EUR"), ("£", "GBP")] where s.hasPrefix(sign) {
            s.removeFirst(sign.count); dimension = .money; unit = code; break
        }
        s = s.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        if !s.isEmpty, s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), let d = Decimal(string: s) {
            return ClaimValue(dimension: dimension, unit: unit, min: d, max: d)
        }
        return ClaimValue(dimension: Dimension("text"), unit: nil)
    }
}
