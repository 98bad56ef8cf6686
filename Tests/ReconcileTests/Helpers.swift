import ClaimModel
import Foundation
@testable import Reconcile

/// A dated (or undated) article document.
func document(_ id: String, published: String?, site: String? = nil, author: String? = nil,
              attributions: [String] = [], text: String = "") -> Document {
    Document(id: id, path: "\(id).txt", format: .text, published: published.flatMap(CalendarDay.init(iso:)),
             author: author, site: site, attributions: attributions, text: text)
}

/// A money claim in billions of US dollars.
func money(_ id: String, doc: String, billions: Decimal, approximation: Approximation = .exact, hedge: String? = nil,
           metric: String = "bilateral trade", role: String? = nil, period: Period? = nil, quote: String = "") -> Claim {
    let v = billions * 1_000_000_000
    let value = ClaimValue(dimension: .money, unit: "USD",
                           min: approximation == .atMost ? nil : v, max: approximation == .atLeast ? nil : v)
    return Claim(id: id, document: doc, quote: quote, span: [0, 1], subject: "India-Russia", metric: metric, value: value,
                 approximation: approximation, modality: .reported, period: period, speaker: nil,
                 text: "$\(billions) billion", hedge: hedge, role: role)
}

/// A percentage claim over a period.
func percent(_ id: String, doc: String, _ p: Decimal, period: Period?) -> Claim {
    Claim(id: id, document: doc, quote: "", span: [0, 1], subject: "India-Russia", metric: "share of arms imports",
          value: .exact(p, .percent, unit: "%"), approximation: .exact, modality: .reported, period: period,
          speaker: nil, text: "\(p)%")
}

/// A count or multiplier claim with a role.
func number(_ id: String, doc: String, _ n: Decimal, dimension: ClaimModel.Dimension = .count, metric: String, role: String?,
            approximation: Approximation = .exact, hedge: String? = nil, quote: String = "") -> Claim {
    Claim(id: id, document: doc, quote: quote, span: [0, 1], subject: "India-Russia", metric: metric,
          value: .exact(n, dimension, unit: dimension == .multiplier ? "x" : nil), approximation: approximation,
          modality: .reported, period: nil, speaker: nil, text: "\(n)", hedge: hedge, role: role)
}

/// A visit-dates claim: anchored when `start`/`end` are given, else unresolved with the known parts.
func visit(_ id: String, doc: String, start: String?, end: String?, unresolved: String? = nil,
           modality: Modality = .reported) -> Claim {
    let value = ClaimValue(dimension: .date, start: start.flatMap(CalendarDay.init(iso:)), end: end.flatMap(CalendarDay.init(iso:)),
                           unresolved: unresolved)
    return Claim(id: id, document: doc, quote: "", span: [0, 1], subject: "India-Russia", metric: "visit dates", value: value,
                 approximation: .range, modality: modality, period: nil, speaker: nil, text: unresolved ?? "\(start ?? "")/\(end ?? "")")
}

/// A period from ISO days.
func period(_ start: String?, _ end: String?, _ text: String? = nil) -> Period {
    Period(start: start.flatMap(CalendarDay.init(iso:)), end: end.flatMap(CalendarDay.init(iso:)), text: text)
}

/// Reconciles with default options.
func reconcile(_ docs: [Document], _ claims: [Claim]) throws -> (claims: [Claim], facts: [Fact], checks: [Check], sources: [Source]) {
    try ReconcileStage(options: .defaults).reconcile(documents: docs, claims: claims)
}

/// The repository root, from this file's path.
func repositoryRoot(file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
