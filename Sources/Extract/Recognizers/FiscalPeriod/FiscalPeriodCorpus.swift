import ClaimModel
import Foundation

/// Examples for the FiscalPeriod pack, anchored to 2025-12-03, read with the recognizer's April-March fiscal year.
enum FiscalPeriodCorpus {
    static let corpus = RecognizerCorpus(
        pack: "FiscalPeriod", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("HDFC Bank declares Rs 22 dividend for «FY25», fixes June 27", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("revenue guidance for «FY2024-25» was cut", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("to take $230 million hit in «2024-25» accounts", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("exports rose in «fiscal 2025», the ministry said", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("in «the financial year 2023-24» the deficit", .daterange, start: "2023-04-01", end: "2024-03-31"),
            CorpusPositive("profit for «the fiscal year ended March 31, 2025» rose", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("profit for «the fiscal year ended March» rose", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("sales in «the fiscal year ended June 30, 2024» fell", .daterange, start: "2023-07-01", end: "2024-06-30"),
            CorpusPositive("«Q3 FY26» results beat estimates", .daterange, start: "2025-10-01", end: "2025-12-31"),
            CorpusPositive("«Q1FY26» net profit", .daterange, start: "2025-04-01", end: "2025-06-30"),
            CorpusPositive("in «the third quarter of fiscal 2025», margins", .daterange, start: "2024-10-01", end: "2024-12-31"),
            CorpusPositive("growth slowed in «the current fiscal» to 6.5 per cent", .daterange, start: "2025-04-01", end: "2026-03-31"),
            CorpusPositive("compared with «last financial year»", .daterange, start: "2024-04-01", end: "2025-03-31"),
            CorpusPositive("sales in «the third quarter» rose", .daterange, start: "2025-07-01", end: "2025-09-30"),
        ],
        negatives: [
            CorpusNegative("The FY column is empty.", forbidden: [.date, .daterange]),
            CorpusNegative("Route 2024-17 was closed.", forbidden: [.date, .daterange]),
            CorpusNegative("His fiscal policy was criticised.", forbidden: [.date, .daterange]),
        ])
}
