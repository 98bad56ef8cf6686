import ClaimModel
import Foundation
import Pipeline
import Testing
@testable import Reconcile

/// Reconcile drops document text after copy detection only when no later stage reads it.
@Suite("reconcile: document text after copy detection")
struct DocumentTextTests {
    static let shared = "The two countries agreed to raise bilateral trade to one hundred billion dollars by the end of the decade, "
        + "officials said after talks in the capital on Friday, adding that energy and defence deals were also signed."

    @Test("text is dropped when no later stage reads it, kept otherwise, and the result is the same either way")
    func textDroppedOnlyWhenUnneeded() async throws {
        // Two sources printing the same wire text: copy detection has to read the text to link them.
        let docs = [document("a", published: "2025-12-01", site: "alpha", text: Self.shared),
                    document("b", published: "2025-12-02", site: "beta", text: Self.shared + " More to follow.")]
        let claims = [money("c-1", doc: "a", billions: 100), money("c-2", doc: "b", billions: 100)]
        let stage = try ReconcileStage(options: .defaults)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-text-\(UUID().uuidString)")
        var context = StageContext(asOf: CalendarDay(iso: "2025-12-20")!, runID: "r", startedAt: "2025-12-20T00:00:00Z",
                                   inputs: folder, outputs: folder, projectDirectory: folder)
        let kept = try await stage.run(Batch(documents: docs, claims: claims), in: context)
        #expect(kept.documents.map(\.text) == docs.map(\.text))
        context.documentTextNeededLater = false
        let dropped = try await stage.run(Batch(documents: docs, claims: claims), in: context)
        #expect(dropped.documents.allSatisfy { $0.text.isEmpty })
        #expect(dropped.documents.map(\.id) == docs.map(\.id))
        // Copying was found from the text before it was dropped.
        #expect(dropped.sources.first { $0.name == "beta" }?.copiesFrom == ["alpha"])
        #expect(dropped.sources == kept.sources)
        #expect(dropped.facts == kept.facts)
    }
}
