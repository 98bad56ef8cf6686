import Foundation

/// English number words. Source: standard English cardinal/ordinal spelling (no external list copied);
/// "lakh"/"crore" from the Indian numbering system, "nought"/"naught" British zero.
enum NumeralWords {
    /// Cardinal words below twenty.
    static let units: WordTable<Int> = [
        "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    /// Multiples of ten.
    static let tens: WordTable<Int> = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]
    /// Scale words applied to what precedes them.
    static let scales: WordTable<Decimal> = [
        "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
        "trillion": Decimal(string: "1000000000000") ?? 0,
        "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
        "crore": 10_000_000, "crores": 10_000_000,
        "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000,
    ]
    /// Ordinal words below twenty and the tens ordinals.
    static let ordinals: WordTable<Int> = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
        "eightieth": 80, "ninetieth": 90,
    ]
    /// Ordinal scale words ("hundredth", "millionth").
    static let ordinalScales: WordTable<Decimal> = [
        "hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000, "billionth": 1_000_000_000,
        "trillionth": Decimal(string: "1000000000000") ?? 0,
    ]
    /// Fraction denominators that are not ordinals.
    static let specialDenominators: WordTable<Int> = ["half": 2, "halves": 2, "quarter": 4, "quarters": 4]

    /// The ordinal value of a singular or plural ordinal word ("fifths" → 5), with whether it was plural.
    static func ordinal(_ w: String) -> (value: Decimal, plural: Bool, scale: Bool)? {
        if let v = ordinals[w] { return (Decimal(v), false, false) }
        if let v = ordinalScales[w] { return (v, false, true) }
        if w.hasSuffix("s") {
            let s = String(w.dropLast())
            if let v = ordinals[s] { return (Decimal(v), true, false) }
            if let v = ordinalScales[s] { return (v, true, true) }
        }
        return nil
    }
}
