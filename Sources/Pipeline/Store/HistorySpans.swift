import ClaimModel
import Foundation
import GRDB

/// How the run history records which documents and claims each run saw, so that a night's write costs in proportion to
/// what changed since the last run rather than to the size of the corpus (schemas `v3-history-as-spans` and
/// `v4-claims-by-document`).
///
/// Until v2 every completed run upserted a row per claim and per document (to move their last-seen run) and inserted a
/// link row per claim and per document: at 100,000 documents about 2 million row writes a night, with a JSON value
/// encoded per claim, even when 1 % of the documents had changed. Now:
///
/// - `run_order` numbers the completed runs in the order they completed (`seq`; AUTOINCREMENT, so a number is never
///   given twice). A pinned run that runs again under its id loses its row, and with it its number, when it starts
///   (`beginRun`), and gets a new number when it completes.
/// - `document_spans` and `claim_spans` hold what each run saw as spans of consecutive numbers: an input path with its
///   document, status, error, format and cache key, or a claim, was seen by every completed run numbered `from_seq`
///   to `to_seq`; `to_seq` NULL means "still seen by the latest completed run". A night closes the spans of what its
///   run no longer sees and opens one for each thing that is new or came back; what stayed the same is not written.
///   A number whose run no longer exists is a hole inside a span and stands for no run.
/// - Claims are handled a document at a time. The per-document stages give the same document the same claims under
///   the same cache key (`IncrementalCache.key`: their options and the build; the extraction cache assumes the same
///   when it hands back a document's claims by its id and the key, and the kill tests compare a rerun's `claims.jsonl`
///   byte for byte with a clean run's), so a document that the last run saw ok under this run's key, and that is ok
///   again, has the same claims, and its claims are not looked at. A new key makes every document count as changed.
///   (The end-to-end tests check the store's claims of each run against its `claims.jsonl`.) Only documents new, back, seen
///   under another key, or gone have their claim spans compared claim by claim. The one part of a claim a later
///   stage changes is the value of a date written without a year, which reconcile may bind to a year taken from other
///   documents; those claims' stored values are compared every night.
/// - `claim_rows` and `document_rows` hold what a claim or a document is and which run saw it first. A document's
///   claims are written when it is first seen, back, or seen under another key (their subject, metric and value may
///   then differ); otherwise a claim's id, derived from its document's content and its span (`Claim.id`), stands for
///   the same claim. Claims and their spans are keyed by document first, so one document's rows sit together.
/// - `run_fresh_documents` lists, for a run that took documents from the incremental cache (`runs.reused` > 0), the
///   documents it did not take from there (read and extracted again, or quarantined): the changed ones, not the
///   corpus. A run that reused nothing reused nothing for every document and lists none. (The flag as part of a span
///   would have closed and reopened the span of every document on the first night after a cold one.)
/// - Views with the v2 table names (`claims`, `run_claims`, `documents`, `run_documents`) give back the v2 columns,
///   with the last-seen run and as-of date derived from the spans, so queries written against v2 keep working; they
///   are for inspection and tests, the nightly run does not read them.
enum HistorySpans {
    /// The largest `seq`: the upper end of an open span.
    static let openEnd = "9223372036854775807"

    /// Migration `v3-history-as-spans`, as released (a released migration is not edited): creates the span tables and
    /// views, converts a v2 history into them, and drops the v2 tables. `migrateByDocument` (v4) then keys claims by
    /// document and moves the cache key of a document's claims into its spans.
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
        try createV3Views(db)
    }

    /// The views with the v2 table names over v3's spans, as v3 made them (v4 replaces them: `createViews`).
    ///
    /// A span's last run is the highest-numbered run still in `run_order` within it (one index seek); a claim's or a
    /// document's last-seen run is the latest of its spans' last runs.
    private static func createV3Views(_ db: Database) throws {
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

    /// Migration `v4-claims-by-document`: converts v3's layout into the one the nightly run now writes, in which claims
    /// are compared and stored a document at a time. (A migration of its own: stores written by v3's build exist, and a
    /// released migration is not edited.)
    ///
    /// - `claim_rows` and `claim_spans` are keyed by document first (`claim_spans` gains `document_id`, taken from the
    ///   claim's row: a claim id is derived from its document's id, so a claim has one document).
    /// - `document_rows.claims_key`, the key a document's claims were last written under, moves into `document_spans`
    ///   with the document's format: the span of an ok document is cut where the runs' cache key changes, and each
    ///   piece gets its runs' key (a v3 span ran on across a new key). An ok span with no run left in it (its runs'
    ///   numbers are all holes) keeps the document's last key. `document_rows.format` was kept up to date by v3, so
    ///   it is the format the spans get, and in a converted store it is the latest format, not the first.
    /// - The views are made again over the new tables (`createViews`); they answer as before.
    static func migrateByDocument(_ db: Database) throws {
        try db.execute(sql: """
            DROP VIEW run_claims;
            DROP VIEW claims;
            DROP VIEW run_documents;
            DROP VIEW documents;

            CREATE TABLE claim_rows_v4 (
                document_id TEXT NOT NULL,
                id TEXT NOT NULL,
                subject TEXT,
                metric TEXT NOT NULL,
                text TEXT NOT NULL,
                value_json TEXT NOT NULL,
                first_seen_run TEXT NOT NULL,
                first_seen_as_of TEXT NOT NULL,
                PRIMARY KEY (document_id, id)
            ) WITHOUT ROWID;
            INSERT INTO claim_rows_v4 (document_id, id, subject, metric, text, value_json, first_seen_run, first_seen_as_of)
                SELECT document_id, id, subject, metric, text, value_json, first_seen_run, first_seen_as_of FROM claim_rows
                ORDER BY document_id, id;

            CREATE TABLE claim_spans_v4 (
                document_id TEXT NOT NULL,
                claim_id TEXT NOT NULL,
                from_seq INTEGER NOT NULL,
                to_seq INTEGER,
                PRIMARY KEY (document_id, claim_id, from_seq)
            ) WITHOUT ROWID;
            INSERT INTO claim_spans_v4 (document_id, claim_id, from_seq, to_seq)
                SELECT c.document_id, s.claim_id, s.from_seq, s.to_seq FROM claim_spans s JOIN claim_rows c ON c.id = s.claim_id
                ORDER BY c.document_id, s.claim_id, s.from_seq;

            CREATE TABLE document_spans_v4 (
                path TEXT NOT NULL,
                document_id TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                format TEXT NOT NULL,
                claims_key TEXT,
                from_seq INTEGER NOT NULL,
                to_seq INTEGER,
                PRIMARY KEY (path, from_seq)
            ) WITHOUT ROWID;
            """)
        // The completed runs as stretches of one cache key, in run order (holes skipped): few rows.
        var stretches: [(from: Int64, to: Int64, key: String)] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT o.seq, r.cache_key FROM run_order o JOIN runs r ON r.id = o.run_id ORDER BY o.seq
            """) {
            let seq: Int64 = row[0], key: String = row[1]
            if let last = stretches.last, last.key == key {
                stretches[stretches.count - 1].to = seq
            } else {
                stretches.append((seq, seq, key))
            }
        }
        let insert = try db.makeStatement(sql: """
            INSERT INTO document_spans_v4 (path, document_id, status, error, format, claims_key, from_seq, to_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let spans = try Row.fetchAll(db, sql: """
            SELECT s.path, s.document_id, s.status, s.error, coalesce(d.format, ''), d.claims_key, s.from_seq, s.to_seq
            FROM document_spans s LEFT JOIN document_rows d ON d.id = s.document_id ORDER BY s.path, s.from_seq
            """)
        for row in spans {
            let path: String = row[0], id: String = row[1], status: String = row[2], error: String? = row[3]
            let format: String = row[4], lastKey: String? = row[5], from: Int64 = row[6], to: Int64? = row[7]
            guard status == DocumentStatus.ok.rawValue else {
                try insert.execute(arguments: [path, id, status, error, format, nil, from, to])
                continue
            }
            let pieces = stretches.filter { $0.to >= from && $0.from <= (to ?? .max) }
            guard !pieces.isEmpty else {
                try insert.execute(arguments: [path, id, status, error, format, lastKey, from, to])
                continue
            }
            for (n, piece) in pieces.enumerated() {
                // The pieces meet: each ends where the next stretch begins, less one (holes between stay inside).
                let start = n == 0 ? from : piece.from
                let end: Int64? = n == pieces.count - 1 ? to : pieces[n + 1].from - 1
                try insert.execute(arguments: [path, id, status, error, format, piece.key, start, end])
            }
        }
        try db.execute(sql: """
            CREATE TABLE document_rows_v4 (
                id TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL,
                path TEXT NOT NULL,
                format TEXT NOT NULL,
                first_seen_run TEXT NOT NULL,
                first_seen_as_of TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO document_rows_v4 (id, content_hash, path, format, first_seen_run, first_seen_as_of)
                SELECT id, content_hash, path, format, first_seen_run, first_seen_as_of FROM document_rows;

            DROP TABLE claim_rows;
            DROP TABLE claim_spans;
            DROP TABLE document_spans;
            DROP TABLE document_rows;
            ALTER TABLE claim_rows_v4 RENAME TO claim_rows;
            ALTER TABLE claim_spans_v4 RENAME TO claim_spans;
            ALTER TABLE document_spans_v4 RENAME TO document_spans;
            ALTER TABLE document_rows_v4 RENAME TO document_rows;
            CREATE INDEX document_spans_open ON document_spans(path, document_id, status, error, format, claims_key)
                WHERE to_seq IS NULL;
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
                LEFT JOIN run_order o ON o.seq = (SELECT max(\(lastRunOfSpan)) FROM claim_spans s
                                                  WHERE s.document_id = c.document_id AND s.claim_id = c.id)
                LEFT JOIN runs r ON r.id = o.run_id;
            CREATE VIEW run_documents AS
                SELECT o.run_id AS run_id, s.path AS path, s.document_id AS document_id, s.status AS status,
                       s.error AS error,
                       coalesce(r.reused, 0) > 0 AND NOT EXISTS (SELECT 1 FROM run_fresh_documents f
                                                                 WHERE f.run_id = o.run_id AND f.document_id = s.document_id) AS reused
                FROM document_spans s JOIN run_order o ON o.seq BETWEEN s.from_seq AND coalesce(s.to_seq, \(openEnd))
                JOIN runs r ON r.id = o.run_id;
            CREATE VIEW documents AS
                SELECT d.id AS id, d.content_hash AS content_hash, coalesce(l.path, d.path) AS path,
                       coalesce(l.format, d.format) AS format, d.first_seen_run AS first_seen_run,
                       d.first_seen_as_of AS first_seen_as_of, o.run_id AS last_seen_run, r.as_of AS last_seen_as_of,
                       l.status AS last_status, l.error AS last_error
                FROM document_rows d
                LEFT JOIN (SELECT document_id, path, status, error, format, max(last_seq) AS last_seq
                           FROM (SELECT s.document_id, s.path, s.status, s.error, s.format, \(lastRunOfSpan) AS last_seq
                                 FROM document_spans s)
                           WHERE last_seq IS NOT NULL GROUP BY document_id) l ON l.document_id = d.id
                LEFT JOIN run_order o ON o.seq = l.last_seq
                LEFT JOIN runs r ON r.id = o.run_id;
            """)
    }

    /// What `recordDocuments` learned for `recordClaims`.
    struct DocumentChanges {
        /// Documents ok in this run that the last completed run saw ok under this run's cache key: their claims are the
        /// ones that run saw.
        var carried: Set<String>
        /// Documents ok in this run and in the last completed one that are not carried (seen under another key): their
        /// open claim spans are compared with their claims now, also when they have none now.
        var recompared: Set<String>
        /// Documents the last completed run saw ok and this run does not: their claims are no longer seen.
        var gone: [String]
    }

    /// The index of the document a run saw at each path: the last one listed wins (as v2's INSERT OR REPLACE did).
    /// Indices rather than documents, as copying a whole document costs more than the lookups it is made for.
    static func rowOfPath(_ documents: [Document]) -> [String: Int] {
        var rows: [String: Int] = [:]
        rows.reserveCapacity(documents.count)
        for i in documents.indices { rows[documents[i].path] = i }
        return rows
    }

    /// Records the documents run `seq` saw (`byPath` from `rowOfPath`): closes the spans of paths whose row changed or
    /// that are gone, opens spans for new rows, lists the documents it did not reuse when it reused some (`reused`,
    /// the ids whose claims came from the cache), and files documents seen for the first time in `document_rows`.
    ///
    /// Reads only the open spans (one row per path the last run saw); writes what differs from them.
    static func recordDocuments(_ documents: [Document], byPath: [String: Int], reused: Set<String>, runID: String,
                                asOf: String, seq: Int64, cacheKey: String, in db: Database) throws -> DocumentChanges {
        var stays = [Bool](repeating: false, count: documents.count)
        // Each document the last run saw, and of those it saw ok the cache key their claims were made under ("" when
        // none is recorded, or two paths disagree: such claims are compared, not carried).
        var seenBefore = Set<String>(minimumCapacity: documents.count)
        var okBefore: [String: String] = [:]
        okBefore.reserveCapacity(documents.count)
        var closing: [String] = []
        let spans = try Row.fetchCursor(db, sql: """
            SELECT path, document_id, status, error, format, claims_key FROM document_spans WHERE to_seq IS NULL
            """)
        while let row = try spans.next() {
            let path: String = row[0], id: String = row[1], status: String = row[2]
            let error: String? = row[3], format: String = row[4], key: String? = row[5]
            seenBefore.insert(id)
            if status == DocumentStatus.ok.rawValue {
                let made = key ?? ""
                if let other = okBefore.updateValue(made, forKey: id), other != made { okBefore[id] = "" }
            }
            // Fields compared in place: a copy of a whole document costs more than the comparison.
            if let i = byPath[path], documents[i].id == id, documents[i].status.rawValue == status, documents[i].error == error,
               documents[i].format.rawValue == format, key == (documents[i].status == .ok ? cacheKey : nil) {
                stays[i] = true
            } else {
                closing.append(path)
            }
        }
        let close = try db.cachedStatement(sql: "UPDATE document_spans SET to_seq = ? WHERE path = ? AND to_seq IS NULL")
        for path in closing.sorted() { try close.execute(arguments: [seq - 1, path]) }
        let begin = try db.cachedStatement(sql: """
            INSERT INTO document_spans (path, document_id, status, error, format, claims_key, from_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (path, i) in byPath.filter({ !stays[$0.value] }).sorted(by: { $0.key < $1.key }) {
            let d = documents[i]
            try begin.execute(arguments: [path, d.id, d.status.rawValue, d.error, d.format.rawValue,
                                          d.status == .ok ? cacheKey : nil, seq])
        }
        // Documents the last run did not see may be new: the first listing of each is filed.
        var firsts: [String: Int] = [:]
        for i in documents.indices where !seenBefore.contains(documents[i].id) && firsts[documents[i].id] == nil {
            firsts[documents[i].id] = i
        }
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO document_rows (id, content_hash, path, format, first_seen_run, first_seen_as_of)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (id, i) in firsts.sorted(by: { $0.key < $1.key }) {
            let d = documents[i]
            let hash = id.hasPrefix("d-") ? String(id.dropFirst(2)) : id
            try insert.execute(arguments: [id, hash, d.path, d.format.rawValue, runID, asOf])
        }
        if !reused.isEmpty {
            let fresh = try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_fresh_documents (run_id, document_id) VALUES (?, ?)")
            for id in Set(documents.map(\.id)).subtracting(reused).sorted() { try fresh.execute(arguments: [runID, id]) }
        }
        var okNow = Set<String>()
        okNow.reserveCapacity(documents.count)
        for i in documents.indices where documents[i].status == .ok { okNow.insert(documents[i].id) }
        var carried = Set<String>(minimumCapacity: okNow.count), recompared = Set<String>()
        for id in okNow {
            guard let before = okBefore[id] else { continue }
            if !cacheKey.isEmpty && before == cacheKey { carried.insert(id) } else { recompared.insert(id) }
        }
        let gone = okBefore.keys.filter { !okNow.contains($0) }.sorted()
        return DocumentChanges(carried: carried, recompared: recompared, gone: gone)
    }

    /// Records the claims run `seq` saw, given what `recordDocuments` learned: the open spans of gone documents are
    /// closed; for each document not carried over, its open claim spans are compared with its claims now (spans closed
    /// and opened, its claims written); the values of carried claims that reconcile may bind are written where they
    /// differ. Only the values written are encoded.
    static func recordClaims(_ claims: [Claim], changes: DocumentChanges, runID: String, asOf: String, seq: Int64,
                             encoder: JSONEncoder, in db: Database) throws {
        var pending: [String: [Int]] = [:]
        var unresolved: [Int] = []
        // A document's claims are listed together, sharing one copy of its id: one lookup per run of equal ids.
        var last = "", lastCarried = false
        for i in claims.indices {
            let document = claims[i].document
            if document != last { last = document; lastCarried = changes.carried.contains(document) }
            if !lastCarried {
                pending[document, default: []].append(i)
            } else if claims[i].hasUnresolvedValue {
                unresolved.append(i)
            }
        }
        for document in changes.recompared where pending[document] == nil { pending[document] = [] }
        let closeAll = try db.cachedStatement(sql: "UPDATE claim_spans SET to_seq = ? WHERE document_id = ? AND to_seq IS NULL")
        for document in changes.gone { try closeAll.execute(arguments: [seq - 1, document]) }
        let openOf = try db.cachedStatement(sql: "SELECT claim_id FROM claim_spans WHERE document_id = ? AND to_seq IS NULL")
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO claim_rows (document_id, id, subject, metric, text, value_json, first_seen_run, first_seen_as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(document_id, id) DO UPDATE SET subject = excluded.subject, metric = excluded.metric,
                text = excluded.text, value_json = excluded.value_json
            """)
        let begin = try db.cachedStatement(sql: "INSERT INTO claim_spans (document_id, claim_id, from_seq) VALUES (?, ?, ?)")
        let close = try db.cachedStatement(sql: """
            UPDATE claim_spans SET to_seq = ? WHERE document_id = ? AND claim_id = ? AND to_seq IS NULL
            """)
        // In key order, so that the rows of one document are written together and in the order they are stored.
        for (document, indices) in pending.sorted(by: { $0.key < $1.key }) {
            let open = Set(try String.fetchAll(openOf, arguments: [document]))
            var now = Set<String>()
            for i in indices.sorted(by: { claims[$0].id < claims[$1].id }) where now.insert(claims[i].id).inserted {
                let c = claims[i]
                let value = String(decoding: try encoder.encode(c.value), as: UTF8.self)
                try upsert.execute(arguments: [document, c.id, c.subject, c.metric, c.text, value, runID, asOf])
                if !open.contains(c.id) { try begin.execute(arguments: [document, c.id, seq]) }
            }
            for id in open.subtracting(now).sorted() { try close.execute(arguments: [seq - 1, document, id]) }
        }
        // A date written without a year: reconcile may have bound it to another year tonight.
        let setValue = try db.cachedStatement(sql: """
            UPDATE claim_rows SET value_json = ? WHERE document_id = ? AND id = ? AND value_json IS NOT ?
            """)
        var done = Set<String>()
        for i in unresolved where done.insert(claims[i].id).inserted {
            let value = String(decoding: try encoder.encode(claims[i].value), as: UTF8.self)
            try setValue.execute(arguments: [value, claims[i].document, claims[i].id, value])
        }
    }
}
