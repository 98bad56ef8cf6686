import ClaimModel
import Foundation

/// A closed interval of exact decimals (quantities) or day numbers (dates); a nil side is open.
struct Span: Equatable {
    var lo: Decimal?
    var hi: Decimal?

    /// Whether the two intervals share a point.
    func overlaps(_ other: Span) -> Bool {
        if let a = lo, let b = other.hi, a > b { return false }
        if let a = other.lo, let b = hi, a > b { return false }
        return true
    }

    /// The interval a claim's value covers once its tolerance is allowed for.
    static func of(_ claim: Claim, options: ReconcileOptions) -> Span {
        let v = claim.value
        if v.isDate {
            return Span(lo: v.start.map { Decimal($0.dayNumber) }, hi: v.end.map { Decimal($0.dayNumber) })
        }
        let rel = Decimal(claim.approximation == .exact && claim.hedge == nil ? options.tolerance : options.approximateTolerance)
        func widen(_ x: Decimal?, down: Bool) -> Decimal? {
            guard let x else { return nil }
            let delta = abs(x) * rel
            return down ? x - delta : x + delta
        }
        return Span(lo: widen(v.min, down: true), hi: widen(v.max, down: false))
    }
}

/// Helpers for describing values and comparing claims.
enum Compare {
    /// How much a claim pins the value down: exact beats approximate beats a range beats a bound.
    static func precision(_ claim: Claim) -> Double {
        if claim.value.isDate {
            guard let s = claim.value.start, let e = claim.value.end else { return 0.5 }
            return 1 / Double(1 + e.dayNumber - s.dayNumber) * 0.5 + 0.5
        }
        switch claim.approximation {
        case .exact: return 1
        case .approximate: return 0.9
        case .range: return 0.8
        case .atLeast, .atMost: return 0.6
        }
    }

    /// Whether two claims' values are compatible (their tolerance intervals overlap).
    static func compatible(_ a: Claim, _ b: Claim, options: ReconcileOptions) -> Bool {
        // Units hook: claims in different units or currencies compare their canonical values (UnitComparison.swift).
        if let r = UnitComparison.compatible(a, b, options: options) { return r }
        return Span.of(a, options: options).overlaps(Span.of(b, options: options))
    }

    /// Whether two claims state the same value within the exact tolerance (equal day spans for dates).
    static func agree(_ a: Claim, _ b: Claim, options: ReconcileOptions) -> Bool {
        if a.value.isDate { return a.value.start == b.value.start && a.value.end == b.value.end && a.value.start != nil }
        // Units hook: see `compatible`.
        if let r = UnitComparison.agree(a, b, options: options) { return r }
        guard a.approximation == .exact, b.approximation == .exact, a.hedge == nil, b.hedge == nil,
              let x = a.value.min, let y = b.value.min else { return false }
        let tolerance = Decimal(options.tolerance) * max(abs(x), abs(y))
        return abs(x - y) <= tolerance
    }

    /// A decimal written plainly, rounded to `places`.
    static func text(_ d: Decimal, places: Int = 2) -> String {
        var x = d
        var r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return "\(r)"
    }

    /// Relative gap |a - b| / |b| as a percentage string ("4.6%").
    static func percentGap(_ a: Decimal, _ b: Decimal) -> (gap: Decimal, text: String) {
        guard b != 0 else { return (a == 0 ? 0 : 1, a == 0 ? "0%" : "undefined") }
        let gap = abs(a - b) / abs(b)
        return (gap, text(gap * 100, places: 1) + "%")
    }

    /// The claim's value as one number for arithmetic: the exact value, the midpoint of a range, or the bound.
    static func point(_ claim: Claim) -> Decimal? {
        switch (claim.value.min, claim.value.max) {
        case let (a?, b?): return (a + b) / 2
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }
}
