import ClaimModel
import Foundation

/// Examples for the Hedge pack: the approximation set by words before a value.
enum HedgeCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Hedge", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("more than «500 soldiers» were deployed", .count, 500, max: nil, unit: "soldiers", approximation: .atLeast),
            CorpusPositive("up to «$2 billion» in credit", .money, nil, max: 2_000_000_000, unit: "USD", approximation: .atMost),
            CorpusPositive("around «40%» of imports", .percent, 40, unit: "%", approximation: .approximate),
            CorpusPositive("at least «$1 million» in damages", .money, 1_000_000, max: nil, unit: "USD", approximation: .atLeast),
        ],
        negatives: [])
}
