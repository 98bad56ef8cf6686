import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Reconcile
import TestSupport

@Suite struct FactTests {
    let docs = [
        document("d-a", published: "2025-12-02", site: "sundayguardian"),
        document("d-b", published: "2025-12-16", author: "Anvar Azimov"),
        document("d-c", published: "2025-10-01", site: "wion"),
    ]

    @Test func differentValuesConflict() throws {
        let r = try reconcile(docs, [money("c-63", doc: "d-a", billions: 63), money("c-68", doc: "d-b", billions: 68)])
        #expect(r.facts.count == 1)
        let fact = try #require(r.facts.first)
        #expect(fact.status == .conflict)
        #expect(fact.supporting.count == 1 && fact.dissenting.count == 1)
        #expect(fact.explanation.contains("sundayguardian") && fact.explanation.contains("Anvar Azimov"))
        #expect(fact.id.hasPrefix("f-") && fact.id.count == 18)
    }

    @Test func boundAndValueAreCompatible() throws {
        let r = try reconcile(docs, [
            money("c-65", doc: "d-c", billions: 65, approximation: .atLeast, hedge: "surpassing"),
            money("c-687", doc: "d-b", billions: 68.7),
        ])
        let fact = try #require(r.facts.first)
        #expect(fact.status == .compatible)
        #expect(fact.value.min == 68_700_000_000)
        #expect(fact.dissenting.isEmpty)
    }

    @Test func equalValuesFromTwoSourcesAgree() throws {
        let r = try reconcile(docs, [money("c-1", doc: "d-a", billions: 68), money("c-2", doc: "d-b", billions: 68.5)])
        #expect(r.facts.first?.status == .agreed)
        #expect((r.facts.first?.confidence ?? 0) > 0.9)
    }

    @Test func visitDatesAgreeInferYearAndSupersedeForecast() throws {
        let docs = [
            document("d-ani", published: "2025-12-03", attributions: ["Based On ANI Report"]),
            document("d-late", published: "2025-12-16", site: "ruslist"),
            document("d-undated", published: nil, attributions: ["Source: aajtak"]),
            document("d-oct", published: "2025-10-01", site: "wion"),
        ]
        let r = try reconcile(docs, [
            visit("c-ani", doc: "d-ani", start: "2025-12-04", end: "2025-12-05"),
            visit("c-late", doc: "d-late", start: "2025-12-04", end: "2025-12-05"),
            visit("c-undated", doc: "d-undated", start: nil, end: nil, unresolved: "--12-04/--12-05"),
            visit("c-oct", doc: "d-oct", start: "2025-12-05", end: "2025-12-06", modality: .hedged),
        ])
        let fact = try #require(r.facts.first { $0.metric == "visit dates" && $0.value.start != nil })
        #expect(fact.status == .agreed)
        #expect(fact.value.start?.iso == "2025-12-04" && fact.value.end?.iso == "2025-12-05")
        #expect(fact.superseded == ["c-oct"])
        #expect(fact.supersededBy["c-oct"] == "c-ani")
        #expect(fact.dissenting.isEmpty)
        #expect(Set(fact.supporting) == ["c-ani", "c-late", "c-undated"])
        #expect(fact.explanation.contains("inferred"))
        let bound = try #require(r.claims.first { $0.id == "c-undated" })
        #expect(bound.value.inferredFrom == fact.id)
        #expect(bound.value.start?.iso == "2025-12-04")
        #expect(r.facts.count == 1)
    }

    @Test func periodsMakeATimeSeriesNotAConflict() throws {
        let r = try reconcile(docs, [
            percent("c-70", doc: "d-b", 70, period: period(nil, "2013-12-31", "prior to 2014")),
            percent("c-55", doc: "d-b", 55, period: period("2015-01-01", "2020-12-31", "2015-2020")),
            percent("c-36", doc: "d-b", 36, period: period("2021-01-01", "2025-12-16", "recent years")),
        ])
        #expect(r.facts.count == 3)
        #expect(r.facts.allSatisfy { $0.status == .singleSource && $0.metric == "share of arms imports" })
    }

    @Test func periodlessClaimJoinsThePeriodHoldingItsDate() throws {
        let r = try reconcile(docs, [
            percent("c-a", doc: "d-a", 36, period: nil),
            percent("c-b", doc: "d-b", 36, period: period("2021-01-01", "2025-12-31", "recent years")),
        ])
        #expect(r.facts.count == 1)
        #expect(r.facts.first?.status == .agreed)
        #expect(r.facts.first?.explanation.contains("document's date") == true)
    }

    @Test func shuffledInputGivesTheSameOutcome() throws {
        var claims: [Claim] = [money("c-63", doc: "d-a", billions: 63), money("c-68", doc: "d-b", billions: 68)]
        claims.append(money("c-65", doc: "d-c", billions: 65, approximation: .atLeast, hedge: "surpassing"))
        claims.append(percent("c-70", doc: "d-b", 70, period: period(nil, "2013-12-31")))
        claims.append(visit("c-v", doc: "d-a", start: "2025-12-04", end: "2025-12-05"))
        claims.append(visit("c-u", doc: "d-b", start: nil, end: nil, unresolved: "--12-04/--12-05"))
        claims.append(number("c-11", doc: "d-a", 11, metric: "phone calls", role: "total"))
        claims.append(number("c-4", doc: "d-a", 4, metric: "phone calls", role: "item-of:phone calls"))
        let reference = try reconcile(docs, claims)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let r = try reconcile(docs.shuffled(using: &generator), claims.shuffled(using: &generator))
            #expect(r.facts == reference.facts)
            #expect(r.checks == reference.checks)
            #expect(r.sources == reference.sources)
            #expect(r.claims.sorted { $0.id < $1.id } == reference.claims.sorted { $0.id < $1.id })
        }
    }
}


@Suite struct CheckTests {
    let docs = [document("d-x", published: "2025-12-16", author: "Anvar Azimov")]

    func change(ratio: Decimal, hedge: String?) -> [Claim] {
        let q = "trade grew almost fivefold, from $13 billion to $68 billion"
        return [
            money("c-from", doc: "d-x", billions: 13, role: "change.from", quote: q),
            money("c-to", doc: "d-x", billions: 68, role: "change.to", quote: q),
            number("c-ratio", doc: "d-x", ratio, dimension: ClaimModel.Dimension.multiplier, metric: "bilateral trade", role: "change.ratio",
                   approximation: hedge == nil ? Approximation.exact : Approximation.atMost, hedge: hedge, quote: q),
        ]
    }

    @Test func ratioWithinHedgeIsConsistent() throws {
        let r = try reconcile(docs, change(ratio: 5, hedge: "almost"))
        let check = try #require(r.checks.first { $0.kind == "ratio" })
        #expect(check.status == .consistent)
        #expect(check.explanation.contains("5.23"))
        #expect(r.facts.allSatisfy { !$0.supporting.contains("c-from") })
    }

    @Test func ratioFarOffIsInconsistent() throws {
        let r = try reconcile(docs, change(ratio: 3, hedge: nil))
        #expect(r.checks.first { $0.kind == "ratio" }?.status == .inconsistent)
    }

    @Test func hedgedPartsSumToTotal() throws {
        let r = try reconcile(docs, [
            money("c-ex", doc: "d-x", billions: 60, approximation: .approximate, hedge: "approximately", metric: "exports", role: "part-of:bilateral trade"),
            money("c-im", doc: "d-x", billions: 5, approximation: .approximate, hedge: "about", metric: "imports", role: "part-of:bilateral trade"),
            money("c-tot", doc: "d-x", billions: 68),
        ])
        let check = try #require(r.checks.first { $0.kind == "sum" })
        #expect(check.status == .consistent)
        #expect(check.explanation.contains("65"))
        #expect(Set(check.claims) == ["c-ex", "c-im", "c-tot"])
    }

    @Test func exactPartsFarFromTotalAreInconsistent() throws {
        let r = try reconcile(docs, [
            money("c-ex", doc: "d-x", billions: 60, metric: "exports", role: "part-of:bilateral trade"),
            money("c-im", doc: "d-x", billions: 5, metric: "imports", role: "part-of:bilateral trade"),
            money("c-tot", doc: "d-x", billions: 90),
        ])
        #expect(r.checks.first { $0.kind == "sum" }?.status == .inconsistent)
    }

    @Test func partsFallBackToTheFactOfTheMetric() throws {
        let docs = self.docs + [document("d-y", published: "2025-12-02", site: "sundayguardian")]
        let r = try reconcile(docs, [
            money("c-ex", doc: "d-x", billions: 60, approximation: .approximate, hedge: "approximately", metric: "exports", role: "part-of:bilateral trade"),
            money("c-im", doc: "d-x", billions: 5, approximation: .approximate, hedge: "about", metric: "imports", role: "part-of:bilateral trade"),
            money("c-tot", doc: "d-y", billions: 64),
        ])
        let check = try #require(r.checks.first { $0.kind == "sum" })
        #expect(check.status == .consistent)
        #expect(check.explanation.contains("from fact"))
    }

    @Test func itemisedCounts() throws {
        func claims(total: Decimal) -> [Claim] {
            [number("c-t", doc: "d-x", total, metric: "phone calls", role: "total"),
             number("c-1", doc: "d-x", 4, metric: "phone calls", role: "item-of:phone calls"),
             number("c-2", doc: "d-x", 2, metric: "phone calls", role: "item-of:phone calls"),
             number("c-3", doc: "d-x", 5, metric: "phone calls", role: "item-of:phone calls")]
        }
        #expect(try reconcile(docs, claims(total: 11)).checks.first { $0.kind == "count" }?.status == .consistent)
        #expect(try reconcile(docs, claims(total: 12)).checks.first { $0.kind == "count" }?.status == .inconsistent)
    }
}

@Suite struct SourceTests {
    @Test func sourceNamePreference() {
        #expect(ReconcileStage.sourceName(for: document("d-1", published: nil, site: "wion", author: "X", attributions: ["Source: aajtak"])) == "wion")
        #expect(ReconcileStage.sourceName(for: document("d-1", published: nil, attributions: ["Based On ANI Report"])) == "ANI")
        #expect(ReconcileStage.sourceName(for: document("d-1", published: nil, attributions: ["Source: aajtak"])) == "aajtak")
        #expect(ReconcileStage.sourceName(for: document("d-1", published: nil, author: "Anvar Azimov")) == "Anvar Azimov")
        #expect(ReconcileStage.sourceName(for: document("d-1", published: nil)) == "d-1")
    }

    @Test func attributionCopiesCountOnce() throws {
        let docs = [
            document("d-1", published: "2025-12-03", site: "zeenews", attributions: ["Based On ANI Report"]),
            document("d-2", published: "2025-12-03", site: "thestatesman", attributions: ["With inputs from ANI"]),
        ]
        let r = try reconcile(docs, [money("c-1", doc: "d-1", billions: 68), money("c-2", doc: "d-2", billions: 68)])
        #expect(r.sources.first { $0.name == "zeenews" }?.copiesFrom == ["ANI"])
        #expect(r.facts.first?.status == .singleSource)
        #expect(r.facts.first?.explanation.contains("counted once") == true)
    }

    @Test func nearDuplicateTextIsCopying() throws {
        let text = "Russian President Vladimir Putin will visit India from December 4-5, marking his first visit in four years and attending the annual summit."
        let docs = [
            document("d-1", published: "2025-12-01", site: "first", text: text),
            document("d-2", published: "2025-12-02", site: "second", text: text + " More words follow here."),
        ]
        let r = try reconcile(docs, [])
        #expect(r.sources.first { $0.name == "second" }?.copiesFrom == ["first"])
        #expect(r.sources.first { $0.name == "first" }?.copiesFrom == [])
    }

    @Test func reliabilityFallsForASourceThatDissents() throws {
        let docs = [document("d-1", published: "2025-12-01", site: "a"), document("d-2", published: "2025-12-01", site: "b"),
                    document("d-3", published: "2025-12-01", site: "c")]
        let r = try reconcile(docs, [
            money("c-1", doc: "d-1", billions: 68), money("c-2", doc: "d-2", billions: 68), money("c-3", doc: "d-3", billions: 40),
        ])
        let c = try #require(r.sources.first { $0.name == "c" })
        let a = try #require(r.sources.first { $0.name == "a" })
        #expect(c.reliability < a.reliability)
        #expect(r.facts.first?.value.min == 68_000_000_000)
    }
}

@Suite struct OptionsTests {
    @Test func emptyObjectDecodesToDefaults() throws {
        let o = try JSONDecoder().decode(ReconcileOptions.self, from: Data("{}".utf8))
        #expect(o == ReconcileOptions.defaults)
        let p = try JSONDecoder().decode(ReconcileOptions.self, from: Data(#"{"tolerance": 0.05}"#.utf8))
        #expect(p.tolerance == 0.05 && p.iterations == 10)
    }

    @Test func outOfRangeValuesAreRejected() {
        var o = ReconcileOptions.defaults
        o.tolerance = 2
        o.iterations = 0
        #expect(throws: ConfigError.self) { try ReconcileStage(options: o) }
    }
}
