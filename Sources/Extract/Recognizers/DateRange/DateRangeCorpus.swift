import ClaimModel
import Foundation

/// Examples for the DateRange pack: ranges, periods and open bounds, anchored to 2025-12-03.
enum DateRangeCorpus {
    static let corpus = RecognizerCorpus(
        pack: "DateRange", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("a state visit on «4-5 December 2025»", .daterange, start: "2025-12-04", end: "2025-12-05"),
            CorpusPositive("Putin will visit India «from December 4-5», marking", .daterange, start: "2025-12-04", end: "2025-12-05"),
            CorpusPositive("expected to happen in «early December 2025», likely", .daterange, start: "2025-12-01", end: "2025-12-15"),
            CorpusPositive("the visit is expected around «December 5-6».", .daterange, start: "2025-12-05", end: "2025-12-06"),
            CorpusPositive("grown almost fivefold over «the past four years»", .daterange, start: "2021-12-03", end: "2025-12-02"),
            CorpusPositive("spoken 11 times in «the last three years»", .daterange, start: "2022-12-03", end: "2025-12-02"),
            CorpusPositive("this figure fell to 55% «between 2015-2020» and", .daterange, start: "2015-01-01", end: "2020-12-31"),
            CorpusPositive("the share was higher «prior to 2014»", .daterange, start: nil, end: "2013-12-31"),
            CorpusPositive("cooperation «until 2030»", .daterange, start: nil, end: "2030-12-31"),
            CorpusPositive("aiming to cross $100 billion «by 2030»", .daterange, start: nil, end: "2030-12-31"),
            CorpusPositive("only 36% in «recent years»", .daterange, start: nil, end: nil),
            CorpusPositive("sales rose «late last year»", .daterange, start: "2024-07-01", end: "2024-12-31"),
        ],
        negatives: [
            CorpusNegative("There are two to four people in the room", forbidden: [.date, .daterange]),
            CorpusNegative("Where were you between 730-930?", forbidden: [.date, .daterange]),
        ])
}
