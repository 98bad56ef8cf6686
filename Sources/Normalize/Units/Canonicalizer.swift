public import ClaimModel
public import Foundation

/// Attaches the comparable (canonical) value to a claim: base unit for physical quantities, the comparison currency
/// for money, converted at the mean rate of the months the claim refers to.
public struct Canonicalizer: Sendable {
    /// The rates in force (bundled ECB table plus pipeline.json's).
    public let rates: ExchangeRates
    /// The currency money is compared in.
    public let currency: String

    /// Creates a canonicalizer; money is compared in US dollars unless told otherwise.
    public init(rates: ExchangeRates, currency: String = "USD") { self.rates = rates; self.currency = currency }

    /// The claim's value with `canonical` filled (unchanged for values without a unit to convert).
    public func canonical(_ claim: Claim, published: CalendarDay?) -> CanonicalValue? {
        let v = claim.value
        if v.dimension == .money, let unit = v.unit {
            return money(v, unit: unit, months: months(of: claim.period, published: published))
        }
        if v.dimension == .price, let unit = v.unit, let price = price(v, unit: unit, months: months(of: claim.period, published: published)) {
            return price
        }
        guard v.min != nil || v.max != nil, let unit = v.unit, v.dimension != .percent, v.dimension != .count,
              v.dimension != .multiplier, v.dimension != .number, v.dimension != .ordinal, v.dimension != .date,
              let c = UnitTable.conversion(unit) else { return nil }
        return CanonicalValue(unit: c.base, min: v.min.map(c.toBase), max: v.max.map(c.toBase), source: c.source)
    }

    /// The months whose rates apply: the claim's period, else the publication month.
    func months(of period: Period?, published: CalendarDay?) -> [String] {
        if let s = period?.start, let e = period?.end, s <= e {
            var out: [String] = []
            var d = s.firstOfMonth
            while d <= e, out.count < 240 {
                out.append(String(d.iso.prefix(7)))
                d = d.lastOfMonth.adding(days: 1)
            }
            return out
        }
        if let p = published { return [String(p.iso.prefix(7))] }
        return []
    }

    /// A price ("USD/bbl", "INR/t"): the currency converted like money, the quantity below the bar to its base unit,
    /// so "$80 a barrel" and "€70 per barrel" compare in the comparison currency per cubic metre. Nil when the unit is
    /// not a currency over a known quantity (the plain table then applies).
    func price(_ v: ClaimValue, unit: String, months: [String]) -> CanonicalValue? {
        guard let slash = unit.firstIndex(of: "/") else { return nil }
        let code = String(unit[..<slash])
        guard CurrencyCode.isCode(code),
              let per = UnitTable.conversion(String(unit[unit.index(after: slash)...])), per.offset == 0 else { return nil }
        let base = "\(currency)/\(per.base)"
        switch rates.cross(from: code, to: currency, months: months) {
        case .success(let r):
            // value CODE per unit → value × rate CUR per unit → ÷ factor CUR per base unit.
            let k = r.rate / per.factor
            return CanonicalValue(unit: base, min: v.min.map { $0 * k }, max: v.max.map { $0 * k }, rate: r.rate,
                                  rateDate: r.months, spread: r.spread, source: "\(r.source); \(per.source)")
        case .failure(let e):
            return CanonicalValue(unit: base, min: nil, max: nil, source: nil, note: e.description)
        }
    }

    func money(_ v: ClaimValue, unit: String, months: [String]) -> CanonicalValue {
        switch rates.cross(from: unit, to: currency, months: months) {
        case .success(let r):
            return CanonicalValue(unit: currency, min: v.min.map { $0 * r.rate }, max: v.max.map { $0 * r.rate }, rate: r.rate,
                                  rateDate: r.months, spread: r.spread, source: r.source)
        case .failure(let e):
            return CanonicalValue(unit: currency, min: nil, max: nil, source: nil, note: e.description)
        }
    }
}
