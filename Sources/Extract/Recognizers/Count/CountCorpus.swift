import ClaimModel
import Foundation

/// Examples for the Count pack (counts with their noun, and multipliers).
enum CountCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Count", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("have spoken to each other «11 times» in the last three years", .count, 11, unit: "times"),
            CorpusPositive("A total of «four telephone conversations» took place", .count, 4, unit: "telephone conversations"),
            CorpusPositive("the sides signed «29 agreements» on Friday", .count, 29, unit: "agreements"),
            CorpusPositive("turnover has grown almost «fivefold» over", .multiplier, 5, unit: "x", approximation: .approximate),
            CorpusPositive("exports rose «3x» last year", .multiplier, 3, unit: "x"),
            CorpusPositive("is «eight times» more than", .multiplier, 8, unit: "x"),
        ],
        negatives: [
            CorpusNegative("supply of fifth-generation fighters", forbidden: [.count]),
            CorpusNegative("the 23rd annual summit", forbidden: [.count]),
        ])
}
