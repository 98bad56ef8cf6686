import ClaimModel
import Foundation

/// Examples for the Money pack (sentences modelled on the sample articles and Indian business news).
enum MoneyCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Money", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("Bilateral trade has reached «$63 billion», with both sides", .money, 63_000_000_000, unit: "USD"),
            CorpusPositive("aiming to cross «$100 billion» by 2030", .money, 100_000_000_000, unit: "USD"),
            CorpusPositive("valued at approximately «$16 billion»", .money, 16_000_000_000, unit: "USD", approximation: .approximate),
            CorpusPositive("trade hit record highs, surpassing «$65 billion» recently", .money, 65_000_000_000, max: nil, unit: "USD",
                           approximation: .atLeast),
            CorpusPositive("from «$13 billion» to $68 billion", .money, 13_000_000_000, unit: "USD"),
            CorpusPositive("a deal worth «Rs 17,616 crore»", .money, 176_160_000_000, unit: "INR"),
            CorpusPositive("assets of «₹25.77 lakh crore»", .money, Decimal(string: "25770000000000"), unit: "INR"),
            CorpusPositive("a «$5.8 bn» bid", .money, 5_800_000_000, unit: "USD"),
            CorpusPositive("a «$500-600 million» order", .money, 500_000_000, max: 600_000_000, unit: "USD", approximation: .range),
            CorpusPositive("it only cost «3 dollars 50 cents».", .money, Decimal(string: "3.5"), unit: "USD"),
            CorpusPositive("the client estimates «120 MEUR»", .money, 120_000_000, unit: "EUR"),
            CorpusPositive("a loan of «35 lakh rupees»", .money, 3_500_000, unit: "INR"),
        ],
        negatives: [
            CorpusNegative("All 70 of us.", forbidden: [.money]),
            CorpusNegative("I tried to call Bob 3 times already.", forbidden: [.money]),
            CorpusNegative("$DEC farming is coming", forbidden: [.money, .date, .daterange]),
        ])
}
