import ClaimModel
@testable import Ingest
import Testing

@Suite("content ids")
struct ContentIDTests {
    @Test("the accelerated hash gives exactly Document.id and SHA256.hex, at every padding boundary",
          arguments: [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_003])
    func sameAsClaimModel(_ count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(ContentID.of(bytes) == Document.id(forContent: bytes))
        #expect(ContentID.sha256Hex(bytes) == SHA256.hex(bytes))
    }
}
