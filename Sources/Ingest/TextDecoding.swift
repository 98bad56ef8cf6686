import Foundation

/// Why bytes are not the text they claim to be.
struct DecodingProblem: Error, Hashable, Sendable, CustomStringConvertible {
    var description: String
}

/// Byte-to-text conversions shared by the text, feed and HTML readers.
enum TextDecoding {
    /// The byte order of a UTF-16 BOM at the start, if any.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> String.Encoding? {
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        return nil
    }

    /// Offset of the first byte that breaks UTF-8, or nil when all of `bytes` is valid UTF-8.
    ///
    /// Runs of ASCII, most of any HTML page, are skipped eight bytes at a time.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let n = buffer.count
            var i = 0
            while i < n {
                if i &+ 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i &+= 8; continue }
                }
                let b = base[i]
                if b < 0x80 { i &+= 1; continue }
                let length: Int
                var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; minSecond = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; maxSecond = 0x9F
                case 0xF0: length = 4; minSecond = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; maxSecond = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                let second = base[i + 1]
                guard second >= minSecond, second <= maxSecond else { return i }
                for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
                i &+= length
            }
            return nil
        }
    }

    /// The text of UTF-8 bytes (a BOM dropped), or of BOM-marked UTF-16; anything else is a problem.
    static func decodeStrictUTF8(_ bytes: [UInt8]) -> Result<String, DecodingProblem> {
        if let order = utf16ByteOrder(bytes) {
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: order) else {
                return .failure(DecodingProblem(description: "starts with a utf-16 byte order mark but is not valid utf-16"))
            }
            return .success(text)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let bad = firstInvalidUTF8Offset(body) {
            let hex = String(body[bad], radix: 16, uppercase: false)
            let offset = bad + (body.count == bytes.count ? 0 : 3)
            return .failure(DecodingProblem(description: "is not valid utf-8 (byte '0x\(hex)' at offset \(offset))"))
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    /// Bytes in a declared non-UTF-8 charset converted to UTF-8; nil for UTF-8, unknown charsets or bytes that do not convert.
    static func transcodeToUTF8(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        let encoding: String.Encoding
        switch charset.lowercased() {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1": encoding = .isoLatin1
        case "windows-1252", "cp1252", "x-cp1252": encoding = .windowsCP1252
        case "iso-8859-2", "latin2": encoding = .isoLatin2
        case "windows-1250", "cp1250": encoding = .windowsCP1250
        case "windows-1251", "cp1251": encoding = .windowsCP1251
        case "utf-16", "utf16": encoding = .utf16
        case "utf-16le": encoding = .utf16LittleEndian
        case "utf-16be": encoding = .utf16BigEndian
        default: return nil
        }
        guard let text = String(data: Data(bytes), encoding: encoding) else { return nil }
        return Array(text.utf8)
    }
}
