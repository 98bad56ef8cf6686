import ClaimModel
import Foundation
@testable import Reconcile
import Testing

/// Cases shaped like the sample articles, found when running the whole pipeline over inputs/.
@Suite("reconcile on sample-shaped claims")
struct SampleShapedTests {
    @Test("a bound compatible with both sides of a dispute does not hide the conflict")
    func boundDoesNotHideConflict() throws {
        let docs = [document("d-a", published: nil, author: "A"), document("d-b", published: nil, author: "B"),
                    document("d-c", published: "2025-10-01", site: "C")]
        let r = try reconcile(docs, [
            money("c-63", doc: "d-a", billions: 63),
            money("c-68", doc: "d-b", billions: 68),
            money("c-65", doc: "d-c", billions: 65, approximation: .atLeast, hedge: "surpassing"),
        ])
        let fact = try #require(r.facts.first { $0.metric == "bilateral trade" })
        #expect(fact.status == .conflict)
        #expect(Set(fact.supporting + fact.dissenting) == ["c-63", "c-65", "c-68"])
        #expect(fact.dissenting.count == 1)
    }

    @Test("a claim without a period does not join an open target period such as 'by 2030'")
    func undatedClaimSkipsOpenPeriods() throws {
        var target = money("c-100", doc: "d-a", billions: 100, period: period(nil, "2030-12-31", "by 2030"))
        target.modality = .target
        let docs = [document("d-a", published: "2025-12-02"), document("d-b", published: "2025-10-01")]
        let r = try reconcile(docs, [target, money("c-65", doc: "d-b", billions: 65, approximation: .atLeast)])
        let targetFact = try #require(r.facts.first { $0.supporting.contains("c-100") })
        #expect(!targetFact.supporting.contains("c-65"))
        #expect(targetFact.status == .singleSource)
    }

    @Test("parts add up against the current total, not a target in the same document")
    func partsIgnoreTargets() throws {
        var target = money("c-100", doc: "d-a", billions: 100, period: period(nil, "2030-12-31", "by 2030"))
        target.modality = .target
        let r = try reconcile([document("d-a", published: "2025-12-16")], [
            target,
            money("c-68", doc: "d-a", billions: 68),
            money("c-60", doc: "d-a", billions: 60, approximation: .approximate, hedge: "approximately", metric: "exports",
                  role: "part-of:bilateral trade"),
            money("c-5", doc: "d-a", billions: 5, approximation: .approximate, hedge: "about", metric: "imports",
                  role: "part-of:bilateral trade"),
        ])
        let sum = try #require(r.checks.first { $0.kind == "sum" })
        #expect(Set(sum.claims) == ["c-5", "c-60", "c-68"])
        #expect(sum.status == .consistent)
    }
}
