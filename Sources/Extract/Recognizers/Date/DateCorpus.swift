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
            // Relative weeks: Monday-to-Sunday weeks around the reference; "the past two weeks" ends the day before it.
            CorpusPositive("exports fell «last week», officials said", .daterange, start: "2025-11-24", end: "2025-11-30"),
            CorpusPositive("the talks resume «next week» in Geneva", .daterange, start: "2025-12-08", end: "2025-12-14"),
            CorpusPositive("onion prices rose «this week» in Nashik", .daterange, start: "2025-12-01", end: "2025-12-07"),
            CorpusPositive("the rupee fell 1.2% over «the past two weeks»", .daterange, start: "2025-11-19", end: "2025-12-02"),
            // ISO 8601 weeks (week 1 holds the year's first Thursday), with or without the year.
            CorpusPositive("container traffic peaked in «week 49 of 2025»", .daterange, start: "2025-12-01", end: "2025-12-07"),
            CorpusPositive("spot LNG cargoes for «W49», traders said", .daterange, start: "2025-12-01", end: "2025-12-07"),
            CorpusPositive("steel output in «2025-W48» was flat", .daterange, start: "2025-11-24", end: "2025-11-30"),
            CorpusPositive("bookings for «W01 of 2026» are full", .daterange, start: "2025-12-29", end: "2026-01-04"),
            // Bare quarters: calendar quarters of the reference year (of the year before when they lie after it).
            CorpusPositive("net profit rose 9% in «Q4», the bank said", .daterange, start: "2025-10-01", end: "2025-12-31"),
            CorpusPositive("«the fourth-quarter» margin widened", .daterange, start: "2025-10-01", end: "2025-12-31"),
            CorpusPositive("exports slowed in «the second quarter»", .daterange, start: "2025-04-01", end: "2025-06-30"),
        ],
        negatives: [
            CorpusNegative("May I ask what this is for?", forbidden: [.date, .daterange]),
            CorpusNegative("Tel: 000 111 82-2100", forbidden: [.date, .daterange]),
            CorpusNegative("Is this a valid date? 2015-32", forbidden: [.date, .daterange]),
            CorpusNegative("This email may not be disclosed.", forbidden: [.date, .daterange]),
            // "W" and digits that are names, not weeks.
            CorpusNegative("The W12 engine powers the sedan.", forbidden: [.date, .daterange]),
            CorpusNegative("The W3C standard was revised.", forbidden: [.date, .daterange]),
            CorpusNegative("Mercedes W124 models are collectors' items.", forbidden: [.date, .daterange]),
            CorpusNegative("Call W49-1234 for the route W49A timetable.", forbidden: [.date, .daterange]),
        ])
}
