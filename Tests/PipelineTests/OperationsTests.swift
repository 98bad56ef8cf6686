import ClaimModel
import Foundation
import Synchronization
@testable import Pipeline
import Testing

/// A fresh folder under the system temporary folder.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A small batch: two documents with one claim each, and one fact.
func sampleBatch(text: String = "Trade reached $63 billion.") -> Batch {
    let doc = Document(id: Document.id(forContent: Array(text.utf8)), path: "a.txt", format: .text, text: text)
    let other = Document(id: "d-00000000000000bb", path: "b.txt", format: .text, status: .quarantined, error: "ingest: 'b.txt' is empty")
    let value = ClaimValue(dimension: .money, unit: "USD", min: 63_000_000_000, max: 63_000_000_000)
    let claim = Claim(id: Claim.id(document: doc.id, start: 13, end: 25), document: doc.id, quote: text, span: [13, 25],
                      subject: nil, metric: "trade", value: value, approximation: .exact, modality: .reported,
                      period: nil, speaker: nil, text: "$63 billion")
    return Batch(documents: [doc, other], claims: [claim])
}

@Suite("run history store")
struct RunStoreTests {
    func start(_ id: String, _ day: String) -> RunStart {
        RunStart(id: id, asOf: day, startedAt: "\(day)T00:00:00Z", configHash: "c", cacheKey: "k", full: false)
    }

    @Test("a new store applies the named migrations in order, and opening it again applies nothing twice")
    func migrations() throws {
        let url = try temporaryFolder("store").appendingPathComponent("h.sqlite")
        let store = try RunStore(url: url)
        let names = ["v1-runs-documents-claims", "v2-incremental-cache", "v3-history-as-spans", "v4-claims-by-document"]
        #expect(try store.appliedMigrations() == names)
        let again = try RunStore(url: url)
        #expect(try again.appliedMigrations() == names)
        let tables = try again.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0] }
        #expect(Set(tables).isSuperset(of: ["runs", "run_order", "document_rows", "document_spans", "claim_rows", "claim_spans",
                                            "facts", "extractions", "file_fingerprints"]))
        // v2's history tables are views now, with the same columns.
        let views = try again.query("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").compactMap { $0[0] }
        #expect(views == ["claims", "documents", "run_claims", "run_documents"])
    }

    @Test("claims keep their first-seen run and gain a last-seen run each night; runs are counted")
    func trackingAcrossNights() throws {
        let store = try RunStore(url: try temporaryFolder("store").appendingPathComponent("h.sqlite"))
        let batch = sampleBatch()
        let end = RunEnd(finishedAt: "t", exitCode: 0, durationSeconds: 1)
        try store.beginRun(start("r1", "2025-12-19"))
        try store.completeRun(id: "r1", asOf: "2025-12-19", batch: batch, cache: nil, end: end)
        try store.beginRun(start("r2", "2025-12-20"))
        try store.completeRun(id: "r2", asOf: "2025-12-20", batch: batch, cache: nil, end: end)
        let claim = try store.query("SELECT first_seen_run, last_seen_run, last_seen_as_of FROM claims")
        #expect(claim == [["r1", "r2", "2025-12-20"]])
        #expect(try store.query("SELECT run_id FROM run_claims ORDER BY run_id") == [["r1"], ["r2"]])
        let runs = try store.query("SELECT id, status, documents, quarantined, claims FROM runs ORDER BY id")
        #expect(runs == [["r1", "completed", "2", "1", "1"], ["r2", "completed", "2", "1", "1"]])
        let quarantined = try store.query("SELECT path, error FROM run_documents WHERE run_id = 'r2' AND status = 'quarantined'")
        #expect(quarantined == [["b.txt", "ingest: 'b.txt' is empty"]])
        let document = try store.query("SELECT content_hash, first_seen_as_of, last_seen_as_of FROM documents WHERE path = 'a.txt'")
        #expect(document.first?[1] == "2025-12-19" && document.first?[2] == "2025-12-20")
        #expect(document.first?[0]?.count == 16)
    }

    @Test("cached extractions read from several threads at once each come back whole, also while a write waits")
    func concurrentCacheReads() throws {
        let store = try RunStore(url: try temporaryFolder("readers").appendingPathComponent("h.sqlite"))
        let texts = (0..<40).map { "Trade reached $\($0 + 10) billion in the year \(2000 + $0)." }
        let rows = texts.map { text -> (documentID: String, document: Data, claims: Data) in
            let batch = sampleBatch(text: text)
            return (batch.documents[0].id, StoreCodec.encode(batch.documents[0]), StoreCodec.encode(batch.claims))
        }
        try store.writeExtractions(rows, cacheKey: "k", runID: "r1")
        let misses = Mutex(0), wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            let text = texts[i % texts.count]
            let expected = sampleBatch(text: text)
            if i % 100 == 50 {
                // A write between the reads: the readers see it or not, and neither side fails.
                try? store.writeExtractions([rows[0]], cacheKey: "k", runID: "r2")
            }
            guard let entry = try? store.cachedExtraction(documentID: expected.documents[0].id, cacheKey: "k") else {
                misses.withLock { $0 += 1 }
                return
            }
            if entry.document != expected.documents[0] || entry.claims != expected.claims { wrong.withLock { $0 += 1 } }
        }
        #expect(misses.withLock { $0 } == 0)
        #expect(wrong.withLock { $0 } == 0)
        #expect(try store.cachedExtraction(documentID: "d-0000000000000000", cacheKey: "k") == nil)
    }

    @Test("a run left 'running' by a killed process is marked interrupted by the next one")
    func interruptedRuns() throws {
        let store = try RunStore(url: try temporaryFolder("store").appendingPathComponent("h.sqlite"))
        try store.beginRun(start("dead", "2025-12-19"))
        #expect(try store.beginRun(start("next", "2025-12-20")) == 1)
        #expect(try store.query("SELECT status FROM runs WHERE id = 'dead'") == [["interrupted"]])
        try store.failRun(id: "next", end: RunEnd(finishedAt: "t", exitCode: 1, durationSeconds: 0, message: "stage 'x' failed"))
        #expect(try store.query("SELECT status, exit_code, message FROM runs WHERE id = 'next'") == [["failed", "1", "stage 'x' failed"]])
    }

    @Test("fresh extractions are cached under the key and come back for the same file; other keys see nothing")
    func cacheRoundTrip() throws {
        let folder = try temporaryFolder("cache")
        let file = folder.appendingPathComponent("a.txt")
        try Data("Trade reached $63 billion.".utf8).write(to: file)
        let store = try RunStore(url: folder.appendingPathComponent("h.sqlite"))
        let batch = sampleBatch()
        let first = try IncrementalCache(store: store, key: "k1", lookups: true)
        #expect(first.cachedDocument(at: file, relativePath: "a.txt") == nil)
        first.recordFresh(batch)
        try store.beginRun(start("r1", "2025-12-19"))
        try store.completeRun(id: "r1", asOf: "2025-12-19", batch: batch, cache: first,
                              end: RunEnd(finishedAt: "t", exitCode: 0, durationSeconds: 0))
        let second = try IncrementalCache(store: store, key: "k1", lookups: true)
        let restored = second.cachedDocument(at: file, relativePath: "a.txt")
        #expect(restored == batch.documents[0])
        #expect(second.reusable(batch.documents) == [batch.documents[0].id: batch.claims])
        #expect(second.skippedParses == 1)
        let otherKey = try IncrementalCache(store: store, key: "k2", lookups: true)
        #expect(otherKey.cachedDocument(at: file, relativePath: "a.txt") == nil)
        #expect(otherKey.reusable(batch.documents).isEmpty)
        let full = try IncrementalCache(store: store, key: "k1", lookups: false)
        #expect(full.cachedDocument(at: file, relativePath: "a.txt") == nil)
        // Any write moves the change time, so an edited file is read again even with the same size.
        try Data("Trade reached $64 billion.".utf8).write(to: file)
        let third = try IncrementalCache(store: store, key: "k1", lookups: true)
        #expect(third.cachedDocument(at: file, relativePath: "a.txt") == nil)
    }
}

@Suite("run lock")
struct RunLockTests {
    @Test("a second holder is refused with the holder's pid; the lock frees when the holder goes")
    func exclusive() throws {
        let path = try temporaryFolder("lock").appendingPathComponent("claimtrack.lock").path
        var first: RunLock? = try RunLock(path: path)
        #expect(first != nil)
        #expect(throws: RunLockHeld.self) { try RunLock(path: path) }
        do {
            _ = try RunLock(path: path)
        } catch let held as RunLockHeld {
            #expect(held.pid == getpid())
            #expect(held.description.contains("holds the lock '\(path)'"))
        }
        first = nil
        let second = try RunLock(path: path)
        #expect(second.tookOverFrom == nil)
    }

    @Test("the lock frees when its holder goes even while another descriptor shares its open file, as a spawning child's does")
    func freedDespiteACopy() throws {
        let path = try temporaryFolder("lock").appendingPathComponent("claimtrack.lock").path
        var first: RunLock? = try RunLock(path: path)
        // A process spawned on another thread holds a copy of each descriptor from its fork until its exec; `dup`
        // makes that copy here without the timing (such copies made the test above fail now and then, while other
        // tests spawned processes).
        let copy = dup(try #require(first).descriptor)
        #expect(copy >= 0)
        defer { close(copy) }
        first = nil
        let second = try RunLock(path: path)
        #expect(second.tookOverFrom == nil)
        #expect(throws: RunLockHeld.self) { try RunLock(path: path) }
    }

    @Test("a lock file naming a dead process is taken over")
    func staleLock() throws {
        let path = try temporaryFolder("lock").appendingPathComponent("claimtrack.lock").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        let dead = process.processIdentifier
        try Data("\(dead)\n".utf8).write(to: URL(fileURLWithPath: path))
        let lock = try RunLock(path: path)
        #expect(lock.tookOverFrom == dead)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "\(getpid())\n")
    }
}

@Suite("per-document time limit")
struct TimeLimitTests {
    @Test("a document past the limit is quarantined as timed out while the others finish")
    func timesOut() async {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 1, day: 1)!, runID: "r", startedAt: "",
                                   inputs: dir, outputs: dir, projectDirectory: dir, concurrency: 2, documentTimeLimit: 0.3)
        let docs = (0..<4).map { Document(id: "d\($0)", path: "p\($0)", format: .text, text: "\($0)") }
        let clock = ContinuousClock.now
        let (out, results) = await context.forEachDocument(docs, stage: "extract") { doc in
            if doc.id == "d1" { Thread.sleep(forTimeInterval: 120) }
            return doc.text
        }
        // Well under the 120 s the body sleeps, with room for a busy machine: other tests that block the cooperative
        // pool (waiting on child processes) can delay the resumption by tens of seconds.
        #expect(ContinuousClock.now - clock < .seconds(90))
        #expect(results == ["0", nil, "2", "3"])
        #expect(out[1].status == .quarantined)
        #expect(out[1].error == "extract: timed out after 0.3s; expected each document to finish within run.documentTimeLimitSeconds")
    }

    @Test("long-lived workers run a large batch; a hung document is reported as timed out and its worker replaced")
    func workerPool() async {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let pool = DocumentWorkers(idleSeconds: 600)
        var context = StageContext(asOf: CalendarDay(year: 2025, month: 1, day: 1)!, runID: "r", startedAt: "",
                                   inputs: dir, outputs: dir, projectDirectory: dir, concurrency: 2, documentTimeLimit: 2)
        context.workers = pool
        let docs = (0..<300).map { Document(id: "d\($0)", path: "p\($0)", format: .text, text: "\($0)") }
        let release = DispatchSemaphore(value: 0)
        let (out, results) = await context.forEachDocument(docs, stage: "extract") { doc in
            // d0 hangs until the test lets it go; the others take 10 ms each, 3 s in all, so documents are still
            // queued when d0 runs out of time after 2 s.
            if doc.id == "d0" { release.wait() } else { Thread.sleep(forTimeInterval: 0.01) }
            return doc.text
        }
        release.signal()
        #expect(results == docs.map { $0.id == "d0" ? nil : $0.text })
        #expect(out[0].status == .quarantined)
        #expect(out[0].error == "extract: timed out after 2s; expected each document to finish within run.documentTimeLimitSeconds")
        #expect(out.dropFirst().allSatisfy { $0.status == .ok && $0.error == nil })
        // Two workers for the batch and one started in place of the abandoned one; a thread per document made 300.
        #expect(pool.threadsStarted == 3)
    }

    @Test("the pool runs at most the caller's concurrency at once, whatever is queued")
    func workerPoolWidth() async {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        var context = StageContext(asOf: CalendarDay(year: 2025, month: 1, day: 1)!, runID: "r", startedAt: "",
                                   inputs: dir, outputs: dir, projectDirectory: dir, concurrency: 3, documentTimeLimit: 30)
        context.workers = DocumentWorkers(idleSeconds: 600)
        let docs = (0..<60).map { Document(id: "d\($0)", path: "p\($0)", format: .text, text: "\($0)") }
        let counter = RunningCounter()
        let (_, results) = await context.forEachDocument(docs, stage: "extract") { doc in
            counter.enter()
            Thread.sleep(forTimeInterval: 0.005)
            counter.leave()
            return doc.text
        }
        #expect(results == docs.map(\.text))
        #expect(counter.most <= 3)
        #expect(context.workers.threadsStarted == 3)
    }

    @Test("documents the store restored are passed over")
    func skipsRestored() async {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        var context = StageContext(asOf: CalendarDay(year: 2025, month: 1, day: 1)!, runID: "r", startedAt: "",
                                   inputs: dir, outputs: dir, projectDirectory: dir, concurrency: 2, documentTimeLimit: 5)
        context.skippedDocuments = ["d0"]
        let docs = (0..<2).map { Document(id: "d\($0)", path: "p\($0)", format: .text, text: "\($0)") }
        let (out, results) = await context.forEachDocument(docs, stage: "extract") { $0.text }
        #expect(results == [nil, "1"])
        #expect(out.allSatisfy { $0.status == .ok })
    }

    @Test("claims are put in document order, keeping their order within a document")
    func documentOrder() {
        let batch = sampleBatch()
        var a = batch.claims[0]
        var b = a
        b.document = "d-00000000000000bb"
        a.id = "second"
        let ordered = Runner.inDocumentOrder([b, batch.claims[0], a], documents: batch.documents)
        #expect(ordered.map(\.id) == [batch.claims[0].id, "second", b.id])
    }
}

@Suite("store and run settings in pipeline.json")
struct RunSettingsTests {
    @Test("the store and run objects are optional; {} gives the defaults")
    func defaults() throws {
        let bare = try validate(#"{"version":1,"stages":[{"id":"t","type":"toy"}]}"#).get()
        #expect(bare.store == .defaults && bare.run == .defaults)
        let empty = try validate(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"store":{},"run":{}}"#).get()
        #expect(empty.store == .defaults && empty.run == .defaults)
        let set = try validate(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"store":{"path":"h.sqlite"},"run":{"documentTimeLimitSeconds":2.5,"concurrency":3}}"#).get()
        #expect(set.store.path == "h.sqlite")
        #expect(set.run == RunSettings(documentTimeLimitSeconds: 2.5, concurrency: 3, maxClaimsPerDocument: 500))
    }

    @Test("unknown keys and bad values are reported with their path")
    func errors() {
        let found = issues(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"stor":{},"run":{"documentTimeLimit":1},"store":{"path":""}}"#)
        #expect(found.contains { $0.hasPrefix("$.stor: found unknown key 'stor'") && $0.contains("did you mean 'store'?") })
        #expect(found.contains { $0.hasPrefix("$.run.documentTimeLimit:") && $0.contains("did you mean 'documentTimeLimitSeconds'?") })
        #expect(issues(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"run":{"concurrency":0}}"#)
            == ["$.run.concurrency: found 0, expected a positive integer or null"])
        #expect(found.contains { $0.hasPrefix("$.store.path: found \"\"") })
        #expect(issues(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"run":{"documentTimeLimitSeconds":0}}"#)
            == ["$.run.documentTimeLimitSeconds: found 0.0, expected a positive number of seconds"])
        #expect(issues(#"{"version":1,"stages":[{"id":"t","type":"toy"}],"run":[]}"#) == ["$.run: found [], expected an object"])
    }

    @Test("the store path resolves against the config folder, and defaults to the outputs folder")
    func storePath() {
        let outputs = URL(fileURLWithPath: "/srv/out")
        let project = URL(fileURLWithPath: "/srv/project")
        #expect(StoreSettings.defaults.resolvedURL(outputs: outputs, projectDirectory: project).path == "/srv/out/claimtrack.sqlite")
        #expect(StoreSettings(path: "h/x.sqlite").resolvedURL(outputs: outputs, projectDirectory: project).path == "/srv/project/h/x.sqlite")
        #expect(StoreSettings(path: "/var/lib/c.sqlite").resolvedURL(outputs: outputs, projectDirectory: project).path == "/var/lib/c.sqlite")
    }
}

/// Counts bodies running at once and remembers the most.
private final class RunningCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private(set) var most = 0
    func enter() { lock.lock(); now += 1; most = max(most, now); lock.unlock() }
    func leave() { lock.lock(); now -= 1; lock.unlock() }
}
