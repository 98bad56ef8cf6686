public import Foundation

/// One month's rate of a currency: units per 1 EUR, mean with the month's lowest and highest daily rate.
public struct MonthlyRate: Sendable, Equatable {
    public var mean: Decimal
    public var low: Decimal
    public var high: Decimal
    /// Where the rate comes from ("ECB euro reference rates", "pipeline.json").
    public var source: String
    /// Creates a rate; a user-supplied single rate has `low == high == mean`.
    public init(mean: Decimal, low: Decimal, high: Decimal, source: String) {
        self.mean = mean; self.low = low; self.high = high; self.source = source
    }
}

/// A conversion rate between two currencies over one or more months.
public struct CrossRate: Sendable, Equatable {
    /// Units of the target currency per one unit of the source currency (mean over the months).
    public var rate: Decimal
    /// The months' mean spread of the rate (half the daily low-high range, relative), an upper bound for a cross rate.
    public var spread: Decimal
    /// `2025-04`, or `2024-04..2025-03` for a period.
    public var months: String
    public var source: String
}

/// Monthly euro reference rates: the bundled ECB table, extended and overridden by pipeline.json.
public struct ExchangeRates: Sendable {
    /// currency → month (`YYYY-MM`) → rate per EUR.
    public private(set) var table: [String: [String: MonthlyRate]]

    static let ecbSource = "ECB euro reference rates (monthly mean)"

    /// Creates a table from rows already read.
    public init(table: [String: [String: MonthlyRate]] = [:]) { self.table = table }

    /// The bundled ECB monthly table (empty when the resource cannot be read, which a test guards against).
    public static let bundled: ExchangeRates = {
        guard let url = Bundle.module.url(forResource: "ecb_monthly", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return ExchangeRates() }
        return (try? parse(csv: text, source: ecbSource)) ?? ExchangeRates()
    }()

    /// Reads `month,currency,per_eur_mean[,per_eur_min,per_eur_max,…]` rows (header first).
    public static func parse(csv text: String, source: String) throws(RateError) -> ExchangeRates {
        var table: [String: [String: MonthlyRate]] = [:]
        var lineNumber = 0
        for line in text.split(whereSeparator: \.isNewline) {
            lineNumber += 1
            if lineNumber == 1, line.hasPrefix("month") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 3, isMonth(f[0]), let mean = Decimal(string: f[2]), mean > 0 else {
                throw RateError("line \(lineNumber): '\(line)': expected month (YYYY-MM), currency, units per EUR")
            }
            let low = f.count > 3 ? Decimal(string: f[3]) ?? mean : mean
            let high = f.count > 4 ? Decimal(string: f[4]) ?? mean : mean
            table[f[1].uppercased(), default: [:]][f[0]] = MonthlyRate(mean: mean, low: low, high: high, source: source)
        }
        return ExchangeRates(table: table)
    }

    /// Whether `s` is `YYYY-MM`.
    public static func isMonth(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        guard p.count == 2, p[0].count == 4, p[1].count == 2, Int(p[0]) != nil, let m = Int(p[1]) else { return false }
        return (1...12).contains(m)
    }

    /// This table with `other`'s rates added, replacing the same currency and month.
    public func merging(_ other: ExchangeRates) -> ExchangeRates {
        var t = table
        for (c, months) in other.table { t[c, default: [:]].merge(months) { _, new in new } }
        return ExchangeRates(table: t)
    }

    /// The rate of `currency` per EUR in a month (EUR is 1).
    func perEuro(_ currency: String, _ month: String) -> MonthlyRate? {
        currency == "EUR" ? MonthlyRate(mean: 1, low: 1, high: 1, source: ExchangeRates.ecbSource) : table[currency]?[month]
    }

    /// The latest month with a rate for a currency.
    public func lastMonth(_ currency: String) -> String? { table[currency]?.keys.max() }

    /// `target` per one `currency` over `months`, or why there is none.
    public func cross(from currency: String, to target: String, months: [String]) -> Result<CrossRate, RateError> {
        // The same currency needs no rate, so no month either (an undated dollar figure is still a dollar figure).
        if currency == target {
            let label = months.first.map { f in months.count == 1 ? f : "\(f)..\(months[months.count - 1])" } ?? "any month"
            return .success(CrossRate(rate: 1, spread: 0, months: label, source: "same currency"))
        }
        guard let firstMonth = months.first, let lastMonth = months.last else { return .failure(RateError("no month to choose a rate for")) }
        let label = months.count == 1 ? firstMonth : "\(firstMonth)..\(lastMonth)"
        var sum: Decimal = 0
        var spreadSum: Decimal = 0
        var sources = Set<String>()
        for m in months {
            guard let c = perEuro(currency, m) else {
                let last = self.lastMonth(currency).map { "; the rates for \(currency) end in \($0)" } ?? "; no rates for \(currency) at all"
                return .failure(RateError("no exchange rate for \(currency) in \(m)\(last) (add one under normalize.exchangeRates in pipeline.json)"))
            }
            guard let u = perEuro(target, m) else { return .failure(RateError("no exchange rate for \(target) in \(m)")) }
            sum += u.mean / c.mean
            // The month's spread of the cross rate: each side's half low-high range over its mean, added (an upper bound,
            // as the two extremes need not fall on the same day).
            spreadSum += (c.high - c.low) / 2 / c.mean + (u.high - u.low) / 2 / u.mean
            sources.insert(c.source); sources.insert(u.source)
        }
        let rate = sum / Decimal(months.count)
        // A flow over a period is converted at the period's mean rate; its uncertainty is the months' typical spread.
        let spread = spreadSum / Decimal(months.count)
        return .success(CrossRate(rate: rate, spread: spread, months: label, source: sources.sorted().joined(separator: " + ")))
    }
}

/// Why rates could not be read or found.
public struct RateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
