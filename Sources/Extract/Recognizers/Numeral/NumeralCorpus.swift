import ClaimModel
import Foundation

/// Examples for the Numeral pack: digits, grouping, words, fractions, ordinals.
enum NumeralCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Numeral", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("the result is «12,34,567»", .number, 1_234_567),
            CorpusPositive("a count of «1,234,567»", .number, 1_234_567),
            CorpusPositive("it was «one hundred and six»", .number, 106),
            CorpusPositive("about «two thirds» of them", .number, Decimal(2) / 3, approximation: .approximate),
            CorpusPositive("the «23rd» summit", .ordinal, 23),
            CorpusPositive("the «twenty-first» anniversary", .ordinal, 21),
            CorpusPositive("a value of «-9.25» here", .number, Decimal(string: "-9.25")),
            CorpusPositive("we need «three lakh crore»", .number, Decimal(string: "3000000000000")),
            CorpusPositive("exactly «2.5 million» viewers", .number, 2_500_000),
        ],
        negatives: [
            CorpusNegative("fifth-generation Su-57 fighters", forbidden: [.number, .count]),
            CorpusNegative("S-400 air defense systems", forbidden: [.number, .count]),
            CorpusNegative("future upgraded S-500 systems", forbidden: [.number, .count]),
            CorpusNegative("at the G20 meeting", forbidden: [.number, .count]),
            CorpusNegative("after COVID-19 hit", forbidden: [.number, .count, .date, .daterange]),
            CorpusNegative("open 24/7 for the public", forbidden: [.number, .count, .date, .daterange]),
            CorpusNegative("the Tesla Model 3 sold well", forbidden: [.number, .count]),
            CorpusNegative("an Airbus A320 landed", forbidden: [.number, .count, .date, .daterange]),
            CorpusNegative("call +91-98765-43210 for details", forbidden: [.number, .count, .date, .daterange]),
            CorpusNegative("the talks began at 10:30 am", forbidden: [.number, .count]),
            CorpusNegative("the 23rd summit", forbidden: [.count, .number]),
        ])
}
