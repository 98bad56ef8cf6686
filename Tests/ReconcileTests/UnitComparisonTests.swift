import ClaimModel
import Foundation
import Testing
@testable import Reconcile

/// A physical quantity claim with its canonical value already attached (as Normalize would).
func quantity(_ id: String, doc: String, _ v: Decimal, unit: String, dimension: ClaimModel.Dimension, base: String, factor: Decimal,
              text: String) -> Claim {
    var value = ClaimValue.exact(v, dimension, unit: unit)
    value.canonical = CanonicalValue(unit: base, min: v * factor, max: v * factor, source: "SI")
    return Claim(id: id, document: doc, quote: "", span: [0, 1], subject: "India", metric: "solar capacity", value: value,
                 approximation: .exact, modality: .reported, period: nil, speaker: nil, text: text)
}

@Suite("units and currencies in reconciliation")
struct UnitComparisonTests {
    @Test("equal quantities in different units reconcile as agreed")
    func equalQuantitiesAgree() throws {
        let docs = [document("d1", published: "2025-12-01", site: "a.example"), document("d2", published: "2025-12-02", site: "b.example")]
        let claims = [
            quantity("c1", doc: "d1", Decimal(string: "1.2") ?? 0, unit: "GW", dimension: .power, base: "W", factor: 1_000_000_000, text: "1.2 GW"),
            quantity("c2", doc: "d2", 1200, unit: "MW", dimension: .power, base: "W", factor: 1_000_000, text: "1,200 MW"),
        ]
        let r = try reconcile(docs, claims)
        #expect(r.facts.count == 1)
        #expect(r.facts.first?.status == .agreed)
        #expect(r.facts.first?.explanation.contains("mixes units (GW, MW)") == true)
    }

    @Test("different quantities in different units conflict")
    func differentQuantitiesConflict() throws {
        let docs = [document("d1", published: "2025-12-01", site: "a.example"), document("d2", published: "2025-12-02", site: "b.example")]
        let claims = [
            quantity("c1", doc: "d1", 2, unit: "GW", dimension: .power, base: "W", factor: 1_000_000_000, text: "2 GW"),
            quantity("c2", doc: "d2", 1200, unit: "MW", dimension: .power, base: "W", factor: 1_000_000, text: "1,200 MW"),
        ]
        let r = try reconcile(docs, claims)
        #expect(r.facts.count == 1)
        #expect(r.facts.first?.status == .conflict)
    }

    @Test("a rate spread widens the tolerance across currencies, never within one")
    func spreadWidens() {
        var a = money("a", doc: "d1", billions: 100)
        var b = money("b", doc: "d2", billions: 103)
        b.value.unit = "INR"
        a.value.canonical = CanonicalValue(unit: "USD", min: 100, max: 100, rate: 1, spread: 0)
        b.value.canonical = CanonicalValue(unit: "USD", min: 103, max: 103, rate: 1, spread: Decimal(string: "0.02"))
        #expect(Compare.agree(a, b, options: .defaults))
        b.value.canonical?.spread = 0
        #expect(!Compare.agree(a, b, options: .defaults))
    }
}
