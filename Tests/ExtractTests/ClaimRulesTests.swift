import ClaimModel
import Foundation
@testable import Extract
import Testing

@Suite("claim rules: negation, automatic metric keys, event years, rule trace")
struct ClaimRulesTests {
    func build(_ text: String) -> [Claim] {
        ClaimBuilder().claims(for: Document(id: "d-r", path: "r.txt", format: .text, text: text))
    }

    @Test("a value the text denies is marked negated; bounds and unrelated clauses are not")
    func negation() {
        let denied = build("Bilateral trade did not exceed $5 billion last year.")
        #expect(denied.first { $0.value.dimension == .money }?.negated == true)
        let count = build("The ministers did not sign 12 agreements at the summit.")
        #expect(count.first { $0.value.dimension == .count }?.negated == true)
        // "no more than" bounds the value, it does not deny it.
        let bound = build("Tariffs will be no more than 15% next year.")
        #expect(bound.first { $0.value.dimension == .percent }?.negated == nil)
        // A negation in another clause does not reach the value.
        let other = build("The deal was not signed, but trade rose 12% in 2024.")
        #expect(other.first { $0.value.dimension == .percent }?.negated == nil)
        #expect(build("Trade rose 12% in 2024.").allSatisfy { $0.negated == nil })
    }

    @Test("quantities outside the lexicon get keys from the head noun of what they measure")
    func headNounKeys() {
        let revenue = build("The retailer's revenue rose 3.5 percent to $27.2 billion.")
        #expect(revenue.map(\.metric) == ["percent of revenue", "money of revenue"])
        let perShare = build("Analysts were expecting $2.52 a share.")
        #expect(perShare.first?.metric == "money of share")
        #expect(perShare.first?.modality == .forecast)
        // A bare number with the noun it counts is a count claim, with a key of its own.
        let crashes = build("The crashes killed a total of 346 people.")
        #expect(crashes.first?.metric == "count of people")
        #expect(crashes.first?.value.min == 346)
        let partitive = build("Emirates will purchase 30 of Boeing's 787 jets.")
        #expect(partitive.first?.metric == "count of jets")
        #expect(partitive.first?.text == "30")
        // Automatic keys name one value: they do not carry on to the next sentence as lexicon metrics do.
        let two = build("Varlamov stopped 27 shots. Rask made 25 saves.")
        #expect(two.map(\.metric) == ["count of shots", "count of saves"])
    }

    @Test("names with digits and plain nouns after numbers are not counts")
    func notCounts() {
        let names = build("Boeing sold 787 Dreamliner jets and the Red Dead Redemption 2 port runs; Emirates ordered A350-900 jets.")
        #expect(!names.contains { $0.value.dimension == .count })
        let adjective = build("They are two important and close partners.")
        #expect(adjective.isEmpty)
        #expect(build("The team won the 2019 Los Angeles Auto Show award.").isEmpty)
    }

    @Test("a sports 'goal' is not a target cue, a goal of a value is")
    func targetNouns() {
        #expect(build("Nelson scored his second goal of the game and Varlamov stopped 27 shots.").first?.modality == .reported)
        #expect(build("The goal of the plan is $100 billion.").first?.modality == .target)
    }

    @Test("years after a verb form of an event noun date the event, the whole list of them")
    func eventYears() {
        let visits = build("Putin previously visited India in 2000, 2004, 2010, 2014, and 2021.")
        #expect(visits.map(\.text) == ["2000", "2004", "2010", "2014", "2021"])
        #expect(visits.allSatisfy { $0.metric == "visit dates" })
        // Several events, one year each: a series, not rival dates of one visit.
        #expect(visits.allSatisfy { $0.role == "series" })
        #expect(build("The summit was held in 2019.").first?.role == nil)
    }

    @Test("the rule trace names the recognizer, the metric rule, the period cue, modality, negation, subject and speaker")
    func explain() throws {
        let doc = Document(id: "d-e", path: "e.txt", format: .text,
                           text: "India and Russia aim to raise bilateral trade to $100 billion by 2030, Peskov said. Revenue did not rise 5% in 2024.")
        let builder = ClaimBuilder()
        let explained = builder.explainedClaims(for: doc)
        // Tracing does not change the claims.
        #expect(explained.map(\.claim) == builder.claims(for: doc))
        let target = try #require(explained.first { $0.claim.value.min == 100 * billion })
        let rules = target.rules.joined(separator: "\n")
        #expect(rules.contains("value: money recognizer found '$100 billion'"))
        #expect(rules.contains("metric: lexicon entry 'bilateral trade'"))
        #expect(rules.contains("period: nearest period-like date 'by 2030'"))
        #expect(rules.contains("modality: cue 'by-period 'by 2030'' → target"))
        #expect(rules.contains("speaker: attributed in the sentence: Peskov"))
        #expect(rules.contains("subject: "))
        let denied = try #require(explained.first { $0.claim.value.dimension == .percent })
        #expect(denied.claim.negated == true)
        #expect(denied.rules.contains { $0.hasPrefix("negation: cue 'not'") })
        #expect(denied.rules.contains { $0.hasPrefix("metric: automatic key: head noun 'revenue'") })
    }
}
