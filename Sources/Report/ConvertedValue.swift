internal import ClaimModel
internal import Foundation

extension HumanFormat {
    /// Beside a claim in another currency or unit: "≈ $10.2 billion at 1 INR = 0.011686 USD (ECB …, 2024-04..2025-03)",
    /// or why it could not be converted. Nil when the claim is already in the comparison unit.
    static func converted(_ v: ClaimValue) -> String? {
        guard let k = v.canonical, k.unit != v.unit else { return nil }
        if let note = k.note { return "not converted to \(k.unit): \(note)" }
        guard v.dimension == .money, let rate = k.rate else { return nil }
        let shown = ClaimValue(dimension: .money, unit: k.unit, min: k.min, max: k.max)
        var r = rate
        var rounded = Decimal()
        NSDecimalRound(&rounded, &r, 6, .plain)
        return "≈ \(quantity(shown)) at 1 \(v.unit ?? "?") = \(rounded) \(k.unit) (\(k.source ?? "rate"), \(k.rateDate ?? "undated"))"
    }
}
