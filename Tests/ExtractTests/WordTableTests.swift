import Foundation
import Testing
@testable import Extract

/// `WordTable` and `WordSet` must answer exactly as the `Dictionary` and `Set<String>` they replaced.
@Suite("Word tables")
struct WordTableTests {
    /// Words to ask about: every key, the same in other letter cases and cut short, and every word of the corpora.
    static var probes: [String] {
        var words = Set<String>()
        let lists: [[String]] = [
            NumeralWords.units.keys, NumeralWords.tens.keys, NumeralWords.scales.keys, NumeralWords.ordinals.keys,
            DateWords.months.keys, DateWords.weekdays.keys, DateWords.units.keys, UnitsLexicon.index.keys,
            MoneyRules.names.keys, DateRules.starters.words, CountRules.notNouns.words,
        ]
        let keys = lists.flatMap { $0 }
        for k in keys {
            words.formUnion([k, k.uppercased(), k.capitalized, String(k.dropLast()), k + "s", " " + k])
        }
        for corpus in RecognizerCorpora.all {
            for text in corpus.positives.map(\.unmarked.text) + corpus.negatives.map(\.text) {
                words.formUnion(text.split(whereSeparator: { $0 == " " }).map(String.init))
                words.formUnion(Tokenizer.tokenize(text).flatMap { [$0.text, $0.lower] })
            }
        }
        // Long words (not stored inline), non-ASCII ones, and the empty string.
        words.formUnion(["", "kilowatt-hours-per-annum", "ரூ", "元", "µg", "μg", "café", "cafe\u{301}", "millionsandmillions"])
        return words.sorted()
    }

    @Test("a table built from a dictionary gives the dictionary's answer for every word")
    func sameAsDictionary() {
        var dictionary: [String: Int] = [:]
        let words: [[String]] = [NumeralWords.units.keys, DateWords.months.keys, UnitsLexicon.index.keys, ["kilowatt-hours-per-annum", "ரூ", "µg"]]
        for (k, word) in words.flatMap({ $0 }).enumerated() {
            dictionary[word] = k
        }
        let table = WordTable(dictionary)
        #expect(table.count == dictionary.count)
        for word in WordTableTests.probes {
            #expect(table[word] == dictionary[word], "'\(word)'")
        }
    }

    @Test("a word set answers as a Set<String>")
    func sameAsSet() {
        let words = Set(DateRules.starters.words)
        for word in WordTableTests.probes {
            #expect(DateRules.starters.contains(word) == words.contains(word), "'\(word)'")
        }
    }

    @Test("a repeated key keeps its last value")
    func repeatedKey() {
        let table = WordTable([("one", 1), ("two", 2), ("one", 3)])
        #expect(table["one"] == 3 && table["two"] == 2 && table.count == 2)
    }

    @Test("every key of the rule packs' tables has no other canonically equivalent spelling")
    func keysAreStable() {
        let lists: [[String]] = [
            NumeralWords.units.keys, NumeralWords.tens.keys, NumeralWords.scales.keys, NumeralWords.ordinals.keys,
            NumeralWords.ordinalScales.keys, NumeralWords.specialDenominators.keys, DateWords.months.keys,
            DateWords.weekdays.keys, DateWords.units.keys, DateWords.decadeWords.keys, DateWords.ambiguousMonths.words,
            DateWords.ambiguousWeekdays.words, DateRules.starters.words, DateRules.monthCues.words,
            DateRules.isoWeekCues.words, DateRules.boundWords.keys, DateRules.fiscalRelative.keys, MoneyRules.names.keys,
            MoneyRules.codes.words, MoneyRules.upperOnlyCodes.words, MoneyRules.dollarPrefixes.keys,
            MoneyRules.qualified.keys, MoneyRules.subunits.words, CountRules.notNouns.words, CountRules.foldWords.keys,
            CountRules.comparatives.words, Analysis.namingWords.words, Analysis.tenseWords.keys, UnitsRules.scales.keys,
            UnitsRules.temperatureCues.words, UnitsLexicon.times.keys, UnitsLexicon.timeAdverbs.keys,
            UnitsLexicon.perPerson.words, UnitsLexicon.index.keys,
        ]
        let keys = lists.flatMap { $0 }
        #expect(keys.count > 300)
        for k in keys {
            // Such a key is its own composed and decomposed form, and holds no character that decomposes to it.
            #expect(k.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(k.unicodeScalars), "'\(k)'")
            #expect(k.decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(k.unicodeScalars), "'\(k)'")
        }
    }
}
