// Modules of the ClaimtrackCLI product's dependencies are importable from it; the fuzz package needs no extra product.
import Ingest

/// libFuzzer entry point: the bytes are read as an HTML input file; any crash, hang or sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    _ = DocumentReader.read(bytes: bytes, relativePath: "fuzz.html")
    // Plain-text sniffing and the text-article parser share the decoding paths; exercise them too.
    _ = DocumentReader.read(bytes: bytes, relativePath: "fuzz.txt")
    return 0
}
