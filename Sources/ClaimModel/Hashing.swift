/// SHA-256 (FIPS 180-4), used for content-addressed document ids and stable claim ids.
///
/// Every ingested byte is hashed once for the document id, so this sits on the ingest hot path: blocks are read
/// straight from the caller's contiguous storage (no copy, no padding of the whole message) and the round state
/// lives in locals, with the message schedule in a stack buffer.
public enum SHA256 {
    /// The round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ digest(raw: UnsafeRawBufferPointer($0)) }) {
            return result
        }
        // Only non-contiguous collections (ranges, lazy views) pay for a copy.
        return Array(bytes).withUnsafeBytes { digest(raw: $0) }
    }

    /// The digest of raw memory: whole blocks in place, then the padded tail in a 128-byte stack buffer.
    private static func digest(raw input: UnsafeRawBufferPointer) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        let count = input.count
        let wholeBlocks = count / 64
        k.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                guard let kp = constants.baseAddress, let wp = w.baseAddress else { return }
                if wholeBlocks > 0, let base = input.baseAddress {
                    compress(&h, blocks: base, count: wholeBlocks, k: kp, w: wp)
                }
                // The tail: leftover bytes, 0x80, zeros, the bit length; one or two blocks.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    guard let tp = tail.baseAddress else { return }
                    tail.initialize(repeating: 0)
                    let rest = count - wholeBlocks * 64
                    if rest > 0, let base = input.baseAddress {
                        UnsafeMutableRawPointer(tp).copyMemory(from: base + wholeBlocks * 64, byteCount: rest)
                    }
                    tp[rest] = 0x80
                    let tailBlocks = rest < 56 ? 1 : 2
                    let bitLength = UInt64(count) &* 8
                    for i in 0..<8 {
                        tp[tailBlocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))
                    }
                    compress(&h, blocks: UnsafeRawPointer(tp), count: tailBlocks, k: kp, w: wp)
                }
            }
        }
        var out = [UInt8](repeating: 0, count: 32)
        let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        for (i, word) in words.enumerated() {
            out[i * 4] = UInt8(truncatingIfNeeded: word >> 24)
            out[i * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
            out[i * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
            out[i * 4 + 3] = UInt8(truncatingIfNeeded: word)
        }
        return out
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

    /// Runs the compression function over `count` consecutive 64-byte blocks starting at `blocks`.
    private static func compress(_ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 blocks: UnsafeRawPointer, count: Int,
                                 k: UnsafePointer<UInt32>, w: UnsafeMutablePointer<UInt32>) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = h
        var block = blocks
        for _ in 0..<count {
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
            }
            for t in 16..<64 {
                let x = w[t &- 15], y = w[t &- 2]
                let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7
            for t in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
            h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ hh
            block += 64
        }
        h = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    /// Lower-case hex of the digest of `bytes`.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        let digest = digest(bytes)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            digits.withUTF8Buffer { table in
                for (i, b) in digest.enumerated() {
                    buffer[i * 2] = table[Int(b >> 4)]
                    buffer[i * 2 + 1] = table[Int(b & 15)]
                }
            }
            return 64
        }
    }

    /// Lower-case hex of the digest of a string's UTF-8.
    public static func hex(_ string: String) -> String {
        var string = string
        return string.withUTF8 { hex($0) }
    }
}
