import ClaimModel
import Foundation
import Pipeline
import Testing

@Suite("run history: facts' values on earlier nights")
struct FactHistoryTests {
    static func fact(_ id: String, billions: Decimal, status: FactStatus = .singleSource) -> Fact {
        Fact(id: id, label: "trade", subject: "India–US", metric: "trade", period: nil, status: status,
             value: .exact(billions * 1_000_000_000, .money, unit: "USD"), confidence: 0.5,
             supporting: [], dissenting: [], superseded: [], explanation: "")
    }

    /// Records one run of `facts` as of `day` in `store`, completed unless `completed` is false.
    static func record(_ store: RunStore, _ id: String, _ day: String, _ facts: [Fact], completed: Bool = true) throws {
        var batch = sampleBatch()
        batch.facts = facts
        try store.beginRun(RunStart(id: id, asOf: day, startedAt: "\(day)T00:00:00Z", configHash: "c", cacheKey: "k", full: false))
        if completed {
            try store.completeRun(id: id, asOf: day, batch: batch, cache: nil,
                                  end: RunEnd(finishedAt: "\(day)T01:00:00Z", exitCode: 0, durationSeconds: 1))
        } else {
            try store.failRun(id: id, end: RunEnd(finishedAt: "\(day)T01:00:00Z", exitCode: 1, durationSeconds: 1, message: "x"))
        }
    }

    @Test("each earlier night's last completed run, oldest first, for the asked ids only; failed runs and later nights left out")
    func nights() throws {
        let store = try RunStore(url: try temporaryFolder("history").appendingPathComponent("h.sqlite"))
        try Self.record(store, "r1", "2025-12-18", [Self.fact("f-a", billions: 63, status: .conflict), Self.fact("f-b", billions: 1)])
        try Self.record(store, "r2", "2025-12-19", [Self.fact("f-a", billions: 99)], completed: false)
        try Self.record(store, "r3", "2025-12-19", [Self.fact("f-a", billions: 64)])
        // A second completed run of the same night replaces the first.
        try Self.record(store, "r4", "2025-12-19", [Self.fact("f-a", billions: 65), Self.fact("f-c", billions: 2)])
        try Self.record(store, "r5", "2025-12-21", [Self.fact("f-a", billions: 70)])
        let tonight = try #require(CalendarDay(iso: "2025-12-20"))
        let history = try store.factHistory(ids: ["f-a", "f-b", "f-missing"], before: tonight)
        #expect(Set(history.keys) == ["f-a", "f-b"])
        let a = try #require(history["f-a"])
        #expect(a.map(\.asOf.iso) == ["2025-12-18", "2025-12-19"])
        #expect(a.map(\.runID) == ["r1", "r4"])
        #expect(a.map(\.value.min) == [63_000_000_000, 65_000_000_000])
        #expect(a.map(\.value) == [Self.fact("x", billions: 63).value, Self.fact("x", billions: 65).value])
        #expect(a.map(\.status) == [.conflict, .singleSource])
        #expect(history["f-b"]?.map(\.asOf.iso) == ["2025-12-18"])
        // At most the latest `nights` nights.
        #expect(try store.factHistory(ids: ["f-a", "f-b"], before: tonight, nights: 1) == ["f-a": [a[1]]])
        #expect(try store.factHistory(ids: [], before: tonight).isEmpty)
        #expect(try store.factHistory(ids: ["f-a"], before: try #require(CalendarDay(iso: "2025-12-18"))).isEmpty)
    }
}
