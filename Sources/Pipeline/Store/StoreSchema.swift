import GRDB

/// The run history's schema: named, forward-only migrations (a released migration is never edited; a change is a new one).
enum StoreSchema {
    /// Every migration, in the order they apply.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-documents-claims") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY,
                    as_of TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    config_hash TEXT NOT NULL,
                    cache_key TEXT NOT NULL,
                    full INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
                    exit_code INTEGER,
                    message TEXT,
                    documents INTEGER,
                    quarantined INTEGER,
                    claims INTEGER,
                    facts INTEGER,
                    conflicts INTEGER,
                    parsed INTEGER,
                    reused INTEGER,
                    duration_seconds REAL
                );
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY,
                    content_hash TEXT NOT NULL,
                    path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    first_seen_run TEXT NOT NULL,
                    first_seen_as_of TEXT NOT NULL,
                    last_seen_run TEXT NOT NULL,
                    last_seen_as_of TEXT NOT NULL,
                    last_status TEXT NOT NULL,
                    last_error TEXT
                );
                CREATE TABLE run_documents (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    document_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    error TEXT,
                    reused INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_id, path)
                ) WITHOUT ROWID;
                CREATE INDEX run_documents_by_document ON run_documents(document_id);
                CREATE TABLE claims (
                    id TEXT PRIMARY KEY,
                    document_id TEXT NOT NULL,
                    subject TEXT,
                    metric TEXT NOT NULL,
                    text TEXT NOT NULL,
                    value_json TEXT NOT NULL,
                    first_seen_run TEXT NOT NULL,
                    first_seen_as_of TEXT NOT NULL,
                    last_seen_run TEXT NOT NULL,
                    last_seen_as_of TEXT NOT NULL
                );
                CREATE INDEX claims_by_document ON claims(document_id);
                CREATE TABLE run_claims (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    claim_id TEXT NOT NULL,
                    PRIMARY KEY (run_id, claim_id)
                ) WITHOUT ROWID;
                CREATE INDEX run_claims_by_claim ON run_claims(claim_id);
                CREATE TABLE facts (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    label TEXT NOT NULL,
                    subject TEXT,
                    metric TEXT NOT NULL,
                    status TEXT NOT NULL,
                    value_json TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    supporting INTEGER NOT NULL,
                    dissenting INTEGER NOT NULL,
                    superseded INTEGER NOT NULL,
                    PRIMARY KEY (run_id, id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-incremental-cache") { db in
            try db.execute(sql: """
                CREATE TABLE extractions (
                    document_id TEXT NOT NULL,
                    cache_key TEXT NOT NULL,
                    document_json BLOB NOT NULL,
                    claims_json BLOB NOT NULL,
                    run_id TEXT NOT NULL,
                    PRIMARY KEY (document_id, cache_key)
                ) WITHOUT ROWID;
                CREATE TABLE file_fingerprints (
                    path TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    ctime_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    device INTEGER NOT NULL,
                    document_id TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-history-as-spans") { db in
            try HistorySpans.migrate(db)
        }
        migrator.registerMigration("v4-claims-by-document") { db in
            try HistorySpans.migrateByDocument(db)
        }
        return migrator
    }
}
