// Measures recording a night in the run history: `RunStore.completeRun` (the spans of schema v3, see
// `Sources/Pipeline/Store/HistorySpans.swift`) beside the peer, v2's statement sequence (a row upserted per document
// and per claim, with a JSON value each, and a link row per document and per claim), reproduced below on a store with
// v2's tables, in the same process, on the same synthetic batches.
//
// Night 1 records N documents with C claims each into an empty store (cold); night 2 records the same corpus with a
// share of it changed, as `../shared/tools/make_corpus.py --change-fraction` changes it: of every 100 documents one is
// edited (new content, so a new document id and new claim ids), half a one is deleted and half a one added. The
// figure that matters is night 2, the nightly case; night 1 is printed too. No facts are written (both ways write
// the `facts` table with the same statements).
//
// The documents are written as files, and each night's `IncrementalCache` is shown every file (as ingest shows it),
// so `completeRun` also saves the file fingerprints, beside v2's save of them (all deleted, all inserted again). The
// cache's other table, `extractions`, stays empty here: filling it takes the stages. (v2 read that whole table of
// blobs at every save, about 0.3 s at 100,000 documents, which the peer here does not pay.) `--no-files` leaves the
// cache out of both.
//
// `--migrate` also times `RunStore` opening a copy of the last round's v2 store, which converts it (migrations
// `v3-history-as-spans`, then `v4-claims-by-document`), and checks that the converted store answers as the one written
// by `completeRun`. ("v3" in the output is the store of spans as `RunStore` writes it now, v4 included.)
//
// Usage: StoreHistoryBenchmark [--docs N] [--claims-per-doc N] [--changed F] [--rounds N] [--folder PATH] [--no-files]
//                              [--migrate]
// Defaults: 100,000 documents × 8 claims, 1 % changed, 3 rounds (medians printed; which way goes first alternates),
// files and stores in a new folder under the temporary folder (about 0.6 GB at the defaults; removed at the end unless
// --folder). Ends with a `key=value` line for scripts.
import BenchmarkSupport
import ClaimModel
import Foundation
import GRDB
import Pipeline

let arguments = Array(CommandLine.arguments.dropFirst())
var documentCount = 100_000
var claimsPerDocument = 8
var changed = 0.01
var rounds = 3
var folder: URL?
var withFiles = true
var migrate = false
var index = 0
while index < arguments.count {
    let value = index + 1 < arguments.count ? arguments[index + 1] : ""
    switch arguments[index] {
    case "--docs":
        guard let n = Int(value), n > 0 else { fail("--docs needs a positive number") }
        documentCount = n
    case "--claims-per-doc":
        guard let n = Int(value), n > 0 else { fail("--claims-per-doc needs a positive number") }
        claimsPerDocument = n
    case "--changed":
        guard let f = Double(value), f >= 0, f <= 1 else { fail("--changed needs a share between 0 and 1") }
        changed = f
    case "--rounds":
        guard let n = Int(value), n > 0 else { fail("--rounds needs a positive number") }
        rounds = n
    case "--folder":
        folder = URL(fileURLWithPath: value, isDirectory: true)
    case "--no-files":
        withFiles = false
        index -= 1
    case "--migrate":
        migrate = true
        index -= 1
    default:
        fail("unknown argument '\(arguments[index])'")
    }
    index += 2
}

let metrics = ["trade", "gdp", "inflation", "exports", "population", "revenue", "unemployment", "budget"]
let currencies = ["USD", "EUR", "INR"]

/// Document `i` in its version `version` (0 for the original), with its claims: text and ids as the pipeline makes
/// them (ids from the content, claim ids from the document id and span).
@MainActor func makeDocument(_ i: Int, version: Int) -> (Document, [Claim]) {
    var text = "Synthetic report \(i) (version \(version)).\n"
    var spans: [(Int, Int, String)] = []
    for k in 0..<claimsPerDocument {
        let figure = "$\((i * 31 + k * 7 + version) % 997).\(k) billion"
        let start = text.unicodeScalars.count + 22
        text += "In the period, metric \(k) reached \(figure) according to the office.\n"
        spans.append((start, start + figure.unicodeScalars.count, figure))
    }
    let document = Document(id: Document.id(forContent: Array(text.utf8)), path: "docs/\(i / 1000)/\(i).txt", format: .text,
                            title: "Report \(i)", text: text)
    let claims = spans.enumerated().map { k, span in
        let amount = Decimal((i * 31 + k * 7 + version) % 997) * 1_000_000_000 + Decimal(k) * 100_000_000
        let value = k % 4 == 3 ? ClaimValue(dimension: .percent, unit: "%", min: amount / 1_000_000_000, max: amount / 1_000_000_000)
            : ClaimValue(dimension: .money, unit: currencies[k % currencies.count], min: amount, max: amount)
        return Claim(id: Claim.id(document: document.id, start: span.0, end: span.1), document: document.id, quote: text,
                     span: [span.0, span.1], subject: k % 2 == 0 ? "Country \(i % 50)" : nil, metric: metrics[k % metrics.count],
                     value: value, approximation: .exact, modality: .reported, period: nil, speaker: nil, text: span.2)
    }
    return (document, claims)
}

/// The two nights' batches.
@MainActor func makeNights() -> (Batch, Batch) {
    var first = Batch(), second = Batch()
    let step = changed > 0 ? max(1, Int((1 / changed).rounded())) : Int.max
    for i in 0..<documentCount {
        let (document, claims) = makeDocument(i, version: 0)
        first.documents.append(document); first.claims += claims
        // Of every `step` documents: the first is edited, every second step's second one is deleted.
        if i % step == 0 {
            let (edited, editedClaims) = makeDocument(i, version: 1)
            second.documents.append(edited); second.claims += editedClaims
        } else if i % (2 * step) == 1 {
            continue
        } else {
            second.documents.append(document); second.claims += claims
        }
    }
    for i in stride(from: 0, to: documentCount, by: 2 * step) {
        let (added, addedClaims) = makeDocument(documentCount + i, version: 0)
        second.documents.append(added); second.claims += addedClaims
    }
    return (first, second)
}

// MARK: - The peer: v2's history, as `RunStore` wrote it until schema v2

/// v2's history tables (migration `v1-runs-documents-claims`), reproduced for the peer.
let v2Schema = """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY, as_of TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, config_hash TEXT NOT NULL,
        cache_key TEXT NOT NULL, full INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
        exit_code INTEGER, message TEXT, documents INTEGER, quarantined INTEGER, claims INTEGER, facts INTEGER,
        conflicts INTEGER, parsed INTEGER, reused INTEGER, duration_seconds REAL);
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,
        first_seen_run TEXT NOT NULL, first_seen_as_of TEXT NOT NULL, last_seen_run TEXT NOT NULL,
        last_seen_as_of TEXT NOT NULL, last_status TEXT NOT NULL, last_error TEXT);
    CREATE TABLE run_documents (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, path TEXT NOT NULL, document_id TEXT NOT NULL,
        status TEXT NOT NULL, error TEXT, reused INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, path)) WITHOUT ROWID;
    CREATE INDEX run_documents_by_document ON run_documents(document_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL, subject TEXT, metric TEXT NOT NULL, text TEXT NOT NULL,
        value_json TEXT NOT NULL, first_seen_run TEXT NOT NULL, first_seen_as_of TEXT NOT NULL,
        last_seen_run TEXT NOT NULL, last_seen_as_of TEXT NOT NULL);
    CREATE INDEX claims_by_document ON claims(document_id);
    CREATE TABLE run_claims (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, claim_id TEXT NOT NULL,
        PRIMARY KEY (run_id, claim_id)) WITHOUT ROWID;
    CREATE INDEX run_claims_by_claim ON run_claims(claim_id);
    CREATE TABLE facts (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id TEXT NOT NULL, label TEXT NOT NULL, subject TEXT,
        metric TEXT NOT NULL, status TEXT NOT NULL, value_json TEXT NOT NULL, confidence REAL NOT NULL,
        supporting INTEGER NOT NULL, dissenting INTEGER NOT NULL, superseded INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)) WITHOUT ROWID;
    CREATE TABLE extractions (
        document_id TEXT NOT NULL, cache_key TEXT NOT NULL, document_json BLOB NOT NULL, claims_json BLOB NOT NULL,
        run_id TEXT NOT NULL, PRIMARY KEY (document_id, cache_key)) WITHOUT ROWID;
    CREATE TABLE file_fingerprints (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL, device INTEGER NOT NULL, document_id TEXT NOT NULL) WITHOUT ROWID;
    """

/// `beginRun`'s row, as v2 wrote it.
@MainActor func v2Begin(_ queue: DatabaseQueue, id: String, asOf: String) throws {
    try queue.write { db in
        try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND id != ?", arguments: [id])
        try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
        try db.execute(sql: """
            INSERT INTO runs (id, as_of, started_at, config_hash, cache_key, full, status) VALUES (?, ?, ?, ?, ?, ?, 'running')
            """, arguments: [id, asOf, "\(asOf)T00:00:00Z", "c", "bench", false])
    }
}

/// v2's `completeRun` (the statements of commit 2737993, `Sources/Pipeline/Store/RunStore.swift`), with its cache's
/// save (`IncrementalCache.save`) when `fingerprints` holds the status of each file the run saw, as ingest observed it.
@MainActor func v2Complete(_ queue: DatabaseQueue, id: String, asOf: String, batch: Batch, fingerprints: [String: FileFingerprint]?,
                end: RunEnd) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let reused: Set<String> = []
    try queue.write { db in
        for table in ["run_documents", "run_claims", "facts"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [id])
        }
        let upsertDocument = try db.cachedStatement(sql: """
            INSERT INTO documents (id, content_hash, path, format, first_seen_run, first_seen_as_of, last_seen_run,
                                   last_seen_as_of, last_status, last_error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET path = excluded.path, format = excluded.format,
                last_seen_run = excluded.last_seen_run, last_seen_as_of = excluded.last_seen_as_of,
                last_status = excluded.last_status, last_error = excluded.last_error
            """)
        let runDocument = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO run_documents (run_id, path, document_id, status, error, reused) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for d in batch.documents {
            let hash = d.id.hasPrefix("d-") ? String(d.id.dropFirst(2)) : d.id
            try upsertDocument.execute(arguments: [d.id, hash, d.path, d.format.rawValue, id, asOf, id, asOf,
                                                   d.status.rawValue, d.error])
            try runDocument.execute(arguments: [id, d.path, d.id, d.status.rawValue, d.error, reused.contains(d.id)])
        }
        let upsertClaim = try db.cachedStatement(sql: """
            INSERT INTO claims (id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of,
                                last_seen_run, last_seen_as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET subject = excluded.subject, metric = excluded.metric, text = excluded.text,
                value_json = excluded.value_json, last_seen_run = excluded.last_seen_run,
                last_seen_as_of = excluded.last_seen_as_of
            """)
        let runClaim = try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_claims (run_id, claim_id) VALUES (?, ?)")
        for c in batch.claims {
            let value = String(decoding: try encoder.encode(c.value), as: UTF8.self)
            try upsertClaim.execute(arguments: [c.id, c.document, c.subject, c.metric, c.text, value, id, asOf, id, asOf])
            try runClaim.execute(arguments: [id, c.id])
        }
        if let fingerprints {
            try db.execute(sql: """
                DELETE FROM extractions WHERE cache_key != ? OR document_id NOT IN
                    (SELECT document_id FROM run_documents WHERE run_id = ? AND status = 'ok')
                """, arguments: ["bench", id])
            try db.execute(sql: "DELETE FROM file_fingerprints")
            let okPaths = try Row.fetchAll(db, sql: "SELECT path, document_id FROM run_documents WHERE run_id = ? AND status = 'ok'",
                                           arguments: [id])
            let fingerprint = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO file_fingerprints (path, size, mtime_ns, ctime_ns, inode, device, document_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for row in okPaths {
                let path: String = row[0]
                let documentID: String = row[1]
                guard let print = fingerprints[path] else { continue }
                try fingerprint.execute(arguments: [path, print.size, print.modifiedNanoseconds, print.changedNanoseconds,
                                                    print.inode, print.device, documentID])
            }
        }
        let quarantined = batch.documents.filter { $0.status == .quarantined }.count
        try db.execute(sql: """
            UPDATE runs SET status = 'completed', finished_at = ?, exit_code = ?, duration_seconds = ?, documents = ?,
                quarantined = ?, claims = ?, facts = ?, conflicts = ?, parsed = ?, reused = ?
            WHERE id = ?
            """, arguments: [end.finishedAt, end.exitCode, end.durationSeconds, batch.documents.count, quarantined,
                             batch.claims.count, 0, 0, batch.documents.count, reused.count, id])
    }
}

// MARK: - Measuring

/// Seconds of one `completeRun`: wall clock, and CPU of the calling thread (SQLite runs on it, system time included),
/// the steadier figure on a VM others share.
struct Seconds {
    var wall = 0.0
    var cpu = 0.0
}

/// The seconds `body` takes.
@MainActor func timed(_ body: () throws -> Void) rethrows -> Seconds {
    let wall = now(), cpu = cpuNow()
    try body()
    return Seconds(wall: now() - wall, cpu: cpuNow() - cpu)
}

/// Answers both stores must agree on after night 2 (v3 answers them through its views).
let checks = [
    "SELECT count(*) FROM run_claims WHERE run_id = 'n2'",
    "SELECT count(*) FROM claims WHERE last_seen_run = 'n2'",
    "SELECT count(*) FROM claims WHERE last_seen_run = 'n1'",
    "SELECT count(*) FROM claims WHERE first_seen_run = 'n2'",
    "SELECT count(*) FROM run_documents WHERE run_id = 'n2'",
    "SELECT count(*) FROM documents WHERE last_seen_run = 'n1'",
    "SELECT count(*) FROM file_fingerprints",
    "SELECT sum(size) FROM file_fingerprints",
]

/// Writes each document's text at its path under `inputs` (a night's files: the other night's extra files removed).
@MainActor func writeFiles(_ batch: Batch, under inputs: URL, removing gone: Set<String> = []) throws {
    for path in gone { try? FileManager.default.removeItem(at: inputs.appendingPathComponent(path)) }
    for document in batch.documents {
        let url = inputs.appendingPathComponent(document.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let old = FileManager.default.contents(atPath: url.path), old == Data(document.text.utf8) { continue }
        try Data(document.text.utf8).write(to: url)
    }
}

/// A night's cache as ingest leaves it: every file of the batch looked at once (none is cached: `extractions` is
/// empty), so the cache has observed each file's status.
@MainActor func observedCache(_ store: RunStore, _ batch: Batch, inputs: URL, runID: String) throws -> IncrementalCache {
    let cache = try IncrementalCache(store: store, key: "bench", lookups: true, runID: runID)
    for document in batch.documents {
        _ = cache.cachedDocument(at: inputs.appendingPathComponent(document.path), relativePath: document.path)
    }
    return cache
}

/// The status of each file of the batch, as v2's save was given it.
@MainActor func statuses(_ batch: Batch, inputs: URL) -> [String: FileFingerprint] {
    var out: [String: FileFingerprint] = [:]
    for document in batch.documents { out[document.path] = FileFingerprint.of(path: inputs.appendingPathComponent(document.path).path) }
    return out
}

@MainActor func benchmark() throws {
    let base = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-history-bench-\(getpid())")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { if folder == nil { try? FileManager.default.removeItem(at: base) } }
    let inputs = base.appendingPathComponent("inputs")
    let made = now()
    let (night1, night2) = makeNights()
    let kept = Set(night1.claims.map(\.id)).intersection(night2.claims.map(\.id)).count
    print("batches: night 1 \(night1.documents.count) documents, \(night1.claims.count) claims; night 2 "
        + "\(night2.documents.count) documents, \(night2.claims.count) claims (\(night2.claims.count - kept) new, "
        + "\(night1.claims.count - kept) gone); made in \(String(format: "%.1f", now() - made)) s")
    let end = RunEnd(finishedAt: "2025-12-20T01:00:00Z", exitCode: 0, durationSeconds: 1)
    var newNight1: [Seconds] = [], newNight2: [Seconds] = [], oldNight1: [Seconds] = [], oldNight2: [Seconds] = []
    var lastStores: (v3: RunStore, v2: URL)?
    for round in 1...rounds {
        let newURL = base.appendingPathComponent("v3-\(round).sqlite"), oldURL = base.appendingPathComponent("v2-\(round).sqlite")
        for url in [newURL, oldURL] { try? FileManager.default.removeItem(at: url) }
        // Night 1's files, then night 2's; each night's file statuses are taken once and given to both ways.
        var files1: [String: FileFingerprint]?, files2: [String: FileFingerprint]?
        if withFiles {
            try? FileManager.default.removeItem(at: inputs)
            try writeFiles(night1, under: inputs)
            files1 = statuses(night1, inputs: inputs)
        }
        // v3: the public API, as `claimtrack run` calls it.
        let store = try RunStore(url: newURL)
        // v2: its tables, with the configuration `RunStore` opens its file with.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let old = try DatabaseQueue(path: oldURL.path, configuration: configuration)
        try old.write { db in try db.execute(sql: v2Schema) }
        func night(_ id: String, _ day: String, _ batch: Batch, _ files: [String: FileFingerprint]?) throws -> (Seconds, Seconds) {
            try store.beginRun(RunStart(id: id, asOf: day, startedAt: "s", configHash: "c", cacheKey: "bench", full: false))
            let cache = withFiles ? try observedCache(store, batch, inputs: inputs, runID: id) : nil
            try v2Begin(old, id: id, asOf: day)
            let v3 = { try timed { try store.completeRun(id: id, asOf: day, batch: batch, cache: cache, end: end) } }
            let v2 = { try timed { try v2Complete(old, id: id, asOf: day, batch: batch, fingerprints: files, end: end) } }
            // Which goes first alternates from round to round.
            if round % 2 == 1 {
                let a = try v3()
                return (a, try v2())
            }
            let b = try v2()
            return (try v3(), b)
        }
        let (new1, old1) = try night("n1", "2025-12-19", night1, files1)
        if withFiles {
            let gone = Set(night1.documents.map(\.path)).subtracting(night2.documents.map(\.path))
            try writeFiles(night2, under: inputs, removing: gone)
            files2 = statuses(night2, inputs: inputs)
        }
        let (new2, old2) = try night("n2", "2025-12-20", night2, files2)
        newNight1.append(new1); oldNight1.append(old1); newNight2.append(new2); oldNight2.append(old2)
        for sql in checks {
            let v3 = try store.query(sql), v2 = try old.read { db in try Int.fetchOne(db, sql: sql) }
            guard v3 == [[v2.map(String.init)]] else { fail("the stores disagree on '\(sql)': v3 \(v3), v2 \(String(describing: v2))") }
        }
        lastStores = (store, oldURL)
        let sizes = [newURL, oldURL].map { ((try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0) / 1_000_000 }
        print("round \(round): night 1 v3 \(format(new1)), v2 \(format(old1)); night 2 v3 \(format(new2)), v2 \(format(old2)); "
            + "file after 2 nights: v3 \(sizes[0]) MB, v2 \(sizes[1]) MB; answers agree")
    }
    if migrate, let (v3, v2URL) = lastStores {
        let copy = base.appendingPathComponent("v2-migrated.sqlite")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: v2URL, to: copy)
        // The v2 store was made here, not by RunStore's migrator: it is marked with the migrations its tables stand for.
        let raw = try DatabaseQueue(path: copy.path)
        try raw.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1-runs-documents-claims'), ('v2-incremental-cache');
                """)
        }
        try raw.close()
        var migrated: RunStore?
        let took = try timed { migrated = try RunStore(url: copy) }
        for sql in checks {
            guard let answer = try migrated?.query(sql), answer == (try v3.query(sql)) else {
                fail("the migrated store disagrees with v3's on '\(sql)'")
            }
        }
        print("migration of the v2 store after 2 nights (\(night1.claims.count + night2.claims.count) run_claims rows) to v3 and v4: "
            + "\(format(took)); it answers as the store v3 wrote")
    }
    func median(_ values: [Seconds]) -> Seconds {
        Seconds(wall: values.map(\.wall).sorted()[values.count / 2], cpu: values.map(\.cpu).sorted()[values.count / 2])
    }
    let n2new = median(newNight2), n2old = median(oldNight2), n1new = median(newNight1), n1old = median(oldNight1)
    let f = { (x: Double) in String(format: "%.3f", x) }
    print("night 2 (\(String(format: "%g", changed * 100)) % changed), completeRun, median of \(rounds): v3 \(format(n2new)); "
        + "v2 statements (peer) \(format(n2old)): v2/v3 = \(String(format: "%.1f", n2old.wall / n2new.wall))x wall, "
        + "\(String(format: "%.1f", n2old.cpu / n2new.cpu))x CPU")
    print("night 1 (cold), completeRun, median of \(rounds): v3 \(format(n1new)); v2 (peer) \(format(n1old)): "
        + "v2/v3 = \(String(format: "%.2f", n1old.wall / n1new.wall))x wall")
    print("docs=\(documentCount) claims=\(night1.claims.count) changed=\(changed) files=\(withFiles) rounds=\(rounds) "
        + "night2_v3_s=\(f(n2new.wall)) night2_v2_s=\(f(n2old.wall)) night2_ratio=\(String(format: "%.2f", n2old.wall / n2new.wall)) "
        + "night2_v3_cpu_s=\(f(n2new.cpu)) night2_v2_cpu_s=\(f(n2old.cpu)) "
        + "night1_v3_s=\(f(n1new.wall)) night1_v2_s=\(f(n1old.wall))")
}

/// "W s (C s CPU)".
func format(_ s: Seconds) -> String { String(format: "%.3f s (%.3f s CPU)", s.wall, s.cpu) }

do {
    try benchmark()
} catch {
    fail("\(error)")
}
