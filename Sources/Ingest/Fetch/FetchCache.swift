import ClaimModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the cache keeps about one URL beside its content: where it was fetched from, when, and the headers.
struct FetchRecord: Codable, Sendable, Equatable {
    /// The URL as configured (or as a feed listed it): the cache key.
    var url: String
    /// The URL the content finally came from, after redirects.
    var finalURL: String
    /// ISO 8601 time of the last successful fetch or revalidation.
    var fetchedAt: String
    /// HTTP status of the response that delivered the content (200, or the 304 that confirmed it).
    var status: Int
    /// Response headers as received, in order (names lower-case).
    var headers: [[String]]
    /// SHA-256 of the content: the name of its file under `objects/`.
    var sha256: String
    /// Content length in bytes.
    var bytes: Int

    /// The first value of a header, by lower-case name.
    func header(_ name: String) -> String? {
        headers.first { $0.count == 2 && $0[0] == name }?[1]
    }
}

/// A content-addressed store of fetched responses under one folder.
///
/// Layout: `objects/<2 hex>/<sha256>` holds each distinct body once; `urls/<sha256 of the url>.json` holds the
/// `FetchRecord` of a URL. Every file name is a hash computed here, never text from a URL or a header, so nothing
/// a server sends can steer a write outside the folder; files are written to a temporary name and renamed, so a
/// crash leaves either the old file or the new one.
struct FetchCache: Sendable {
    /// The cache folder.
    let root: URL

    /// The record of a URL, when one was stored and its content is still present and intact.
    func record(for url: String) -> (record: FetchRecord, body: [UInt8])? {
        guard let data = try? Data(contentsOf: recordPath(url)),
              let record = try? JSONDecoder().decode(FetchRecord.self, from: data), record.url == url,
              let body = try? Data(contentsOf: objectPath(record.sha256)) else { return nil }
        let bytes = [UInt8](body)
        // A damaged object is treated as absent, so the next fetch is unconditional.
        guard ContentID.sha256Hex(bytes) == record.sha256 else { return nil }
        return (record, bytes)
    }

    /// Stores a body (once per content) and the URL's record pointing at it.
    func store(body: [UInt8], record: FetchRecord) throws {
        let object = objectPath(record.sha256)
        if !FileManager.default.fileExists(atPath: object.path) {
            try writeAtomically(Data(body), to: object)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try writeAtomically(try encoder.encode(record), to: recordPath(record.url))
    }

    /// `urls/<sha256 of the url>.json`.
    func recordPath(_ url: String) -> URL {
        root.appendingPathComponent("urls", isDirectory: true).appendingPathComponent(SHA256.hex(url) + ".json")
    }

    /// `objects/<first two hex digits>/<sha256>`.
    func objectPath(_ sha256: String) -> URL {
        // Only a hex digest may name a file; anything else (a hand-edited record) maps to a fixed harmless name.
        let safe = sha256.count == 64 && sha256.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            ? sha256 : String(repeating: "0", count: 64)
        return root.appendingPathComponent("objects", isDirectory: true)
            .appendingPathComponent(String(safe.prefix(2)), isDirectory: true).appendingPathComponent(safe)
    }

    /// Writes to a fresh temporary file beside `target`, then renames it over `target`.
    private func writeAtomically(_ data: Data, to target: URL) throws {
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".tmp-" + UUID().uuidString)
        // `.withoutOverwriting` opens with O_EXCL, so a planted symlink at the temporary name is never followed.
        try data.write(to: temporary, options: [.withoutOverwriting])
        guard rename(temporary.path, target.path) == 0 else {
            let why = String(cString: strerror(errno)).lowercased()
            try? FileManager.default.removeItem(at: temporary)
            throw FetchCacheError(description: "cannot store '\(target.lastPathComponent)' in the fetch cache (\(why))")
        }
    }
}

/// A cache write that failed.
struct FetchCacheError: Error, CustomStringConvertible {
    var description: String
}
