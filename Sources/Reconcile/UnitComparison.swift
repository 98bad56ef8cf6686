import ClaimModel
import Foundation

/// Comparison of claims stated in different units or currencies, through the canonical values Normalize attached.
///
/// Claims in the same unit keep the plain comparison (a claim keeps its own currency); only when the units differ are
/// the canonical numbers compared, with the tolerance widened by each side's exchange-rate spread.
enum UnitComparison {
    /// The unit a claim is grouped by: the canonical unit when it could be converted, else its own.
    static func groupingUnit(_ c: Claim) -> String? {
        if let k = c.value.canonical, k.isConverted { return k.unit }
        return c.value.unit
    }

    /// Whether the two claims need the canonical comparison (different units, both converted to the same base).
    static func needsConversion(_ a: Claim, _ b: Claim) -> Bool {
        guard a.value.unit != b.value.unit, let x = a.value.canonical, let y = b.value.canonical,
              x.isConverted, y.isConverted, x.unit == y.unit else { return false }
        return true
    }

    /// The canonical interval of a claim, widened by the tolerance plus its rate spread.
    static func span(_ c: Claim, relative: Decimal) -> Span {
        let k = c.value.canonical
        let rel = relative + (k?.spread ?? 0)
        func widen(_ x: Decimal?, down: Bool) -> Decimal? {
            guard let x else { return nil }
            return down ? x - abs(x) * rel : x + abs(x) * rel
        }
        return Span(lo: widen(k?.min, down: true), hi: widen(k?.max, down: false))
    }

    /// Compatibility across units (nil when the plain comparison applies).
    static func compatible(_ a: Claim, _ b: Claim, options: ReconcileOptions) -> Bool? {
        guard needsConversion(a, b) else { return nil }
        func rel(_ c: Claim) -> Decimal {
            Decimal(c.approximation == .exact && c.hedge == nil ? options.tolerance : options.approximateTolerance)
        }
        return span(a, relative: rel(a)).overlaps(span(b, relative: rel(b)))
    }

    /// Agreement across units: exact values within the tolerance widened by both rate spreads (nil: plain comparison).
    static func agree(_ a: Claim, _ b: Claim, options: ReconcileOptions) -> Bool? {
        guard needsConversion(a, b) else { return nil }
        guard a.approximation == .exact, b.approximation == .exact, a.hedge == nil, b.hedge == nil,
              let x = a.value.canonical?.min, let y = b.value.canonical?.min else { return false }
        let rel = Decimal(options.tolerance) + (a.value.canonical?.spread ?? 0) + (b.value.canonical?.spread ?? 0)
        return abs(x - y) <= rel * max(abs(x), abs(y))
    }

    /// Sentences for a fact's explanation: mixed currencies or units, the rates used, and claims left uncompared.
    static func notes(for claims: [Claim]) -> [String] {
        var out: [String] = []
        let units = Set(claims.compactMap(\.value.unit))
        let currencies = Set(claims.compactMap { CurrencyCode.of(unit: $0.value.unit) })
        if units.count > 1, let base = claims.compactMap({ $0.value.canonical }).first(where: \.isConverted)?.unit {
            let kind = currencies.count > 1 ? "currencies" : "units"
            var s = "this fact mixes \(kind) (\(units.sorted().joined(separator: ", "))); they were compared in \(base)"
            var rates: [String] = []
            for c in claims.sorted(by: { $0.id < $1.id }) {
                // The exchange rate used, currency to currency (a price's quantity is converted by the unit table).
                guard let k = c.value.canonical, let rate = k.rate, let from = CurrencyCode.of(unit: c.value.unit), let to = CurrencyCode.of(unit: k.unit),
                      from != to, let month = k.rateDate else { continue }
                let line = "1 \(from) = \(Compare.text(rate, places: 6)) \(to) (\(k.source ?? "rate"), \(month), spread ±\(Compare.text((k.spread ?? 0) * 100, places: 1))%) for '\(c.text)'"
                if !rates.contains(line) { rates.append(line) }
            }
            if !rates.isEmpty { s += " at " + rates.joined(separator: "; ") }
            out.append(s)
        }
        for c in claims.sorted(by: { $0.id < $1.id }) {
            if let note = c.value.canonical?.note {
                out.append("'\(c.text)' (\(c.value.unit ?? "?")) is not compared with figures in other currencies: \(note)")
            }
        }
        return out
    }
}
