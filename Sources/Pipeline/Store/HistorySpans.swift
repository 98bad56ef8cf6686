import ClaimModel
import Foundation
import GRDB

/// How the run history records which documents and claims each run saw, so that a night's write costs in proportion to
/// what changed since the last run rather than to the size of the corpus (schema `v3-history-as-spans`).
///
/// Until v2 every completed run upserted a row per claim and per document (to move their last-seen run) and inserted a
/// link row per claim and per document: at 100,000 documents about 2 million row writes a night, with a JSON value
/// encoded per claim, even when 1 % of the documents had changed. Now:
///
/// - `run_order` numbers the completed runs in the order they completed (`seq`; AUTOINCREMENT, so a number is never
///   given twice). A pinned run that runs again under its id loses its row, and with it its number, when it starts
///   (`beginRun`), and gets a new number when it completes.
/// - `claim_spans` and `document_spans` hold what each run saw as spans of consecutive numbers: a claim, or an input
///   path with its document, status and error, was seen by every completed run numbered `from_seq` to `to_seq`;
///   `to_seq` NULL means "still seen by the latest completed run". A night reads the open spans, closes the ones its
///   run no longer sees, and opens one for each thing that is new or came back; what stayed the same is not written.
///   A number whose run no longer exists is a hole inside a span and stands for no run.
/// - `run_fresh_documents` lists, for a run that took documents from the incremental cache (`runs.reused` > 0), the
///   documents it did not take from there (read and extracted again, or quarantined): the changed ones, not the
///   corpus. A run that reused nothing reused nothing for every document and lists none. (The flag as part of a span
///   would have closed and reopened the span of every document on the first night after a cold one.)
/// - `claim_rows` and `document_rows` hold what a claim or a document is and which run saw it first, written when it
///   is first seen. A claim's id is derived from its document's content and its span (`Claim.id`), so a stored id has
///   the same document and text; its subject, metric and value come from the per-document stages, which the cache key
///   (`IncrementalCache.key`) stands for. `document_rows.claims_key` records the key a document's claims were last
///   written under, and a run writes a document's claims again only when its own key differs (a new build, other
///   options; `--full` keeps the key, and the claims it extracts again are the same).
/// - Views with the v2 table names (`claims`, `run_claims`, `documents`, `run_documents`) give back the v2 columns,
///   with the last-seen run and as-of date derived from the spans, so queries written against v2 keep working; they
///   are for inspection and tests, the nightly run does not read them.
enum HistorySpans {
    /// The largest `seq`: the upper end of an open span.
    static let openEnd = "9223372036854775807"

    /// Creates the span tables and views, converts a v2 history into them, and drops the v2 tables.
    ///
    /// v2's completed runs are numbered in the order they finished (as `lastCompletedRunID` orders them); each claim's
    /// and each path's link rows become spans of consecutive runs; the latest run's spans are left open.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE run_order (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL UNIQUE REFERENCES runs(id) ON DELETE CASCADE
            );
            INSERT INTO run_order (run_id) SELECT id FROM runs WHERE status = 'completed' ORDER BY finished_at, rowid;

            CREATE TABLE claim_rows (
                id TEXT PRIMARY KEY,
                document_id TEXT NOT NULL,
                subject TEXT,
                metric TEXT NOT NULL,
                text TEXT NOT NULL,
                value_json TEXT NOT NULL,
                first_seen_run TEXT NOT NULL,
                first_seen_as_of TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX claim_rows_by_document ON claim_rows(document_id);
            INSERT INTO claim_rows (id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of)
                SELECT id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of FROM claims;

            CREATE TABLE claim_spans (
                claim_id TEXT NOT NULL,
                from_seq INTEGER NOT NULL,
                to_seq INTEGER,
                PRIMARY KEY (claim_id, from_seq)
            ) WITHOUT ROWID;
            CREATE INDEX claim_spans_open ON claim_spans(claim_id) WHERE to_seq IS NULL;
            INSERT INTO claim_spans (claim_id, from_seq, to_seq)
                SELECT claim_id, min(seq), CASE WHEN max(seq) = (SELECT max(seq) FROM run_order) THEN NULL ELSE max(seq) END
                FROM (SELECT l.claim_id, o.seq, o.seq - row_number() OVER (PARTITION BY l.claim_id ORDER BY o.seq) AS island
                      FROM run_claims l JOIN run_order o ON o.run_id = l.run_id)
                GROUP BY claim_id, island;

            CREATE TABLE document_rows (
                id TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL,
                path TEXT NOT NULL,
                format TEXT NOT NULL,
                first_seen_run TEXT NOT NULL,
                first_seen_as_of TEXT NOT NULL,
                claims_key TEXT
            ) WITHOUT ROWID;
            INSERT INTO document_rows (id, content_hash, path, format, first_seen_run, first_seen_as_of, claims_key)
                SELECT d.id, d.content_hash, d.path, d.format, d.first_seen_run, d.first_seen_as_of,
                       CASE WHEN d.last_status = 'ok' THEN (SELECT r.cache_key FROM runs r WHERE r.id = d.last_seen_run) END
                FROM documents d;

            CREATE TABLE document_spans (
                path TEXT NOT NULL,
                document_id TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                from_seq INTEGER NOT NULL,
                to_seq INTEGER,
                PRIMARY KEY (path, from_seq)
            ) WITHOUT ROWID;
            CREATE INDEX document_spans_open ON document_spans(path, document_id, status, error) WHERE to_seq IS NULL;
            CREATE INDEX document_spans_by_document ON document_spans(document_id);
            INSERT INTO document_spans (path, document_id, status, error, from_seq, to_seq)
                SELECT path, document_id, status, error, min(seq),
                       CASE WHEN max(seq) = (SELECT max(seq) FROM run_order) THEN NULL ELSE max(seq) END
                FROM (SELECT l.path, l.document_id, l.status, l.error, o.seq,
                             o.seq - row_number() OVER (PARTITION BY l.path, l.document_id, l.status, l.error
                                                        ORDER BY o.seq) AS island
                      FROM run_documents l JOIN run_order o ON o.run_id = l.run_id)
                GROUP BY path, document_id, status, error, island;

            CREATE TABLE run_fresh_documents (
                run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                document_id TEXT NOT NULL,
                PRIMARY KEY (run_id, document_id)
            ) WITHOUT ROWID;
            INSERT INTO run_fresh_documents (run_id, document_id)
                SELECT DISTINCT l.run_id, l.document_id FROM run_documents l JOIN runs r ON r.id = l.run_id
                WHERE l.reused = 0 AND coalesce(r.reused, 0) > 0 AND r.status = 'completed';

            -- The cache's rows of one key are read at the start of a run, and the rows of other keys dropped at its
            -- end: by this index rather than by reading the whole table of blobs.
            CREATE INDEX extractions_by_key ON extractions(cache_key);

            DROP TABLE run_claims;
            DROP TABLE claims;
            DROP TABLE run_documents;
            DROP TABLE documents;
            """)
        try createViews(db)
    }

    /// The views with the v2 table names over the spans.
    ///
    /// A span's last run is the highest-numbered run still in `run_order` within it (one index seek); a claim's or a
    /// document's last-seen run is the latest of its spans' last runs.
    static func createViews(_ db: Database) throws {
        let lastRunOfSpan = """
            (SELECT o.seq FROM run_order o WHERE o.seq BETWEEN s.from_seq AND coalesce(s.to_seq, \(openEnd))
             ORDER BY o.seq DESC LIMIT 1)
            """
        try db.execute(sql: """
            CREATE VIEW run_claims AS
                SELECT o.run_id AS run_id, s.claim_id AS claim_id
                FROM claim_spans s JOIN run_order o ON o.seq BETWEEN s.from_seq AND coalesce(s.to_seq, \(openEnd));
            CREATE VIEW claims AS
                SELECT c.id AS id, c.document_id AS document_id, c.subject AS subject, c.metric AS metric, c.text AS text,
                       c.value_json AS value_json, c.first_seen_run AS first_seen_run, c.first_seen_as_of AS first_seen_as_of,
                       o.run_id AS last_seen_run, r.as_of AS last_seen_as_of
                FROM claim_rows c
                LEFT JOIN run_order o ON o.seq = (SELECT max(\(lastRunOfSpan)) FROM claim_spans s WHERE s.claim_id = c.id)
                LEFT JOIN runs r ON r.id = o.run_id;
            CREATE VIEW run_documents AS
                SELECT o.run_id AS run_id, s.path AS path, s.document_id AS document_id, s.status AS status,
                       s.error AS error,
                       coalesce(r.reused, 0) > 0 AND NOT EXISTS (SELECT 1 FROM run_fresh_documents f
                                                                 WHERE f.run_id = o.run_id AND f.document_id = s.document_id) AS reused
                FROM document_spans s JOIN run_order o ON o.seq BETWEEN s.from_seq AND coalesce(s.to_seq, \(openEnd))
                JOIN runs r ON r.id = o.run_id;
            CREATE VIEW documents AS
                SELECT d.id AS id, d.content_hash AS content_hash, coalesce(l.path, d.path) AS path, d.format AS format,
                       d.first_seen_run AS first_seen_run, d.first_seen_as_of AS first_seen_as_of,
                       o.run_id AS last_seen_run, r.as_of AS last_seen_as_of, l.status AS last_status, l.error AS last_error
                FROM document_rows d
                LEFT JOIN (SELECT document_id, path, status, error, max(last_seq) AS last_seq
                           FROM (SELECT s.document_id, s.path, s.status, s.error, \(lastRunOfSpan) AS last_seq
                                 FROM document_spans s)
                           WHERE last_seq IS NOT NULL GROUP BY document_id) l ON l.document_id = d.id
                LEFT JOIN run_order o ON o.seq = l.last_seq
                LEFT JOIN runs r ON r.id = o.run_id;
            """)
    }

    /// What a run saw at one input path: one row of the v2 `run_documents`, without the run and the reused flag.
    private struct PathEntry: Equatable {
        var document: String
        var status: String
        var error: String?
    }

    /// Records the documents run `seq` saw: closes the spans of paths whose row changed or that are gone, opens spans
    /// for new rows, lists the documents it did not reuse when it reused some (`reused`, the ids whose claims came from
    /// the cache), and files documents seen for the first time in `document_rows`.
    ///
    /// Returns the ids of the documents whose stored claims were written under `cacheKey`, whose claims need not be
    /// written again (see `recordClaims`). A nil key (a run row without one) trusts no stored claims.
    static func recordDocuments(_ documents: [Document], reused: Set<String>, runID: String, asOf: String, seq: Int64,
                                cacheKey: String?, in db: Database) throws -> Set<String> {
        var open: [String: PathEntry] = [:]
        let spans = try Row.fetchCursor(db, sql: """
            SELECT path, document_id, status, error FROM document_spans WHERE to_seq IS NULL
            """)
        while let row = try spans.next() {
            open[row[0]] = PathEntry(document: row[1], status: row[2], error: row[3])
        }
        // One row per path, the last one listed winning (as v2's INSERT OR REPLACE did).
        var seen: [String: PathEntry] = [:]
        var order: [String] = []
        for d in documents {
            let entry = PathEntry(document: d.id, status: d.status.rawValue, error: d.error)
            if seen.updateValue(entry, forKey: d.path) == nil { order.append(d.path) }
        }
        let close = try db.cachedStatement(sql: "UPDATE document_spans SET to_seq = ? WHERE path = ? AND to_seq IS NULL")
        for (path, entry) in open where seen[path] != entry {
            try close.execute(arguments: [seq - 1, path])
        }
        let begin = try db.cachedStatement(sql: """
            INSERT INTO document_spans (path, document_id, status, error, from_seq) VALUES (?, ?, ?, ?, ?)
            """)
        for path in order {
            guard let entry = seen[path], open[path] != entry else { continue }
            try begin.execute(arguments: [path, entry.document, entry.status, entry.error, seq])
        }
        if !reused.isEmpty {
            let fresh = try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_fresh_documents (run_id, document_id) VALUES (?, ?)")
            for d in documents where !reused.contains(d.id) { try fresh.execute(arguments: [runID, d.id]) }
        }

        var stored: [String: (format: String, claimsKey: String?)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, format, claims_key FROM document_rows")
        while let row = try rows.next() { stored[row[0]] = (row[1], row[2]) }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO document_rows (id, content_hash, path, format, first_seen_run, first_seen_as_of) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let setFormat = try db.cachedStatement(sql: "UPDATE document_rows SET format = ? WHERE id = ?")
        var current = Set<String>()
        var done = Set<String>()
        for d in documents where done.insert(d.id).inserted {
            if let row = stored[d.id] {
                if row.format != d.format.rawValue { try setFormat.execute(arguments: [d.format.rawValue, d.id]) }
                if let cacheKey, row.claimsKey == cacheKey { current.insert(d.id) }
            } else {
                let hash = d.id.hasPrefix("d-") ? String(d.id.dropFirst(2)) : d.id
                try insert.execute(arguments: [d.id, hash, d.path, d.format.rawValue, runID, asOf])
            }
        }
        return current
    }

    /// Records the claims run `seq` saw: closes the spans of claims it no longer sees, opens spans for claims new or
    /// back, and writes claim rows only for claims not stored yet and for the claims of documents not in `current`
    /// (their stored claims were written under another cache key); only those values are encoded.
    static func recordClaims(_ claims: [Claim], documents: [Document], current: Set<String>, runID: String, asOf: String,
                             seq: Int64, cacheKey: String?, encoder: JSONEncoder, in db: Database) throws {
        var open = Set<String>()
        let spans = try String.fetchCursor(db, sql: "SELECT claim_id FROM claim_spans WHERE to_seq IS NULL")
        while let id = try spans.next() { open.insert(id) }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO claim_rows (id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, subject = excluded.subject,
                metric = excluded.metric, text = excluded.text, value_json = excluded.value_json
            """)
        let insertIfNew = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO claim_rows (id, document_id, subject, metric, text, value_json, first_seen_run, first_seen_as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let begin = try db.cachedStatement(sql: "INSERT INTO claim_spans (claim_id, from_seq) VALUES (?, ?)")
        // The same content under two paths lists its claims once per copy.
        var seen = Set<String>(minimumCapacity: claims.count)
        for c in claims where seen.insert(c.id).inserted {
            let wasOpen = open.remove(c.id) != nil
            if !current.contains(c.document) || !wasOpen {
                let value = String(decoding: try encoder.encode(c.value), as: UTF8.self)
                let arguments: StatementArguments = [c.id, c.document, c.subject, c.metric, c.text, value, runID, asOf]
                try (current.contains(c.document) ? insertIfNew : upsert).execute(arguments: arguments)
            }
            if !wasOpen { try begin.execute(arguments: [c.id, seq]) }
        }
        let close = try db.cachedStatement(sql: "UPDATE claim_spans SET to_seq = ? WHERE claim_id = ? AND to_seq IS NULL")
        for id in open { try close.execute(arguments: [seq - 1, id]) }
        // The claims of the run's ok documents are now as this key makes them.
        guard let cacheKey else { return }
        let setKey = try db.cachedStatement(sql: "UPDATE document_rows SET claims_key = ? WHERE id = ?")
        var done = Set<String>()
        for d in documents where d.status == .ok && !current.contains(d.id) && done.insert(d.id).inserted {
            try setKey.execute(arguments: [cacheKey, d.id])
        }
    }
}
