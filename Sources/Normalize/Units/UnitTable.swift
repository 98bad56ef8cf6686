public import Foundation
internal import ClaimModel

/// One unit's conversion to the base unit of its dimension: `base = value × factor + offset`.
public struct UnitConversion: Sendable, Equatable {
    /// The base unit symbol (`m`, `m3`, `kg`, `J`, `W`, `B`, `K`, `rad`, `s`).
    public var base: String
    /// Multiplier to the base unit.
    public var factor: Decimal
    /// Added after multiplying (temperatures only).
    public var offset: Decimal
    /// Where the factor comes from.
    public var source: String

    /// Converts a value in this unit to the base unit.
    public func toBase(_ x: Decimal) -> Decimal { x * factor + offset }
    /// Converts a value in the base unit back to this unit.
    public func fromBase(_ x: Decimal) -> Decimal { (x - offset) / factor }
}

/// The one conversion table: every unit symbol the Units pack emits, with its factor and the factor's source.
///
/// Compound symbols ("bbl/d", "km/h", "USD/bbl") are converted part by part; a currency code in a price stays as it
/// is (prices are compared in their own currency).
public enum UnitTable {
    static func d(_ s: String) -> Decimal { Decimal(string: s) ?? 0 }
    /// π to 38 digits, for degrees and turns.
    static let pi = d("3.1415926535897932384626433832795028842")

    static let si = "SI (BIPM SI Brochure, 9th ed.)"
    static let nist = "NIST SP 811 (2008), Appendix B"
    /// symbol: (base, factor, source).
    static let entries: [String: (String, Decimal, String)] = [
        // Length.
        "m": ("m", 1, si), "km": ("m", 1000, si), "cm": ("m", d("0.01"), si), "mm": ("m", d("0.001"), si),
        "dm": ("m", d("0.1"), si), "um": ("m", d("1e-6"), si), "nm": ("m", d("1e-9"), si), "pm": ("m", d("1e-12"), si),
        "in": ("m", d("0.0254"), nist + " (international inch, 1959)"), "ft": ("m", d("0.3048"), nist),
        "yd": ("m", d("0.9144"), nist), "mi": ("m", d("1609.344"), nist + " (international mile)"),
        "nmi": ("m", 1852, si + ", non-SI units accepted (nautical mile)"),
        // Area.
        "m2": ("m2", 1, si), "km2": ("m2", 1_000_000, si), "ft2": ("m2", d("0.09290304"), nist),
        "mi2": ("m2", d("2589988.110336"), nist), "ha": ("m2", 10_000, si + ", non-SI units accepted (hectare)"),
        "acre": ("m2", d("4046.8564224"), nist + " (international acre)"),
        // Volume.
        "m3": ("m3", 1, si), "L": ("m3", d("0.001"), si + " (litre = dm3)"), "mL": ("m3", d("0.000001"), si),
        "ft3": ("m3", d("0.028316846592"), nist), "gal": ("m3", d("0.003785411784"), nist + " (US gallon)"),
        "bbl": ("m3", d("0.158987294928"), "oil industry barrel of 42 US gallons (API; NIST SP 811)"),
        "kbbl": ("m3", d("158.987294928"), "1,000 oil barrels (industry 'kb')"),
        "Mbbl": ("m3", d("158987.294928"), "1,000,000 oil barrels (industry 'mb', 'mmb')"),
        "tsp": ("m3", d("0.00000492892159375"), nist + " (US teaspoon)"),
        "tbsp": ("m3", d("0.00001478676478125"), nist + " (US tablespoon)"),
        "cup": ("m3", d("0.0002365882365"), nist + " (US customary cup)"),
        "bcm": ("m3", d("1e9"), "gas industry: billion cubic metres"),
        "MMm3": ("m3", 1_000_000, "gas industry: million cubic metres"),
        "MMscm": ("m3", 1_000_000, "gas industry: million standard cubic metres (taken at standard conditions as m3)"),
        "tcf": ("m3", d("28316846592"), "gas industry: trillion cubic feet; " + nist + " (cubic foot)"),
        // Mass.
        "kg": ("kg", 1, si), "g": ("kg", d("0.001"), si), "mg": ("kg", d("0.000001"), si), "ug": ("kg", d("1e-9"), si),
        "t": ("kg", 1000, si + ", non-SI units accepted (tonne)"), "Mt": ("kg", d("1e9"), si + " (megatonne)"),
        "ton": ("kg", 1000, "assumed metric tonne: energy, commodity and trade news mean tonnes; short and long tons are named"),
        "short ton": ("kg", d("907.18474"), nist + " (2000 lb)"), "long ton": ("kg", d("1016.0469088"), nist + " (2240 lb)"),
        "lb": ("kg", d("0.45359237"), nist + " (avoirdupois pound, 1959)"), "oz": ("kg", d("0.028349523125"), nist + " (avoirdupois ounce)"),
        // Speed (compounds such as km/h are converted part by part).
        "mph": ("m/s", d("0.44704"), nist), "kn": ("m/s", d("1852") / 3600, si + " (knot = 1852 m/h)"),
        // Energy.
        "J": ("J", 1, si), "kJ": ("J", 1000, si), "MJ": ("J", 1_000_000, si), "GJ": ("J", d("1e9"), si),
        "Wh": ("J", 3600, si), "kWh": ("J", 3_600_000, si), "MWh": ("J", d("3.6e9"), si), "GWh": ("J", d("3.6e12"), si),
        "TWh": ("J", d("3.6e15"), si), "Btu": ("J", d("1055.05585262"), nist + " (International Table Btu)"),
        "MMBtu": ("J", d("1055055852.62"), "gas industry (NYMEX): MMBtu = one million International Table Btu"),
        "cal": ("J", d("4.184"), nist + " (thermochemical calorie)"), "kcal": ("J", 4184, nist + " (thermochemical kilocalorie)"),
        // Power.
        "W": ("W", 1, si), "kW": ("W", 1000, si), "MW": ("W", 1_000_000, si), "GW": ("W", d("1e9"), si), "TW": ("W", d("1e12"), si),
        "hp": ("W", d("745.69987158227022"), nist + " (mechanical horsepower)"),
        // Data: decimal prefixes (IEC 80000-13); the text rarely says whether a "GB" is 10^9 or 2^30 bytes.
        "B": ("B", 1, "IEC 80000-13"), "KB": ("B", 1000, "IEC 80000-13"), "MB": ("B", 1_000_000, "IEC 80000-13"),
        "GB": ("B", d("1e9"), "IEC 80000-13"), "TB": ("B", d("1e12"), "IEC 80000-13"), "PB": ("B", d("1e15"), "IEC 80000-13"),
        "bit": ("B", d("0.125"), "IEC 80000-13 (8 bits a byte)"), "kbit": ("B", 125, "IEC 80000-13"),
        "Mbit": ("B", 125_000, "IEC 80000-13"), "Gbit": ("B", 125_000_000, "IEC 80000-13"),
        // Angle.
        "rad": ("rad", 1, si), "deg": ("rad", pi / 180, si + ", non-SI units accepted (degree)"), "turn": ("rad", pi * 2, "one full turn = 2π rad"),
        // Time (divisors of flows).
        "s": ("s", 1, si), "ms": ("s", d("0.001"), si), "min": ("s", 60, si), "h": ("s", 3600, si), "d": ("s", 86400, si),
        "wk": ("s", 604_800, "7 days"), "mo": ("s", 2_629_746, "1/12 of the mean Gregorian year"),
        "yr": ("s", 31_556_952, "mean Gregorian year, 365.2425 days"),
        // People ("per capita").
        "person": ("person", 1, "count"),
    ]

    /// The conversion of a symbol (simple or compound "a/b") to its base unit; nil when unknown.
    public static func conversion(_ symbol: String) -> UnitConversion? {
        switch symbol {
        case "K": return UnitConversion(base: "K", factor: 1, offset: 0, source: si)
        case "°C": return UnitConversion(base: "K", factor: 1, offset: d("273.15"), source: si + " (T/K = t/°C + 273.15)")
        case "°F": return UnitConversion(base: "K", factor: Decimal(5) / 9, offset: d("459.67") * 5 / 9, source: nist + " (T/K = (t/°F + 459.67)/1.8)")
        default: break
        }
        if let e = entries[symbol] { return UnitConversion(base: e.0, factor: e.1, offset: 0, source: e.2) }
        guard let slash = symbol.firstIndex(of: "/") else {
            // A currency code in a price: compared in its own currency.
            if CurrencyCode.isCode(symbol) { return UnitConversion(base: symbol, factor: 1, offset: 0, source: "currency") }
            return nil
        }
        guard let top = conversion(String(symbol[..<slash])), let bottom = conversion(String(symbol[symbol.index(after: slash)...])),
              top.offset == 0, bottom.offset == 0 else { return nil }
        return UnitConversion(base: "\(top.base)/\(bottom.base)", factor: top.factor / bottom.factor, offset: 0,
                              source: top.source == bottom.source ? top.source : "\(top.source); \(bottom.source)")
    }
}
