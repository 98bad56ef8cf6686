public import ClaimModel
public import Foundation

/// The digest of the report in an outputs folder, which the next run's "changes" compares with.
///
/// The report stage writes `.claimtrack-digest.json` just before `report.json`. A digest counts for a folder only when
/// its run is the run of the `report.json` there (a run stopped between the two files leaves a digest of a report that
/// was never published); otherwise the digest is decoded from `report.json` itself, which reads the whole file.
public enum ReportDigestFile {
    /// The digest the report stage writes beside `report.json`.
    public static let name = ".claimtrack-digest.json"

    /// The digest of the `report.json` in `folder`, or nil when there is none (or it cannot be read).
    public static func current(in folder: URL) -> ReportDigest? {
        let report = folder.appendingPathComponent("report.json")
        guard let run = runID(ofReport: report) else { return nil }
        if let digest = read(folder.appendingPathComponent(name)), digest.run == run { return digest }
        guard let data = try? Data(contentsOf: report, options: .alwaysMapped) else { return nil }
        return try? ReportDigest(reportJSON: data)
    }

    /// A digest file, or nil when it is missing or not a digest.
    public static func read(_ url: URL) -> ReportDigest? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ReportDigest.self, from: data)
    }

    /// The bytes of a digest file.
    static func encode(_ digest: ReportDigest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(digest))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Writes a digest atomically.
    public static func write(_ digest: ReportDigest, to url: URL) throws {
        try ReportWriter.writeAtomically(try encode(digest), to: url)
    }

    /// The run id of a `report.json`, read from the end of the file: sorted keys put `run` after the long lists, so
    /// only the last part of the file is read (the whole file when the key is not found there).
    static func runID(ofReport url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        for window in [UInt64(1 << 20), size] {
            let start = size > window ? size - window : 0
            guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return nil }
            if let id = runID(inTail: Array(data)) { return id }
            if start == 0 { break }
        }
        return nil
    }

    /// The `id` of the last top-level `"run"` object in the bytes (the report's pretty printing puts top-level keys at
    /// a two-space indent).
    static func runID(inTail bytes: [UInt8]) -> String? {
        let marker = Array("\n  \"run\" : {".utf8)
        var at: Int?
        var i = bytes.count - marker.count
        while i >= 0 {
            if bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) { at = i; break }
            i -= 1
        }
        guard let at else { return nil }
        // The object's "id" member, at four spaces: `    "id" : "run-…"`.
        let key = Array("\n    \"id\" : \"".utf8)
        var j = at + marker.count
        while j + key.count <= bytes.count {
            if bytes[j] == UInt8(ascii: "}") { return nil }
            if bytes[j] == key[0], bytes[j..<(j + key.count)].elementsEqual(key) {
                let from = j + key.count
                guard let end = bytes[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: bytes[from..<end], as: UTF8.self)
            }
            j += 1
        }
        return nil
    }
}
