import ClaimModel
import Foundation
import GRDB
@testable import Pipeline
import Testing
import TestSupport

/// One ok document per (path, text), with a claim on each of the given spans of its text (default: the first three
/// characters), as the per-document stages hand them to the store.
func historyBatch(_ files: [(path: String, text: String)], spans: [[Int]] = [[0, 3]], billions: Decimal = 63) -> Batch {
    var batch = Batch()
    for (path, text) in files {
        let document = Document(id: Document.id(forContent: Array(text.utf8)), path: path, format: .text, text: text)
        batch.documents.append(document)
        for span in spans {
            let value = ClaimValue(dimension: .money, unit: "USD", min: billions * 1_000_000_000, max: billions * 1_000_000_000)
            batch.claims.append(Claim(id: Claim.id(document: document.id, start: span[0], end: span[1]), document: document.id,
                                      quote: text, span: span, subject: nil, metric: "trade", value: value,
                                      approximation: .exact, modality: .reported, period: nil, speaker: nil,
                                      text: String(Array(text)[span[0]..<span[1]])))
        }
    }
    return batch
}

/// Every column of every row as text (nil for NULL), as `RunStore.query` gives them, from a database of the test's own.
func texts(_ db: Database, _ sql: String) throws -> [[String?]] {
    try Row.fetchAll(db, sql: sql).map { row in
        row.databaseValues.map { value in
            switch value.storage {
            case .null: return nil
            case .int64(let n): return String(n)
            case .double(let d): return String(d)
            case .string(let s): return s
            case .blob(let data): return String(decoding: data, as: UTF8.self)
            }
        }
    }
}

/// The statements the store ran for a run until schema v2 (`beginRun`'s insert, then `completeRun` without a cache),
/// reproduced to write a history as v2 left it: the reference the spans are checked against.
enum V2History {
    static func run(_ db: Database, id: String, asOf: String, finishedAt: String, batch: Batch, cacheKey: String = "k",
                    reused: Set<String> = []) throws {
        try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
        try db.execute(sql: """
            INSERT INTO runs (id, as_of, started_at, config_hash, cache_key, full, status) VALUES (?, ?, ?, 'c', ?, 0, 'running')
            """, arguments: [id, asOf, "\(asOf)T00:00:00Z", cacheKey])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for table in ["run_documents", "run_claims", "facts"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [id])
        }
        for d in batch.documents {
            let hash = d.id.hasPrefix("d-") ? String(d.id.dropFirst(2)) : d.id
            try db.execute(sql: """
                INSERT INTO documents (id, content_hash, path, format, first_seen_run, first_seen_as_of, last_seen_run,
                                       last_seen_as_of, last_status, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET path = excluded.path, format = excluded.format,
                    last_seen_run = excluded.last_seen_run, last_seen_as_of = excluded.last_seen_as_of,
                    last_status = excluded.last_status, last_error = excluded.last_error
                """, arguments: [d.id, hash, d.path, d.format.rawValue, id, asOf, id, asOf, d.status.rawValue, d.error])
            try db.execute(sql: """
                INSERT OR REPLACE INTO run_documents (run_id, path, document_id, status, error, reused) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, d.path, d.id, d.status.rawValue, d.error, reused.contains(d.id)])
        }
        for c in batch.claims {
            let value = String(decoding: try encoder.encode(c.value), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO claims (id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of,
                                    last_seen_run, last_seen_as_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET subject = excluded.subject, metric = excluded.metric, text = excluded.text,
                    value_json = excluded.value_json, last_seen_run = excluded.last_seen_run,
                    last_seen_as_of = excluded.last_seen_as_of
                """, arguments: [c.id, c.document, c.subject, c.metric, c.text, value, id, asOf, id, asOf])
            try db.execute(sql: "INSERT OR IGNORE INTO run_claims (run_id, claim_id) VALUES (?, ?)", arguments: [id, c.id])
        }
        let quarantined = batch.documents.filter { $0.status == .quarantined }.count
        try db.execute(sql: """
            UPDATE runs SET status = 'completed', finished_at = ?, exit_code = 0, duration_seconds = 1, documents = ?,
                quarantined = ?, claims = ?, facts = 0, conflicts = 0, parsed = ?, reused = ?
            WHERE id = ?
            """, arguments: [finishedAt, batch.documents.count, quarantined, batch.claims.count,
                             batch.documents.count, reused.count, id])
    }
}

/// The questions the history answers, asked of the four v2 names (tables until v2, views since v3).
let historyQuestions = [
    "SELECT * FROM claims ORDER BY id",
    "SELECT * FROM run_claims ORDER BY run_id, claim_id",
    "SELECT * FROM documents ORDER BY id",
    "SELECT * FROM run_documents ORDER BY run_id, path",
]

@Suite("run history: spans of runs")
struct RunHistoryTests {
    /// A store in a fresh folder.
    func newStore() throws -> RunStore {
        try RunStore(url: try temporaryFolder("history").appendingPathComponent("h.sqlite"))
    }

    /// Runs `id` as of `day` over `batch` through `beginRun` and `completeRun`, finishing at `finished`.
    func night(_ store: RunStore, _ id: String, _ day: String, _ batch: Batch, key: String = "k", finished: String? = nil) throws {
        try store.beginRun(RunStart(id: id, asOf: day, startedAt: "\(day)T00:00:00Z", configHash: "c", cacheKey: key, full: false))
        try store.completeRun(id: id, asOf: day, batch: batch, cache: nil,
                              end: RunEnd(finishedAt: finished ?? "\(day)T01:00:00Z", exitCode: 0, durationSeconds: 1))
    }

    let alpha = (path: "a.txt", text: "Alpha trade reached $63 billion.")
    let beta = (path: "b.txt", text: "Beta trade reached $63 billion.")

    @Test("a claim that disappears and comes back keeps its first-seen run; the runs that saw it leave out the gap")
    func disappearsAndComesBack() throws {
        let store = try newStore()
        let both = historyBatch([alpha, beta]), onlyAlpha = historyBatch([alpha])
        let a = both.claims[0].id, b = both.claims[1].id
        try night(store, "r1", "2025-12-19", both)
        try night(store, "r2", "2025-12-20", onlyAlpha)
        #expect(try store.query("SELECT first_seen_run, last_seen_run, last_seen_as_of FROM claims WHERE id = '\(b)'")
                == [["r1", "r1", "2025-12-19"]])
        #expect(try store.query("SELECT path, last_seen_run FROM documents ORDER BY path") == [["a.txt", "r2"], ["b.txt", "r1"]])
        try night(store, "r3", "2025-12-21", both)
        #expect(try store.query("SELECT first_seen_run, first_seen_as_of, last_seen_run, last_seen_as_of FROM claims WHERE id = '\(b)'")
                == [["r1", "2025-12-19", "r3", "2025-12-21"]])
        #expect(try store.query("SELECT run_id FROM run_claims WHERE claim_id = '\(b)' ORDER BY run_id") == [["r1"], ["r3"]])
        #expect(try store.query("SELECT claim_id FROM run_claims WHERE run_id = 'r2'") == [[a]])
        #expect(try store.query("SELECT run_id, path FROM run_documents ORDER BY run_id, path")
                == [["r1", "a.txt"], ["r1", "b.txt"], ["r2", "a.txt"], ["r3", "a.txt"], ["r3", "b.txt"]])
        #expect(try store.query("SELECT path, first_seen_run, last_seen_run, last_seen_as_of, last_status FROM documents ORDER BY path")
                == [["a.txt", "r1", "r3", "2025-12-21", "ok"], ["b.txt", "r1", "r3", "2025-12-21", "ok"]])
        // What is stored: one span per unbroken stretch of runs, the latest left open; one row per claim.
        #expect(try store.query("SELECT from_seq, to_seq FROM claim_spans WHERE claim_id = '\(a)'") == [["1", nil]])
        #expect(try store.query("SELECT from_seq, to_seq FROM claim_spans WHERE claim_id = '\(b)' ORDER BY from_seq")
                == [["1", "1"], ["3", nil]])
        #expect(try store.query("SELECT count(*) FROM claim_rows") == [["2"]])
    }

    @Test("a night that sees what the last one saw writes only its run's own rows, however many documents there are")
    func unchangedNightWritesNothingPerDocument() throws {
        let store = try newStore()
        let files = (0..<40).map { (path: "f\($0).txt", text: "File \($0) says trade reached $\($0) billion.") }
        let batch = historyBatch(files, spans: [[0, 4], [5, 7]])
        try night(store, "r1", "2025-12-19", batch)
        try night(store, "r2", "2025-12-20", batch)
        let before = try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? ""))
        try night(store, "r3", "2025-12-21", batch)
        let after = try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? ""))
        // The run row (inserted, then marked completed) and its number in `run_order`.
        #expect(after - before == 3)
        #expect(try store.query("SELECT count(*) FROM run_claims WHERE run_id = 'r3'") == [["80"]])
        #expect(try store.query("SELECT count(*) FROM claims WHERE last_seen_run = 'r3' AND first_seen_run = 'r1'") == [["80"]])
        // One document changed: its old claims' spans close, the new ones open, and only the new claims are written.
        var changed = batch
        let edited = historyBatch([(path: "f7.txt", text: "File 7 now says trade reached $8 billion.")], spans: [[0, 4], [5, 7]])
        changed.documents[7] = edited.documents[0]
        changed.claims.replaceSubrange(14..<16, with: edited.claims)
        let start = try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? ""))
        try night(store, "r4", "2025-12-22", changed)
        let done = try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? ""))
        // 3 for the run, 2 for the path's span (closed, opened), the document's row, 2 claim rows, 4 claim spans
        // (2 closed, 2 opened).
        #expect(done - start == 12)
        #expect(try store.query("SELECT count(*) FROM claims WHERE last_seen_run = 'r3'") == [["2"]])
    }

    @Test("a pinned run run again replaces what it saw; what only its first attempt saw was last seen by the run before")
    func pinnedRunAgain() throws {
        let store = try newStore()
        let both = historyBatch([alpha, beta])
        let a = both.claims[0].id, b = both.claims[1].id
        try night(store, "r1", "2025-12-19", both, finished: "2025-12-19T01:00:00Z")
        try night(store, "pinned", "2025-12-01", both, finished: "2025-12-19T02:00:00Z")
        #expect(try store.query("SELECT last_seen_run FROM claims ORDER BY id") == [["pinned"], ["pinned"]])
        try night(store, "pinned", "2025-12-01", historyBatch([alpha]), finished: "2025-12-19T03:00:00Z")
        #expect(try store.query("SELECT count(*) FROM runs WHERE id = 'pinned'") == [["1"]])
        #expect(try store.query("SELECT claim_id FROM run_claims WHERE run_id = 'pinned'") == [[a]])
        #expect(try store.query("SELECT path FROM run_documents WHERE run_id = 'pinned'") == [["a.txt"]])
        #expect(Set(try store.query("SELECT id, first_seen_run, last_seen_run, last_seen_as_of FROM claims"))
                == [[a, "r1", "pinned", "2025-12-01"], [b, "r1", "r1", "2025-12-19"]])
        #expect(try store.query("SELECT run_id FROM run_claims WHERE claim_id = '\(b)'") == [["r1"]])
        #expect(try store.query("SELECT last_seen_run FROM documents WHERE path = 'b.txt'") == [["r1"]])
        // The next night continues from the second attempt.
        try night(store, "r2", "2025-12-20", both)
        #expect(try store.query("SELECT run_id FROM run_claims WHERE claim_id = '\(b)' ORDER BY run_id") == [["r1"], ["r2"]])
    }

    @Test("a run that fails inside the final transaction leaves the last night's history as it was; it can complete after")
    func failedTransaction() throws {
        let folder = try temporaryFolder("history")
        let url = folder.appendingPathComponent("h.sqlite")
        let store = try RunStore(url: url)
        try night(store, "r1", "2025-12-19", historyBatch([alpha, beta]))
        let stored = ["SELECT * FROM claim_spans ORDER BY document_id, claim_id, from_seq", "SELECT * FROM document_spans ORDER BY path, from_seq",
                      "SELECT * FROM claim_rows ORDER BY id", "SELECT * FROM document_rows ORDER BY id", "SELECT * FROM run_order"]
        let before = try (historyQuestions + stored).map { try store.query($0) }
        // The last statement of the transaction, marking the run completed, fails: everything before it is undone.
        let other = try DatabaseQueue(path: url.path)
        try other.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE UPDATE OF status ON runs WHEN NEW.status = 'completed'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        let changed = historyBatch([alpha, (path: "c.txt", text: "Gamma trade reached $9 billion.")])
        try store.beginRun(RunStart(id: "r2", asOf: "2025-12-20", startedAt: "s", configHash: "c", cacheKey: "k", full: false))
        #expect(throws: (any Error).self) {
            try store.completeRun(id: "r2", asOf: "2025-12-20", batch: changed, cache: nil,
                                  end: RunEnd(finishedAt: "2025-12-20T01:00:00Z", exitCode: 0, durationSeconds: 1))
        }
        #expect(try (historyQuestions + stored).map { try store.query($0) } == before)
        #expect(try store.query("SELECT status FROM runs WHERE id = 'r2'") == [["running"]])
        try other.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        try store.completeRun(id: "r2", asOf: "2025-12-20", batch: changed, cache: nil,
                              end: RunEnd(finishedAt: "2025-12-20T01:00:00Z", exitCode: 0, durationSeconds: 1))
        #expect(try store.query("SELECT path FROM run_documents WHERE run_id = 'r2' ORDER BY path") == [["a.txt"], ["c.txt"]])
        #expect(try store.query("SELECT path, last_seen_run FROM documents ORDER BY path")
                == [["a.txt", "r2"], ["b.txt", "r1"], ["c.txt", "r2"]])
    }

    @Test("stored claims are written again only when a run's cache key differs from the one they were written under")
    func claimsRewrittenUnderNewKey() throws {
        let store = try newStore()
        try night(store, "r1", "2025-12-19", historyBatch([alpha], billions: 63), key: "k1")
        // Same key: the per-document stages make the same claims, so the stored row stands.
        try night(store, "r2", "2025-12-20", historyBatch([alpha], billions: 64), key: "k1")
        #expect(try store.query("SELECT value_json FROM claims")[0][0]?.contains("63000000000") == true)
        // Another key (a new build, other options): the document's claims are written again.
        try night(store, "r3", "2025-12-21", historyBatch([alpha], billions: 64), key: "k2")
        #expect(try store.query("SELECT instr(value_json, '64000000000') > 0, first_seen_run, last_seen_run FROM claims")
                == [["1", "r1", "r3"]])
        #expect(try store.query("SELECT claims_key FROM document_spans WHERE to_seq IS NULL") == [["k2"]])
    }

    @Test("a document seen under another key with no claims now, or gone after a night without a key, leaves no claim open")
    func claimsCloseWithoutAKeyToTrust() throws {
        let store = try newStore()
        try night(store, "r1", "2025-12-19", historyBatch([alpha, beta]), key: "k1")
        // A new build finds no claims in alpha: its claim is no longer seen, though alpha is.
        var noClaims = historyBatch([alpha, beta])
        noClaims.claims.removeAll { $0.document == noClaims.documents[0].id }
        try night(store, "r2", "2025-12-20", noClaims, key: "k2")
        #expect(try store.query("SELECT count(*) FROM run_claims WHERE run_id = 'r2'") == [["1"]])
        // A run row without a key trusts no stored claims; beta gone after it still closes beta's claim.
        try night(store, "r3", "2025-12-21", historyBatch([alpha, beta]), key: "")
        try night(store, "r4", "2025-12-22", historyBatch([alpha]), key: "")
        #expect(try store.query("SELECT count(*) FROM run_claims WHERE run_id = 'r4'") == [["1"]])
        #expect(try store.query("SELECT count(*) FROM claim_spans WHERE to_seq IS NULL") == [["1"]])
    }

    @Test("the value of a date written without a year, which reconcile binds from other documents, follows the latest run")
    func boundDatesFollowTheLatestRun() throws {
        let store = try newStore()
        var batch = historyBatch([alpha])
        func bound(to year: Int) -> ClaimValue {
            ClaimValue(dimension: .date, start: CalendarDay(year: year, month: 3, day: 3), end: CalendarDay(year: year, month: 3, day: 3),
                       inferredFrom: "f-\(year)", unresolved: "--03-03", resolution: "inferred from fact f-\(year)")
        }
        batch.claims[0].value = bound(to: 2024)
        try night(store, "r1", "2025-12-19", batch)
        batch.claims[0].value = bound(to: 2025)
        try night(store, "r2", "2025-12-20", batch)
        #expect(try store.query("SELECT instr(value_json, 'f-2025') > 0, first_seen_run, last_seen_run FROM claims")
                == [["1", "r1", "r2"]])
        // An unchanged value is not written again.
        let before = try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? ""))
        try night(store, "r3", "2025-12-21", batch)
        #expect(try #require(Int(try store.query("SELECT total_changes()")[0][0] ?? "")) - before == 3)
    }

    @Test("with the cache, a run lists only the documents it did not reuse; fingerprints and cache rows follow the files")
    func cacheFollowsTheFiles() throws {
        let folder = try temporaryFolder("history")
        let store = try RunStore(url: folder.appendingPathComponent("h.sqlite"))
        let gamma = (path: "c.txt", text: "Gamma trade reached $9 billion.")
        func write(_ file: (path: String, text: String)) throws {
            try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.path))
        }
        /// One night as the runner drives the cache: ingest asks for each file, the stages run, the store records.
        func night(_ id: String, _ files: [(path: String, text: String)]) throws -> IncrementalCache {
            let cache = try IncrementalCache(store: store, key: "k", lookups: true, runID: id)
            for file in files { _ = cache.cachedDocument(at: folder.appendingPathComponent(file.path), relativePath: file.path) }
            let batch = historyBatch(files)
            _ = cache.reusable(batch.documents)
            cache.recordFresh(batch)
            try store.beginRun(RunStart(id: id, asOf: "2025-12-19", startedAt: "s", configHash: "c", cacheKey: "k", full: false))
            try store.completeRun(id: id, asOf: "2025-12-19", batch: batch, cache: cache,
                                  end: RunEnd(finishedAt: "\(id)", exitCode: 0, durationSeconds: 1))
            return cache
        }
        for file in [alpha, beta, gamma] { try write(file) }
        _ = try night("r1", [alpha, beta, gamma])
        #expect(try store.query("SELECT path, reused FROM run_documents WHERE run_id = 'r1' ORDER BY path")
                == [["a.txt", "0"], ["b.txt", "0"], ["c.txt", "0"]])
        #expect(try store.query("SELECT count(*) FROM run_fresh_documents") == [["0"]])
        let alphaPrint = try store.query("SELECT * FROM file_fingerprints WHERE path = 'a.txt'")
        // Night 2: c.txt edited, b.txt deleted, d.txt added; a.txt as it was.
        let edited = (path: "c.txt", text: "Gamma trade reached $10 billion.")
        let delta = (path: "d.txt", text: "Delta trade reached $1 billion.")
        try write(edited); try write(delta)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.txt"))
        let cache = try night("r2", [alpha, edited, delta])
        #expect(cache.reusedDocuments == [historyBatch([alpha]).documents[0].id])
        #expect(try store.query("SELECT path, reused FROM run_documents WHERE run_id = 'r2' ORDER BY path")
                == [["a.txt", "1"], ["c.txt", "0"], ["d.txt", "0"]])
        let fresh = historyBatch([edited, delta]).documents.map(\.id).sorted()
        #expect(try store.query("SELECT document_id FROM run_fresh_documents WHERE run_id = 'r2' ORDER BY document_id")
                == fresh.map { [$0] })
        #expect(try store.query("SELECT path FROM file_fingerprints ORDER BY path") == [["a.txt"], ["c.txt"], ["d.txt"]])
        #expect(try store.query("SELECT * FROM file_fingerprints WHERE path = 'a.txt'") == alphaPrint)
        let kept = historyBatch([alpha, edited, delta]).documents.map(\.id).sorted()
        #expect(try store.query("SELECT document_id FROM extractions ORDER BY document_id") == kept.map { [$0] })
        // A run under another key drops the rows of the old one.
        let other = try IncrementalCache(store: store, key: "k2", lookups: true, runID: "r3")
        try store.beginRun(RunStart(id: "r3", asOf: "2025-12-19", startedAt: "s", configHash: "c", cacheKey: "k2", full: false))
        try store.completeRun(id: "r3", asOf: "2025-12-19", batch: historyBatch([alpha, edited, delta]), cache: other,
                              end: RunEnd(finishedAt: "r3", exitCode: 0, durationSeconds: 1))
        #expect(try store.query("SELECT count(*) FROM extractions") == [["0"]])
    }

    @Test("a store written by schema v2 migrates to spans that answer every question as v2's tables did, and runs on")
    func migratesV2History() throws {
        let url = try temporaryFolder("history").appendingPathComponent("h.sqlite")
        let gamma = (path: "c.txt", text: "Gamma trade reached $9 billion.")
        var second = historyBatch([alpha, gamma])
        second.documents.append(Document.quarantined(path: "b.txt", id: "d-00000000000000bb", format: .text, reason: "ingest: empty"))
        let both = historyBatch([alpha, beta])
        var before: [[[String?]]] = []
        do {
            let old = try DatabaseQueue(path: url.path)
            try StoreSchema.migrator.migrate(old, upTo: "v2-incremental-cache")
            try old.write { db in
                try V2History.run(db, id: "r1", asOf: "2025-12-19", finishedAt: "2025-12-19T01:00:00Z", batch: both)
                try V2History.run(db, id: "r2", asOf: "2025-12-20", finishedAt: "2025-12-20T01:00:00Z", batch: second,
                                  reused: [both.documents[0].id])
                try db.execute(sql: """
                    INSERT INTO runs (id, as_of, started_at, config_hash, cache_key, status) VALUES ('dead', '2025-12-21', 's', 'c', 'k', 'failed')
                    """)
                try V2History.run(db, id: "r3", asOf: "2025-12-22", finishedAt: "2025-12-22T01:00:00Z", batch: both,
                                  reused: [both.documents[0].id, both.documents[1].id])
            }
            before = try old.read { db in try historyQuestions.map { try texts(db, $0) } }
        }
        #expect(before[1].count == 6 && before[3].count == 7)
        let store = try RunStore(url: url)
        #expect(try store.appliedMigrations().suffix(2) == ["v3-history-as-spans", "v4-claims-by-document"])
        #expect(try historyQuestions.map { try store.query($0) } == before)
        #expect(try store.query("SELECT count(*) FROM claim_spans") == [["4"]])
        #expect(try store.query("SELECT count(*) FROM claim_spans WHERE to_seq IS NULL") == [["2"]])
        #expect(try store.query("SELECT claims_key FROM document_spans WHERE to_seq IS NULL AND document_id = '\(both.documents[0].id)'")
                == [["k"]])
        // The next run goes on from the converted history.
        try night(store, "r4", "2025-12-23", historyBatch([beta]))
        #expect(try store.query("SELECT claim_id FROM run_claims WHERE run_id = 'r4'") == [[both.claims[1].id]])
        #expect(try store.query("SELECT last_seen_run FROM claims WHERE id = '\(both.claims[0].id)'") == [["r3"]])
        #expect(try store.query("SELECT first_seen_run, last_seen_run FROM claims WHERE id = '\(both.claims[1].id)'") == [["r1", "r4"]])
    }

    /// A random night: each of 10 paths is absent, quarantined, or holds one of three versions of a text with one to
    /// three claims (the same text has the same claims every night, as the per-document stages make them). Texts move
    /// between paths from night to night, never two paths holding one text. The cache key changes now and then (a new
    /// build): the claims stay the same, as the stages here do not change.
    func randomNight(_ random: inout SeededGenerator) -> (batch: Batch, key: String) {
        var batch = Batch()
        let shift = Int.random(in: 0..<3, using: &random)
        for p in 0..<10 {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: continue
            case 1:
                batch.documents.append(Document.quarantined(path: "p\(p).txt", id: "d-q\(p)", format: .text, reason: "ingest: x"))
            default:
                let version = Int.random(in: 0..<3, using: &random)
                let t = (p + shift) % 10
                let spans = (0...((t + version) % 3)).map { [$0 * 4, $0 * 4 + 3] }
                let text = "Text \(t) version \(version) reached $\(t) billion."
                let one = historyBatch([(path: "p\(p).txt", text: text)], spans: spans)
                batch.documents += one.documents
                batch.claims += one.claims
            }
        }
        return (batch, Int.random(in: 0..<4, using: &random) == 0 ? "k2" : "k")
    }

    @Test("over random nights the spans answer every question exactly as v2's per-run rows did", arguments: [1, 2, 3, 4] as [UInt64])
    func matchesV2OverRandomNights(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let store = try newStore()
        let reference = try DatabaseQueue(path: try temporaryFolder("history").appendingPathComponent("v2.sqlite").path)
        try StoreSchema.migrator.migrate(reference, upTo: "v2-incremental-cache")
        for n in 1...12 {
            let (batch, key) = randomNight(&random)
            let id = "r\(String(format: "%02d", n))", day = "2025-12-\(String(format: "%02d", n))"
            try night(store, id, day, batch, key: key)
            try reference.write { db in
                try V2History.run(db, id: id, asOf: day, finishedAt: "\(day)T01:00:00Z", batch: batch, cacheKey: key)
            }
            let expected = try reference.read { db in try historyQuestions.map { try texts(db, $0) } }
            #expect(try historyQuestions.map { try store.query($0) } == expected, "night \(n), seed \(seed)")
        }
    }

    @Test("a history written by v2, converted by v3 and then v4, answers as v2's rows and runs on exactly",
          arguments: [1, 2, 3, 4] as [UInt64])
    func convertedHistoryRunsOn(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let url = try temporaryFolder("history").appendingPathComponent("h.sqlite")
        let reference = try DatabaseQueue(path: try temporaryFolder("history").appendingPathComponent("v2.sqlite").path)
        try StoreSchema.migrator.migrate(reference, upTo: "v2-incremental-cache")
        var nights: [(id: String, day: String, batch: Batch, key: String)] = []
        for n in 1...12 {
            let (batch, key) = randomNight(&random)
            nights.append(("r\(String(format: "%02d", n))", "2025-12-\(String(format: "%02d", n))", batch, key))
        }
        func record(_ db: Database, _ n: (id: String, day: String, batch: Batch, key: String)) throws {
            try V2History.run(db, id: n.id, asOf: n.day, finishedAt: "\(n.day)T01:00:00Z", batch: n.batch, cacheKey: n.key)
        }
        // Six nights written as v2 wrote them, converted to v3 as a store of the v3 build was; then opened by this build.
        do {
            let old = try DatabaseQueue(path: url.path)
            try StoreSchema.migrator.migrate(old, upTo: "v2-incremental-cache")
            try old.write { db in for n in nights.prefix(6) { try record(db, n) } }
            try StoreSchema.migrator.migrate(old, upTo: "v3-history-as-spans")
        }
        try reference.write { db in for n in nights.prefix(6) { try record(db, n) } }
        let store = try RunStore(url: url)
        #expect(try store.appliedMigrations().last == "v4-claims-by-document")
        #expect(try historyQuestions.map { try store.query($0) } == (try reference.read { db in try historyQuestions.map { try texts(db, $0) } }))
        // Each ok span carries one key: the key of every run in it.
        let mixed = try store.query("""
            SELECT s.path, s.from_seq FROM document_spans s JOIN run_order o ON o.seq BETWEEN s.from_seq AND coalesce(s.to_seq, \(HistorySpans.openEnd))
            JOIN runs r ON r.id = o.run_id WHERE s.status = 'ok' AND s.claims_key IS NOT r.cache_key
            """)
        #expect(mixed.isEmpty, "spans whose runs have another key: \(mixed)")
        for (k, n) in nights.enumerated().dropFirst(6) {
            try night(store, n.id, n.day, n.batch, key: n.key)
            try reference.write { db in try record(db, n) }
            let expected = try reference.read { db in try historyQuestions.map { try texts(db, $0) } }
            #expect(try historyQuestions.map { try store.query($0) } == expected, "night \(k + 1), seed \(seed)")
        }
    }
}
