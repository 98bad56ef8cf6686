import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Reconcile

/// Reviewer decisions as a run applies them: rejections, accepted values, dependent sources, pinned reliabilities,
/// stale and missing decisions.
@Suite struct ReviewApplicationTests {
    let docs = [
        document("d-a", published: "2025-12-02", site: "alpha"),
        document("d-b", published: "2025-12-03", site: "beta"),
        document("d-c", published: "2025-12-04", site: "gamma"),
    ]
    /// Two sources say $68 billion, one says $63 billion: a conflict decided for 68.
    var claims: [Claim] {
        [money("c-68a", doc: "d-a", billions: 68), money("c-68b", doc: "d-b", billions: 68), money("c-63", doc: "d-c", billions: 63)]
    }
    let stage = try! ReconcileStage(options: .defaults)

    func decide(_ action: ReviewAction, fact: Fact? = nil, claim: String? = nil, sources: [String]? = nil,
                reliability: Double? = nil, value: ClaimValue? = nil, claims: [Claim] = [], why: String = "checked") -> ReviewDecision {
        let byID = Dictionary(claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ReviewDecision(action: action, fact: fact?.id, claim: claim, sources: sources, reliability: reliability,
                              value: value ?? fact?.value, factStatusWhenDecided: fact?.status, factValueWhenDecided: fact?.value,
                              factFingerprint: fact?.evidenceFingerprint(claims: byID), factClaimsWhenDecided: fact?.allClaimIDs,
                              by: "ana", at: "2025-12-20T09:00:00Z", why: why)
    }

    @Test func rejectedClaimIsListedButLeftOutOfTheDecision() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        #expect(fact.status == .conflict)
        let r = stage.reconcile(documents: docs, claims: claims,
                                reviews: ReviewFile(decisions: [decide(.reject, fact: fact, claim: "c-63", claims: before.claims, why: "misread")]))
        let after = try #require(r.facts.first)
        #expect(after.id == fact.id)
        #expect(after.status == .agreed)
        #expect(after.rejected == ["c-63"])
        #expect(!after.dissenting.contains("c-63") && !after.supporting.contains("c-63"))
        #expect(after.explanation.contains("rejected"))
        let rejected = try #require(r.claims.first { $0.id == "c-63" }?.rejected)
        #expect(rejected.by == "ana" && rejected.why == "misread" && !rejected.stale)
        #expect(r.reviews.map(\.state) == [.applied])
        #expect(r.reviews.first?.fact == fact.id)
    }

    @Test func acceptedValueWinsAndTheConflictStaysVisible() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        #expect(fact.value.min == 68_000_000_000)
        let sixtyThree = try #require(claims.first { $0.id == "c-63" }).value
        let r = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile(decisions: [
            decide(.accept, fact: fact, value: sixtyThree, claims: before.claims, why: "ministry data"),
        ]))
        let after = try #require(r.facts.first)
        #expect(after.value.min == 63_000_000_000)
        #expect(after.status == .conflict)
        #expect(after.supporting == ["c-63"])
        #expect(Set(after.dissenting) == ["c-68a", "c-68b"])
        let review = try #require(after.review)
        #expect(review.value.min == 63_000_000_000 && review.by == "ana" && review.why == "ministry data" && !review.stale)
        #expect(r.reviews.map(\.state) == [.applied])
    }

    @Test func acceptingTheCurrentValueChangesNothingButTheReview() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        let r = stage.reconcile(documents: docs, claims: claims,
                                reviews: ReviewFile(decisions: [decide(.accept, fact: fact, claims: before.claims)]))
        var after = try #require(r.facts.first)
        #expect(after.review?.stale == false)
        after.review = nil
        #expect(after == fact)
    }

    @Test func dependentSourcesCountAsOneWitness() throws {
        let agreeing = [money("c-1", doc: "d-a", billions: 68), money("c-2", doc: "d-b", billions: 68)]
        let before = stage.reconcile(documents: docs, claims: agreeing, reviews: ReviewFile())
        #expect(before.facts.first?.status == .agreed)
        let r = stage.reconcile(documents: docs, claims: agreeing,
                                reviews: ReviewFile(decisions: [decide(.dependent, sources: ["alpha", "beta"])]))
        let fact = try #require(r.facts.first)
        #expect(fact.status == .singleSource)
        #expect(fact.explanation.contains("a reviewer marked them dependent"))
        // A reviewer's dependency is not copying: the sources table keeps only detected copies.
        #expect(r.sources.allSatisfy { $0.copiesFrom.isEmpty })
        #expect(r.reviews.map(\.state) == [.applied])
    }

    @Test func pinnedReliabilityHoldsThroughTruthDiscovery() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        #expect(before.sources.first { $0.name == "gamma" }?.reliability != 0.95)
        let r = stage.reconcile(documents: docs, claims: claims,
                                reviews: ReviewFile(decisions: [decide(.pin, sources: ["gamma"], reliability: 0.95)]))
        #expect(r.sources.first { $0.name == "gamma" }?.reliability == 0.95)
        // Others are still estimated: a source that dissents loses reliability, one that agrees does not.
        #expect(r.sources.first { $0.name == "alpha" }?.reliability == before.sources.first { $0.name == "alpha" }?.reliability)
    }

    @Test func pinningOneSourceVeryHighTurnsTheDecision() throws {
        // Two low-prior sources against one pinned near-certain one: the pinned source's value wins.
        var options = ReconcileOptions.defaults
        options.defaultPrior = 0.3
        let stage = try ReconcileStage(options: options)
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        #expect(before.facts.first?.value.min == 68_000_000_000)
        let r = stage.reconcile(documents: docs, claims: claims,
                                reviews: ReviewFile(decisions: [decide(.pin, sources: ["gamma"], reliability: 1.0)]))
        #expect(r.facts.first?.value.min == 63_000_000_000)
    }

    @Test func decisionIsStaleWhenItsFactGainsAClaim() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        let reviews = ReviewFile(decisions: [decide(.accept, fact: fact, claims: before.claims),
                                             decide(.reject, fact: fact, claim: "c-63", claims: before.claims)])
        let same = stage.reconcile(documents: docs, claims: claims, reviews: reviews)
        #expect(same.reviews.map(\.state) == [.applied, .applied])

        let docs = self.docs + [document("d-d", published: "2025-12-05", site: "delta")]
        let more = claims + [money("c-70", doc: "d-d", billions: 70)]
        let r = stage.reconcile(documents: docs, claims: more, reviews: reviews)
        #expect(r.reviews.map(\.state) == [.stale, .stale])
        let review = try #require(r.facts.first?.review)
        #expect(review.stale)
        #expect(review.note?.contains("new claim c-70") == true)
        #expect(r.claims.first { $0.id == "c-63" }?.rejected?.stale == true)
    }

    @Test func decisionIsStaleWhenAClaimIsReadDifferently() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        let reviews = ReviewFile(decisions: [decide(.accept, fact: fact, claims: before.claims)])
        var changed = claims
        changed[2].approximation = .approximate
        let r = stage.reconcile(documents: docs, claims: changed, reviews: reviews)
        #expect(r.reviews.first?.state == .stale)
        #expect(r.facts.first?.review?.note?.contains("read differently") == true)
    }

    @Test func decisionsNamingWhatIsGoneAreReportedNotFatal() throws {
        let before = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile())
        let fact = try #require(before.facts.first)
        var ghost = fact
        ghost.id = "f-0000000000000000"
        let r = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile(decisions: [
            decide(.accept, fact: ghost, claims: before.claims),
            decide(.reject, claim: "c-gone"),
            decide(.pin, sources: ["nobody"], reliability: 0.1),
            decide(.dependent, sources: ["alpha", "nobody"]),
            decide(.reject, fact: fact, claim: "c-63", claims: before.claims),
        ]))
        #expect(r.reviews.map(\.state) == [.missing, .missing, .missing, .missing, .applied])
        #expect(r.reviews[0].note?.contains("f-0000000000000000") == true)
        #expect(r.reviews[1].note?.contains("c-gone") == true)
        #expect(r.reviews[3].note?.contains("'nobody'") == true)
        #expect(r.facts.first?.status == .agreed)
    }

    @Test func aFactWhoseClaimsAreAllRejectedIsDroppedAndItsRejectionsReported() throws {
        let single = [money("c-1", doc: "d-a", billions: 68)]
        let r = stage.reconcile(documents: docs, claims: single,
                                reviews: ReviewFile(decisions: [decide(.reject, claim: "c-1")]))
        #expect(r.facts.isEmpty)
        #expect(r.reviews.map(\.state) == [.applied])
        #expect(r.claims.first?.rejected != nil)
    }

    @Test func theLastDecisionOnATargetIsTheOneInForce() throws {
        let r = stage.reconcile(documents: docs, claims: claims, reviews: ReviewFile(decisions: [
            decide(.pin, sources: ["gamma"], reliability: 0.1), decide(.pin, sources: ["gamma"], reliability: 0.9),
        ]))
        #expect(r.reviews.count == 1)
        #expect(r.sources.first { $0.name == "gamma" }?.reliability == 0.9)
    }

    @Test func reviewsAreReadFromTheProjectFolderAndABrokenFileStopsTheStage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-reviews-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = StageContext(asOf: CalendarDay(iso: "2025-12-20")!, runID: "r", startedAt: "2025-12-20T00:00:00Z",
                                   inputs: folder, outputs: folder, projectDirectory: folder)
        let batch = Batch(documents: docs, claims: claims)
        // No file yet: no decisions, and the batch says reviews were not read.
        let none = try await stage.run(batch, in: context)
        #expect(none.reviews == nil)

        let file = ReviewFile(decisions: [decide(.reject, claim: "c-63")])
        try JSONEncoder().encode(file).write(to: folder.appendingPathComponent("reviews.json"))
        let applied = try await stage.run(batch, in: context)
        #expect(applied.reviews?.map(\.state) == [.applied])
        #expect(applied.facts.first?.rejected == ["c-63"])

        // With reviews off, the same file is ignored.
        var off = ReconcileOptions.defaults
        off.reviews = nil
        let ignored = try await ReconcileStage(options: off).run(batch, in: context)
        #expect(ignored.reviews == nil && ignored.facts.first?.rejected == nil)

        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("reviews.json"))
        await #expect(throws: ReviewFileError.self) { try await stage.run(batch, in: context) }
    }

    @Test func reviewsKeyDecodesNullAsOffAndMissingAsTheDefault() throws {
        let missing = try ReconcileOptions.strictlyDecoded(from: try JSONParser.parse(Array("{}".utf8))).get()
        #expect(missing.reviews == "reviews.json")
        let null = try ReconcileOptions.strictlyDecoded(from: try JSONParser.parse(Array(#"{"reviews": null}"#.utf8))).get()
        #expect(null.reviews == nil)
        let named = try ReconcileOptions.strictlyDecoded(from: try JSONParser.parse(Array(#"{"reviews": "r/x.json"}"#.utf8))).get()
        #expect(named.reviews == "r/x.json")
    }
}
