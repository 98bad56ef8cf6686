import ClaimModel
#if canImport(CNIOBoringSSL)
import CNIOBoringSSL
#endif

/// Document ids for ingested bytes: exactly `Document.id(forContent:)`, computed with the fastest SHA-256 at hand.
///
/// Every ingested byte is hashed once, and a portable SHA-256 costs about as much as parsing the HTML itself. The
/// HTTP client already links BoringSSL (through swift-nio-ssl), whose SHA-256 uses the CPU's SHA extensions, so
/// ingest hashes with it when the module is importable and falls back to `ClaimModel.SHA256` otherwise. A test
/// checks both give the same ids.
enum ContentID {
    /// `d-` and the first 16 hex digits of the SHA-256 of `bytes`.
    static func of(_ bytes: [UInt8]) -> String {
        "d-" + hex(sha256(bytes).prefix(8))
    }

    /// Lower-case hex of the SHA-256 of `bytes`, as `SHA256.hex` gives it.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(sha256(bytes)[...])
    }

    /// The 32-byte SHA-256 digest of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(CNIOBoringSSL)
        var digest = [UInt8](repeating: 0, count: 32)
        let done = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                CNIOBoringSSL.SHA256(input.baseAddress, input.count, output.baseAddress) != nil
            }
        }
        if done { return digest }
        #endif
        return SHA256.digest(bytes)
    }

    /// Whether the accelerated hash is in use (for the benchmark's report).
    static var isAccelerated: Bool {
        #if canImport(CNIOBoringSSL)
        return true
        #else
        return false
        #endif
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
