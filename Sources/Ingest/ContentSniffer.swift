import Foundation

/// Cheap looks at the first bytes of a file: binary signatures and HTML markers.
enum ContentSniffer {
    /// A short description of why the bytes are binary, or nil when they may be text.
    ///
    /// NUL bytes are the decisive sign (no text encoding we accept produces them, except UTF-16, which
    /// must then start with its byte order mark); well-known magic numbers give a friendlier message.
    static func binarySignature(_ bytes: [UInt8]) -> String? {
        let signatures: [(prefix: [UInt8], name: String)] = [
            ([0x25, 0x50, 0x44, 0x46, 0x2D], "'%PDF-' signature"),
            ([0x89, 0x50, 0x4E, 0x47], "'PNG' signature"),
            ([0xFF, 0xD8, 0xFF], "'JPEG' signature"),
            ([0x47, 0x49, 0x46, 0x38], "'GIF8' signature"),
            ([0x50, 0x4B, 0x03, 0x04], "'PK' zip signature"),
            ([0x1F, 0x8B], "'gzip' signature"),
            ([0x7F, 0x45, 0x4C, 0x46], "'ELF' signature"),
        ]
        for s in signatures where bytes.starts(with: s.prefix) { return s.name }
        if TextDecoding.utf16ByteOrder(bytes) != nil { return nil }
        // memchr, not a byte loop: this runs over the first 64 KB of every input.
        let window = min(bytes.count, 1 << 16)
        let nul: Int? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, window) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        if let nul { return "a nul byte at offset \(nul)" }
        return nil
    }

    /// Whether the content starts like an HTML page (after a BOM, whitespace and comments).
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var head = bytes.prefix(2048)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        let text = String(decoding: head, as: UTF8.self).drop { $0.isWhitespace }.lowercased()
        for marker in ["<!doctype html", "<html", "<head", "<body", "<?xml"] where text.hasPrefix(marker) {
            return marker != "<?xml" || text.contains("<html")
        }
        if text.hasPrefix("<!--") { return text.contains("<html") }
        return false
    }
}
