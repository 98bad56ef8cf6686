public import ClaimModel
public import Foundation
import GRDB

/// How a run starts: the row written before any stage runs.
public struct RunStart: Sendable {
    /// The run id every output names.
    public var id: String
    /// The as-of date (`YYYY-MM-DD`).
    public var asOf: String
    /// ISO 8601 start time.
    public var startedAt: String
    /// SHA-256 of the `pipeline.json` bytes.
    public var configHash: String
    /// The key cached extractions are filed under (see `IncrementalCache.key`).
    public var cacheKey: String
    /// Whether `--full` turned the cache off.
    public var full: Bool

    /// Creates a run start record.
    public init(id: String, asOf: String, startedAt: String, configHash: String, cacheKey: String, full: Bool) {
        self.id = id; self.asOf = asOf; self.startedAt = startedAt; self.configHash = configHash
        self.cacheKey = cacheKey; self.full = full
    }
}

/// How a run ended, for the `runs` row.
public struct RunEnd: Sendable {
    /// ISO 8601 end time.
    public var finishedAt: String
    /// The process exit status the run ends with.
    public var exitCode: Int
    /// Wall-clock seconds.
    public var durationSeconds: Double
    /// A one-line reason for a failed run.
    public var message: String?

    /// Creates a run end record.
    public init(finishedAt: String, exitCode: Int, durationSeconds: Double, message: String? = nil) {
        self.finishedAt = finishedAt; self.exitCode = exitCode; self.durationSeconds = durationSeconds; self.message = message
    }
}

/// The run history in SQLite (through GRDB): runs, documents, claims and facts across nights, and the cache that
/// lets an unchanged document skip parsing and extraction. Every update is one transaction.
public final class RunStore: Sendable {
    /// The database file.
    public let url: URL
    let queue: DatabaseQueue
    /// Connections of their own for the extraction cache's look-ups (`cachedExtraction`).
    private let readers: ExtractionReaders

    /// Opens (creating if needed) the store and applies any pending migration.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        // Another reader (sqlite3 in a terminal) may hold the file briefly; wait rather than fail the night.
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try StoreSchema.migrator.migrate(queue)
        readers = ExtractionReaders(path: url.path, count: max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// The names of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try queue.read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// Records a starting run; a run still marked `running` from before was killed, and is marked `interrupted`.
    ///
    /// Returns how many runs were marked interrupted. The caller holds the run lock, so no other run is live.
    @discardableResult
    public func beginRun(_ run: RunStart) throws -> Int {
        let interrupted = try queue.write { db -> Int in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND id != ?", arguments: [run.id])
            let count = db.changesCount
            // A pinned run (`--as-of`) keeps its id when run again: the new attempt replaces the old rows.
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [run.id])
            try db.execute(sql: """
                INSERT INTO runs (id, as_of, started_at, config_hash, cache_key, full, status)
                VALUES (?, ?, ?, ?, ?, ?, 'running')
                """, arguments: [run.id, run.asOf, run.startedAt, run.configHash, run.cacheKey, run.full])
            return count
        }
        CrashPoint.reached("store:begin")
        return interrupted
    }

    /// The id of the run that completed last, if any.
    public func lastCompletedRunID() throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM runs WHERE status = 'completed' ORDER BY finished_at DESC, rowid DESC LIMIT 1")
        }
    }

    /// Marks a run that could not complete as failed, with its reason.
    public func failRun(id: String, end: RunEnd) throws {
        try queue.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'failed', finished_at = ?, exit_code = ?, duration_seconds = ?, message = ? WHERE id = ?
                """, arguments: [end.finishedAt, end.exitCode, end.durationSeconds, end.message, id])
        }
    }

    /// Everything the cache needs up front: last night's file fingerprints and which documents have cached claims.
    func cacheIndex(cacheKey: String) throws -> (fingerprints: [String: (FileFingerprint, String)], cached: Set<String>) {
        try queue.read { db in
            var fingerprints: [String: (FileFingerprint, String)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime_ns, ctime_ns, inode, device, document_id FROM file_fingerprints")
            while let row = try rows.next() {
                let print = FileFingerprint(size: row[1], modifiedNanoseconds: row[2], changedNanoseconds: row[3],
                                            inode: row[4], device: row[5])
                fingerprints[row[0]] = (print, row[6])
            }
            let ids = try String.fetchSet(db, sql: "SELECT document_id FROM extractions WHERE cache_key = ?", arguments: [cacheKey])
            return (fingerprints, ids)
        }
    }

    /// The parsed document and its normalized claims cached under `cacheKey`, if any and readable.
    ///
    /// The rows hold `StoreCodec` blobs; decoding them is done outside the database queue, so concurrent ingest tasks
    /// share the queue only for the read. Claims decoded from one blob share one copy of each repeated string (the
    /// document id, the quote of one sentence, the metric), as they do when extracted.
    func cachedExtraction(documentID: String, cacheKey: String) throws -> (document: Document, claims: [Claim])? {
        let row = try readers.read { db in
            // A cached statement: an incremental run reads one row per unchanged document, and parsing the SQL each
            // time cost as much as the read.
            let select = try db.cachedStatement(sql: "SELECT document_json, claims_json FROM extractions WHERE document_id = ? AND cache_key = ?")
            return try Row.fetchOne(select, arguments: [documentID, cacheKey])
        }
        guard let row else { return nil }
        let documentBlob: Data = row[0]
        let claimsBlob: Data = row[1]
        return (try StoreCodec.decodeDocument(documentBlob), try StoreCodec.decodeClaims(claimsBlob))
    }

    /// Files fresh extractions (document and claims as `StoreCodec` blobs) in the extraction cache under `cacheKey`, in one
    /// transaction.
    func writeExtractions(_ rows: [(documentID: String, document: Data, claims: Data)], cacheKey: String, runID: String) throws {
        guard !rows.isEmpty else { return }
        try queue.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO extractions (document_id, cache_key, document_json, claims_json, run_id) VALUES (?, ?, ?, ?, ?)
                """)
            for row in rows { try insert.execute(arguments: [row.documentID, cacheKey, row.document, row.claims, runID]) }
        }
    }

    /// Records a completed run in one transaction: documents, claims and facts seen, the cache of fresh extractions,
    /// and the run row marked `completed` last. Called only after every output file is in place.
    ///
    /// What the run saw is written as changes to the spans of the last completed run (see `HistorySpans`): a night
    /// with 1 % of the documents changed writes about 1 % of the rows a cold night writes.
    public func completeRun(id: String, asOf: String, batch: Batch, cache: IncrementalCache?, end: RunEnd) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let reused = cache?.reusedDocuments ?? []
        try queue.write { db in
            // A run completed again under its id (without `beginRun`, which drops the row) gives up its old number.
            try db.execute(sql: "DELETE FROM run_order WHERE run_id = ?", arguments: [id])
            for table in ["facts", "run_fresh_documents"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [id])
            }
            try db.execute(sql: "INSERT INTO run_order (run_id) VALUES (?)", arguments: [id])
            let seq = db.lastInsertedRowID
            // The row exists: `run_order` refers to it.
            let key = try String.fetchOne(db, sql: "SELECT cache_key FROM runs WHERE id = ?", arguments: [id]) ?? ""
            let rowOfPath = HistorySpans.rowOfPath(batch.documents)
            let changes = try HistorySpans.recordDocuments(batch.documents, byPath: rowOfPath, reused: reused, runID: id,
                                                           asOf: asOf, seq: seq, cacheKey: key, in: db)
            CrashPoint.reached("store:documents")
            try HistorySpans.recordClaims(batch.claims, changes: changes, runID: id, asOf: asOf, seq: seq, encoder: encoder, in: db)
            CrashPoint.reached("store:claims")
            let insertFact = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO facts (run_id, id, label, subject, metric, status, value_json, confidence,
                                              supporting, dissenting, superseded)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for f in batch.facts {
                let value = String(decoding: try encoder.encode(f.value), as: UTF8.self)
                try insertFact.execute(arguments: [id, f.id, f.label, f.subject, f.metric, f.status.rawValue, value,
                                                   f.confidence, f.supporting.count, f.dissenting.count, f.superseded.count])
            }
            if let cache {
                try cache.save(into: db, documents: batch.documents, rowOfPath: rowOfPath)
            }
            let quarantined = batch.documents.filter { $0.status == .quarantined }.count
            let conflicts = batch.facts.filter { $0.status == .conflict }.count
            try db.execute(sql: """
                UPDATE runs SET status = 'completed', finished_at = ?, exit_code = ?, duration_seconds = ?, documents = ?,
                    quarantined = ?, claims = ?, facts = ?, conflicts = ?, parsed = ?, reused = ?
                WHERE id = ?
                """, arguments: [end.finishedAt, end.exitCode, end.durationSeconds, batch.documents.count, quarantined,
                                 batch.claims.count, batch.facts.count, conflicts,
                                 batch.documents.count - (cache?.skippedParses ?? 0), reused.count, id])
        }
        CrashPoint.reached("store:committed")
    }

    /// The rows of a read-only query, every column as text (nil for NULL): for tests and inspection.
    public func query(_ sql: String) throws -> [[String?]] {
        try queue.read { db in
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
    }
}

/// Read-only connections to the store for the extraction cache's look-ups, one per core, opened on first use (after the
/// store's migrations).
///
/// An incremental run reads one cached row per unchanged document, from every ingest worker at once. Through the
/// store's one `DatabaseQueue` the workers waited on each other, and each read was a transaction of its own (begin, a
/// pragma, the select, commit). Here a look-up takes a free connection, or waits for the first one, and runs its one
/// statement in SQLite's autocommit mode. Writes still go through the store's queue; a reader holds its shared lock
/// only while its statement runs, and the writer waits for it (`busyMode`).
final class ExtractionReaders: @unchecked Sendable {
    private let path: String
    private let count: Int
    /// Guards `connections` while they are opened.
    private let opening = NSLock()
    private var connections: [(lock: NSLock, queue: DatabaseQueue)] = []

    init(path: String, count: Int) {
        self.path = path
        self.count = count
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        opening.lock()
        if connections.isEmpty {
            do {
                var configuration = Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(10)
                for _ in 0..<count {
                    connections.append((NSLock(), try DatabaseQueue(path: path, configuration: configuration)))
                }
            } catch {
                connections = []
                opening.unlock()
                throw error
            }
        }
        let all = connections
        opening.unlock()
        for connection in all where connection.lock.try() {
            defer { connection.lock.unlock() }
            return try connection.queue.inDatabase(body)
        }
        all[0].lock.lock()
        defer { all[0].lock.unlock() }
        return try all[0].queue.inDatabase(body)
    }
}
