public import ClaimModel
public import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies a file's content without reading it: size, modification and change times, inode and device.
///
/// Any write to a file moves its change time, which a user cannot set back, so an equal fingerprint means the bytes
/// read last night are the bytes there now (git's index relies on the same rule).
public struct FileFingerprint: Hashable, Sendable {
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    /// Status change time in nanoseconds since the epoch.
    public var changedNanoseconds: Int64
    /// Inode number.
    public var inode: Int64
    /// Device number.
    public var device: Int64

    /// The fingerprint of the file at `path` (links followed: the walker only hands over links it chose to follow).
    public static func of(path: String) -> FileFingerprint? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return FileFingerprint(size: Int64(info.st_size), modifiedNanoseconds: modified, changedNanoseconds: changed,
                               inode: Int64(bitPattern: UInt64(info.st_ino)), device: Int64(bitPattern: UInt64(info.st_dev)))
    }
}

/// Per-run view of the store's extraction cache: which documents can skip parsing, extraction and normalizing,
/// and which fresh results to file away for the next night.
///
/// Two levels: a file whose fingerprint equals last night's is not even read (its parsed document comes back from
/// the store); a file that was read but whose content id is cached under the same key skips extract and normalize.
public final class IncrementalCache: @unchecked Sendable {
    /// The store behind the cache.
    public let store: RunStore
    /// Cached results are valid only under this key: the per-document stages' types and options and the build.
    public let key: String
    /// False under `--full`: nothing is looked up, but fresh results are still saved.
    public let lookups: Bool
    private let fingerprints: [String: (FileFingerprint, String)]
    private let cachedIDs: Set<String>
    // Guarded by `lock`: filled concurrently by ingest tasks.
    private let lock = NSLock()
    private var observed: [String: (FileFingerprint, String)] = [:]
    private var restored: [String: [Claim]] = [:]
    private var unreadPaths = 0
    /// Ids of fresh results, written to the store's extraction cache as soon as they were encoded (rows are keyed by
    /// content and cache key, so a row written by a run that does not finish is still right for the next one), or the
    /// error that kept them out, reported when the run is saved.
    private var fresh: [String: Result<Void, any Error>] = [:]
    /// The run whose fresh extractions are written (rows name it).
    public let runID: String
    private var reused: Set<String> = []

    /// Loads the cache index for `key` from the store; fresh extractions will be filed under `runID`.
    public init(store: RunStore, key: String, lookups: Bool, runID: String = "") throws {
        self.store = store
        self.runID = runID
        self.key = key
        self.lookups = lookups
        let index = try store.cacheIndex(cacheKey: key)
        fingerprints = lookups ? index.fingerprints : [:]
        cachedIDs = lookups ? index.cached : []
    }

    /// The key for a list of per-document stages (type and options each) and this build of claimtrack.
    ///
    /// The executable's size and modification time stand for the code: a new build may extract differently, so it
    /// starts from an empty cache rather than trusting claims an older build made.
    public static func key(for stages: [ConfiguredStage]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // The prefix names the layout of the cached rows (2: `StoreCodec` blobs rather than JSON).
        var text = "claimtrack-cache-2\n"
        for stage in stages {
            let options = (try? encoder.encode(AnyOptions(stage.options))).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            text += "\(stage.type) \(options)\n"
        }
        let executable = FileFingerprint.of(path: "/proc/self/exe")
            ?? Bundle.main.executablePath.flatMap { FileFingerprint.of(path: $0) }
        if let executable { text += "build \(executable.size) \(executable.modifiedNanoseconds)\n" }
        return String(SHA256.hex(Array(text.utf8)).prefix(16))
    }

    /// Ingest's hook: the parsed document of an unchanged file, or nil when it must be read.
    ///
    /// Records the file's fingerprint either way, so tomorrow's run can skip it if it stays as it is.
    public func cachedDocument(at url: URL, relativePath: String) -> Document? {
        guard let print = FileFingerprint.of(path: url.path) else { return nil }
        lock.lock()
        let known = fingerprints[relativePath]
        lock.unlock()
        guard let known, known.0 == print, cachedIDs.contains(known.1),
              let entry = try? store.cachedExtraction(documentID: known.1, cacheKey: key) else {
            remember(relativePath, print, documentID: nil)
            return nil
        }
        var document = entry.document
        document.path = relativePath
        lock.lock()
        observed[relativePath] = (print, document.id)
        restored[document.id] = entry.claims
        unreadPaths += 1
        lock.unlock()
        return document
    }

    private func remember(_ path: String, _ print: FileFingerprint, documentID: String?) {
        lock.lock()
        observed[path] = (print, documentID ?? "")
        lock.unlock()
    }

    /// How many files came back from the store without being read.
    public var skippedParses: Int { lock.lock(); defer { lock.unlock() }; return unreadPaths }

    /// Ids of documents whose claims came from the store this run.
    public var reusedDocuments: Set<String> { lock.lock(); defer { lock.unlock() }; return reused }

    /// After ingest: the ok documents whose claims the store holds, with those claims; they skip extract and normalize.
    func reusable(_ documents: [Document]) -> [String: [Claim]] {
        guard lookups else { return [:] }
        var found: [String: [Claim]] = [:]
        for document in documents where document.status == .ok && found[document.id] == nil {
            lock.lock()
            let early = restored[document.id]
            lock.unlock()
            if let early {
                found[document.id] = early
            } else if cachedIDs.contains(document.id),
                      let entry = try? store.cachedExtraction(documentID: document.id, cacheKey: key),
                      Self.sameParse(entry.document, document) {
                found[document.id] = entry.claims
            }
        }
        lock.lock()
        reused = Set(found.keys)
        restored = [:]
        lock.unlock()
        return found
    }

    /// Whether a cached document and one read this run are the same parse, apart from where the file lies. The id
    /// names the bytes only, and the same bytes read under another extension (`a.txt` renamed `a.html`) parse into
    /// another document, whose claims must be extracted again.
    static func sameParse(_ cached: Document, _ read: Document) -> Bool {
        var cached = cached
        cached.path = read.path
        return cached == read
    }

    /// After the per-document stages: files each fresh ok document with its claims for the next run.
    func recordFresh(_ batch: Batch) {
        var byDocument: [String: [Claim]] = [:]
        var copies: [String: Int] = [:]
        for document in batch.documents where document.status == .ok { copies[document.id, default: 0] += 1 }
        lock.lock()
        var pending: [Document] = []
        var seen = Set<String>()
        for document in batch.documents where document.status == .ok && !reused.contains(document.id) && fresh[document.id] == nil {
            if seen.insert(document.id).inserted { pending.append(document) }
        }
        lock.unlock()
        guard !pending.isEmpty else { return }
        for claim in batch.claims where seen.contains(claim.document) { byDocument[claim.document, default: []].append(claim) }
        let claimsOf = byDocument, copiesOf = copies
        // Encoded (the binary store form, `StoreCodec`) on every core and written a chunk of documents at a time, so
        // only one chunk's rows are held: at 100,000 documents all rows together are about a gigabyte.
        let chunk = 4096
        var start = 0
        while start < pending.count {
            let documents = Array(pending[start..<min(pending.count, start + chunk)])
            start += chunk
            var encoded = [(Data, Data)?](repeating: nil, count: documents.count)
            let slices = min(documents.count, 64)
            encoded.withUnsafeMutableBufferPointer { buffer in
                // Each index is written by one slice only.
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    for i in stride(from: slice, to: documents.count, by: slices) {
                        let document = documents[i]
                        // The same bytes under two paths make one id with its claims listed once per copy; keep one copy's.
                        let claims = claimsOf[document.id] ?? []
                        let count = max(1, copiesOf[document.id] ?? 1)
                        out[i] = (StoreCodec.encode(document), StoreCodec.encode(Array(claims.prefix(claims.count / count))))
                    }
                }
            }
            let rows = zip(documents, encoded).compactMap { document, blobs in blobs.map { (document.id, $0.0, $0.1) } }
            encoded = []
            let written = Result { try store.writeExtractions(rows, cacheKey: key, runID: runID) }
            lock.lock()
            for (id, _, _) in rows where fresh[id] == nil { fresh[id] = written }
            lock.unlock()
        }
    }

    /// Writes today's fingerprints and drops cache entries for documents no longer present, given the run's documents
    /// and the one each path holds (`rowOfPath`, see `HistorySpans.rowOfPath`); fresh extractions are in the store
    /// already.
    ///
    /// Both tables are brought to what this run saw by writing only the difference from what they hold: a night with
    /// 1 % of the files changed rewrites about 1 % of the fingerprints, not all of them.
    func save(into db: Database, documents: [Document], rowOfPath: [String: Int]) throws {
        lock.lock()
        let fresh = self.fresh
        let observed = self.observed
        lock.unlock()
        // Fresh extractions are in the store already; one that could not be encoded or written fails the save.
        for (_, entry) in fresh.sorted(by: { $0.key < $1.key }) { try entry.get() }
        var okIDs = Set<String>()
        for i in rowOfPath.values where documents[i].status == .ok { okIDs.insert(documents[i].id) }
        // Rows filed under another key go: each new build or change of the per-document stages' options makes a new
        // key, and their rows would otherwise stay forever. Found by the key's index (two ranges: `!=` uses none).
        try db.execute(sql: "DELETE FROM extractions WHERE cache_key < ? OR cache_key > ?", arguments: [key, key])
        // Rows of documents no longer present go.
        let cachedIDs = try String.fetchAll(db, sql: "SELECT document_id FROM extractions WHERE cache_key = ?", arguments: [key])
        let drop = try db.cachedStatement(sql: "DELETE FROM extractions WHERE document_id = ? AND cache_key = ?")
        for id in cachedIDs where !okIDs.contains(id) { try drop.execute(arguments: [id, key]) }
        // Fingerprints: each ok path with the status observed today. What the table holds already is struck off.
        var wanted: [String: (FileFingerprint, String)] = [:]
        wanted.reserveCapacity(rowOfPath.count)
        for (path, i) in rowOfPath where documents[i].status == .ok {
            guard let (print, _) = observed[path] else { continue }
            wanted[path] = (print, documents[i].id)
        }
        var gone: [String] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime_ns, ctime_ns, inode, device, document_id FROM file_fingerprints")
        while let row = try rows.next() {
            let path: String = row[0]
            guard let (print, id) = wanted[path] else { gone.append(path); continue }
            let stored = FileFingerprint(size: row[1], modifiedNanoseconds: row[2], changedNanoseconds: row[3], inode: row[4],
                                         device: row[5])
            if stored == print, id == row[6] { wanted[path] = nil }
        }
        let forget = try db.cachedStatement(sql: "DELETE FROM file_fingerprints WHERE path = ?")
        for path in gone { try forget.execute(arguments: [path]) }
        let fingerprint = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO file_fingerprints (path, size, mtime_ns, ctime_ns, inode, device, document_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (path, (print, id)) in wanted.sorted(by: { $0.key < $1.key }) {
            try fingerprint.execute(arguments: [path, print.size, print.modifiedNanoseconds, print.changedNanoseconds,
                                                print.inode, print.device, id])
        }
    }
}

/// Type-erased stage options, so a list of different option types encodes for hashing.
private struct AnyOptions: Encodable {
    let options: any StageOptions
    init(_ options: any StageOptions) { self.options = options }
    func encode(to encoder: any Encoder) throws { try options.encode(to: encoder) }
}
