public import ClaimModel
import Foundation
public import Pipeline

/// Options of the normalize stage.
public struct NormalizeOptions: StageOptions {
    /// Read a date whose tense the text does not show as past (news is past-biased): "on Tuesday" is the one on or before the publication date.
    public var pastTenseByDefault: Bool

    /// The shipped defaults.
    public static let defaults = NormalizeOptions(pastTenseByDefault: true)

    public init(pastTenseByDefault: Bool) { self.pastTenseByDefault = pastTenseByDefault }

    public enum CodingKeys: String, CodingKey, CaseIterable { case pastTenseByDefault }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pastTenseByDefault = try c.decodeIfPresent(Bool.self, forKey: .pastTenseByDefault) ?? Self.defaults.pastTenseByDefault
    }
}

/// The normalize stage: anchors dates and periods to each document's publication date and turns feed rows into claims.
public struct NormalizeStage: Stage {
    public static let type = "normalize"
    let options: NormalizeOptions

    public init(options: NormalizeOptions) throws(ConfigError) { self.options = options }

    public func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        var batch = input
        let published = Dictionary(input.documents.map { ($0.id, $0.published) }, uniquingKeysWith: { a, _ in a })
        batch.claims = input.claims.map { normalize($0, reference: published[$0.document] ?? nil) }
        // Documents restored from the run history already carry their feed claims (`context.skippedDocuments`).
        for document in input.documents where document.format == .feed && document.status == .ok
            && !context.skippedDocuments.contains(document.id) {
            batch.claims.append(contentsOf: FeedClaims.claims(from: document))
        }
        return batch
    }

    /// One claim with its date value and period anchored (or left visibly unresolved).
    public func normalize(_ claim: Claim, reference: CalendarDay?) -> Claim {
        var claim = claim
        if claim.value.dimension == .date, let expression = claim.temporal {
            var resolved = DateAnchor.resolve(withTense(expression), reference: reference)
            resolved.inferredFrom = claim.value.inferredFrom
            claim.value = resolved
        }
        if var period = claim.period, let expression = period.expression {
            let resolved = DateAnchor.resolve(withTense(expression), reference: reference)
            period.start = resolved.start
            period.end = resolved.end
            period.unresolved = resolved.unresolved
            claim.period = period
        }
        return claim
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
