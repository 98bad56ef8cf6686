import ClaimModel
import Foundation

/// Examples for the Date pack, anchored to 2025-12-03 (a Wednesday).
enum DateCorpus {
    static let corpus = RecognizerCorpus(
        pack: "Date", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("Kremlin spokesperson Dmitry Peskov said on «Tuesday».", .date, start: "2025-12-02", end: "2025-12-02"),
            CorpusPositive("conversations took place on «15 January», officials said", .date, start: "2025-01-15", end: "2025-01-15"),
            CorpusPositive("clashes that erupted in Kashmir in «May»", .daterange, start: "2025-05-01", end: "2025-05-31"),
            CorpusPositive("four calls took place in «2024»", .daterange, start: "2024-01-01", end: "2024-12-31"),
            CorpusPositive("the ministers met «yesterday»", .date, start: "2025-12-02", end: "2025-12-02"),
            CorpusPositive("the leaders will meet «next Monday»", .date, start: "2025-12-08", end: "2025-12-08"),
            CorpusPositive("the deal was signed «two days ago»", .date, start: "2025-12-01", end: "2025-12-01"),
            CorpusPositive("filed on «2025-11-28» in Delhi", .date, start: "2025-11-28", end: "2025-11-28"),
            CorpusPositive("on «Thursday (May 1, 2025)» the index", .date, start: "2025-05-01", end: "2025-05-01"),
        ],
        negatives: [
            CorpusNegative("May I ask what this is for?", forbidden: [.date, .daterange]),
            CorpusNegative("Tel: 000 111 82-2100", forbidden: [.date, .daterange]),
            CorpusNegative("Is this a valid date? 2015-32", forbidden: [.date, .daterange]),
            CorpusNegative("This email may not be disclosed.", forbidden: [.date, .daterange]),
        ])
}
