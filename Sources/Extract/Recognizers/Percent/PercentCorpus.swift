import ClaimModel
import Foundation

/// Examples for the Percent pack.
enum PercentCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Percent", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("dropped further to only «36%» in recent years", .percent, 36, unit: "%"),
            CorpusPositive("a share of over «35%» in 2024", .percent, 35, max: nil, unit: "%", approximation: .atLeast),
            CorpusPositive("rose by nearly «25 per cent»", .percent, 25, unit: "%", approximation: .approximate),
            CorpusPositive("just need «minus five percent»", .percent, -5, unit: "%"),
            CorpusPositive("growth of «10-12%»", .percent, 10, max: 12, unit: "%", approximation: .range),
        ],
        negatives: [
            CorpusNegative("https://www.test.com/search?q=30%25%2020%", forbidden: [.percent]),
        ])
}
