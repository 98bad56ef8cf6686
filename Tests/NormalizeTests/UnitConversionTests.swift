import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Normalize
import TestSupport


func claim(_ v: Decimal, unit: String, dimension: ClaimModel.Dimension, period: Period? = nil) -> Claim {
    Claim(id: "c", document: "d", quote: "", span: [0, 1], subject: "India-Russia", metric: "bilateral trade",
          value: .exact(v, dimension, unit: unit), approximation: .exact, modality: .reported, period: period, speaker: nil, text: "")
}

@Suite("units: conversion table and exchange rates")
struct UnitConversionTests {
    /// Every symbol the Units pack can emit (simple ones; compounds are built from them).
    static let symbols = Array(UnitTable.entries.keys).sorted() + ["°C", "°F", "K", "bbl/d", "Mbbl/d", "Mt/yr", "km/h", "USD/bbl", "kg/person"]

    @Test("converting to the base unit and back returns the value (seeded random values)")
    func roundTrip() throws {
        var rng = SeededGenerator(seed: 20_251_220)
        for symbol in Self.symbols {
            let c = try #require(UnitTable.conversion(symbol), "no conversion for '\(symbol)'")
            for _ in 0..<200 {
                let mantissa = Decimal(Int64.random(in: -9_999_999...9_999_999, using: &rng))
                let exponent = Int.random(in: -6...9, using: &rng)
                let x = Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: exponent, significand: abs(mantissa))
                let back = c.fromBase(c.toBase(x))
                let err = abs(back - x)
                // Decimal keeps 38 digits; a factor such as 5/9 or π/180 is rounded, so allow 1e-20 relative.
                #expect(err <= abs(x) * Decimal(string: "1e-20")! + Decimal(string: "1e-30")!, "\(symbol): \(x) came back as \(back)")
            }
        }
    }

    @Test("equal quantities in different units have equal canonical values")
    func equalQuantities() throws {
        let c = Canonicalizer(rates: ExchangeRates())
        func base(_ v: String, _ unit: String, _ dim: ClaimModel.Dimension) -> Decimal? {
            c.canonical(claim(Decimal(string: v)!, unit: unit, dimension: dim), published: nil)?.min
        }
        #expect(base("1.2", "GW", .power) == base("1200", "MW", .power))
        #expect(base("560000", "bbl/d", .rate) == base("0.56", "Mbbl/d", .rate))
        #expect(base("1", "km", .length) == base("1000", "m", .length))
        #expect(base("3.6", "MJ", .energy) == base("1", "kWh", .energy))
        #expect(base("100", "°C", .temperature) == base("373.15", "K", .temperature))
        let f = try #require(base("212", "°F", .temperature))
        #expect(abs(f - Decimal(string: "373.15")!) < Decimal(string: "1e-20")!)
        // "ton" is taken as the metric tonne; short and long tons are named.
        #expect(base("1", "ton", .mass) == base("1", "t", .mass))
        #expect(base("1", "short ton", .mass) == Decimal(string: "907.18474"))
    }

    @Test("the bundled ECB table loads with its 32 currencies and known rates")
    func bundledRates() throws {
        let rates = ExchangeRates.bundled
        #expect(rates.table.count == 32)
        #expect(rates.table["INR"]?["2025-04"]?.mean == Decimal(string: "95.9723"))
        #expect(rates.lastMonth("RUB") == "2022-03")
        let cross = try rates.cross(from: "INR", to: "USD", months: ["2025-04"]).get()
        // 1.1214 / 95.9723 ≈ 0.011685 USD per rupee (≈ 85.58 rupees a dollar, as the fx README says).
        #expect(abs(1 / cross.rate - Decimal(string: "85.58")!) < Decimal(string: "0.01")!)
        #expect(cross.spread > 0)
    }

    @Test("a price converts its currency at the month's rate and its quantity to the base unit")
    func priceAcrossCurrencies() throws {
        let c = Canonicalizer(rates: .bundled)
        let day = CalendarDay(iso: "2025-04-10")
        let usd = try #require(c.canonical(claim(80, unit: "USD/bbl", dimension: .price), published: day))
        let eur = try #require(c.canonical(claim(80, unit: "EUR/bbl", dimension: .price), published: day))
        #expect(usd.unit == "USD/m3")
        #expect(eur.unit == "USD/m3")
        // $80 a barrel is 80 / 0.158987294928 dollars a cubic metre.
        let perM3 = try #require(usd.min)
        #expect(abs(perM3 - Decimal(80) / Decimal(string: "0.158987294928")!) < Decimal(string: "1e-20")!)
        // A euro bought 1.1214 dollars on average in April 2025 (ECB table): €80 a barrel is dearer than $80.
        let eurPerM3 = try #require(eur.min)
        #expect(abs(eurPerM3 / perM3 - Decimal(string: "1.1214")!) < Decimal(string: "0.0001")!)
        #expect(eur.rateDate == "2025-04")
        #expect(eur.source?.contains("barrel") == true)
        // A dollar figure needs no rate, so no date either.
        let undated = try #require(c.canonical(claim(80, unit: "USD/bbl", dimension: .price), published: nil))
        #expect(undated.isConverted)
        let undatedMoney = try #require(c.canonical(claim(5, unit: "USD", dimension: .money), published: nil))
        #expect(undatedMoney.isConverted && undatedMoney.note == nil)
        // Without a rate for the month the price stays uncompared, and says why.
        let rouble = try #require(c.canonical(claim(6000, unit: "RUB/bbl", dimension: .price), published: CalendarDay(iso: "2024-02-01")))
        #expect(!rouble.isConverted)
        #expect(rouble.note?.contains("RUB") == true)
    }

    @Test("a fiscal-year claim converts at the mean over its months; the report knows the months")
    func periodRate() throws {
        let c = Canonicalizer(rates: .bundled)
        let fy = Period(start: CalendarDay(iso: "2024-04-01"), end: CalendarDay(iso: "2025-03-31"), text: "FY2024-25")
        let k = try #require(c.canonical(claim(Decimal(string: "5.6e12")!, unit: "INR", dimension: .money, period: fy), published: nil))
        #expect(k.rateDate == "2024-04..2025-03")
        #expect(k.unit == "USD")
        #expect(k.isConverted)
    }

    @Test("roubles after March 2022 have no rate unless the user supplies one, and say why")
    func roubleAfterSuspension() throws {
        let c = Canonicalizer(rates: .bundled)
        let k = try #require(c.canonical(claim(1_000_000, unit: "RUB", dimension: .money), published: CalendarDay(iso: "2023-05-10")))
        #expect(!k.isConverted)
        #expect(k.note?.contains("no exchange rate for RUB in 2023-05") == true)
        #expect(k.note?.contains("end in 2022-03") == true)
        let options = try JSONDecoder().decode(NormalizeOptions.self, from: Data(#"{"exchangeRates": {"RUB": {"2023-05": 89.1}}}"#.utf8))
        let stage = try NormalizeStage(options: options)
        let normalized = stage.normalize(claim(1_000_000, unit: "RUB", dimension: .money), reference: CalendarDay(iso: "2023-05-10"))
        #expect(normalized.value.canonical?.isConverted == true)
        #expect(normalized.value.canonical?.source?.contains("pipeline.json") == true)
    }

    @Test("bad exchangeRates keys are config errors")
    func badRates() throws {
        let options = try JSONDecoder().decode(NormalizeOptions.self, from: Data(#"{"exchangeRates": {"RUB": {"May 2023": 89.1}}}"#.utf8))
        #expect(throws: ConfigError.self) { try NormalizeStage(options: options) }
    }
}
