import Foundation
/// Month, weekday and period words. English calendar names and their usual abbreviations
/// (written for this project, not taken from a list).
enum DateWords {
    /// Month names and abbreviations.
    static let months: WordTable<Int> = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// Month words that are also ordinary English words: they need a date-like neighbour.
    static let ambiguousMonths: WordSet = ["may", "mar", "march", "dec", "jan", "jun", "sep", "aug"]
    /// Weekday names and abbreviations, ISO numbering (Monday = 1).
    static let weekdays: WordTable<Int> = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4,
        "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
    ]
    /// Weekday abbreviations that are also ordinary words.
    static let ambiguousWeekdays: WordSet = ["sat", "sun", "wed", "mon", "thu", "tue"]
    /// Calendar units for relative and trailing periods.
    static let units: WordTable<DateUnit> = [
        "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month,
        "year": .year, "years": .year, "yr": .year, "yrs": .year, "decade": .decade, "decades": .decade,
        "fortnight": .fortnight, "fortnights": .fortnight, "quarter": .quarter, "quarters": .quarter,
        "weekend": .weekend, "century": .century,
        "minute": .subDay, "minutes": .subDay, "min": .subDay, "mins": .subDay, "hour": .subDay, "hours": .subDay,
        "hr": .subDay, "hrs": .subDay,
    ]
    /// Decade words ("the seventies").
    static let decadeWords: WordTable<Int> = [
        "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
        "eighties": 80, "nineties": 90, "noughties": 0, "tens": 10,
    ]

    /// Whether a word names a month, weekday or calendar unit (counts never use these as nouns).
    static func isDateWord(_ w: String) -> Bool {
        (months[w] != nil && !ambiguousMonths.contains(w)) || weekdays[w] != nil || (units[w] != nil && units[w] != .subDay)
    }
}

/// A calendar unit.
enum DateUnit: Sendable {
    case day, week, month, year, decade, fortnight, quarter, weekend, century
    /// Minutes and hours: a shift by them stays on the reference day (times of day are not modelled).
    case subDay
}
