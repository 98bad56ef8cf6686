// Measures `claimtrack parse`'s HTML path (DocumentReader: sniffing, hashing, libxml2, extraction, metadata) on the
// shared benchmark pages, beside libxml2's own parse-only rate measured in the same run on the same bytes.
//
// Usage: HTMLIngestBenchmark [PAGES_FOLDER] [--rounds N]   (pin it to one core: taskset -c 0 …)
// Prints one line per measure and ends with a `key=value` line for scripts. MB means 10^6 bytes.
import CLibXML2Bench
import BenchmarkSupport
import Foundation
import Ingest

let (rounds, paths) = roundsAndPaths(Array(CommandLine.arguments.dropFirst()), rounds: 7)
// The last folder given, or the shared benchmark pages beside the repository.
let folder = paths.last.map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/HTMLIngestBenchmark
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() // the repository
    .deletingLastPathComponent().appendingPathComponent("shared/data/html/pages")

let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".html") }.sorted()
guard !names.isEmpty else {
    FileHandle.standardError.write(Data("benchmark: no '*.html' pages in '\(folder.path)'\n".utf8))
    exit(2)
}
let pages: [(name: String, url: URL, bytes: [UInt8])] = names.map { name in
    let url = folder.appendingPathComponent(name)
    return (name, url, [UInt8]((try? Data(contentsOf: url)) ?? Data()))
}
let totalBytes = pages.reduce(0) { $0 + $1.bytes.count }

/// libxml2 alone: the same parser call and options claimtrack uses, then free the tree.
@MainActor func libxml2ParseOnly() -> Int {
    let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    var parsed = 0
    for page in pages {
        page.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                if let doc = htmlReadMemory(chars, Int32(clamping: buffer.count), nil, "UTF-8", options) {
                    parsed += 1
                    xmlFreeDoc(doc)
                }
            }
        }
    }
    return parsed
}

/// claimtrack's reader on bytes in memory (what `parse` does after reading the file).
@MainActor func claimtrackFromMemory() -> Int {
    var characters = 0
    for page in pages { characters += DocumentReader.read(bytes: page.bytes, relativePath: page.name).text.utf8.count }
    return characters
}

/// claimtrack's reader from the files, as `claimtrack parse FILE...` calls it.
@MainActor func claimtrackFromFiles() -> Int {
    var characters = 0
    for page in pages { characters += DocumentReader.read(fileAt: page.url, relativePath: page.name).text.utf8.count }
    return characters
}

/// Fastest seconds of each measure over `rounds` rounds, after one warm-up of each.
///
/// Rounds interleave the measures, so load from other processes hits them alike, and the fastest round is the
/// one least disturbed: on a shared machine the minimum is far steadier than the median.
@MainActor func measureInterleaved(_ bodies: [() -> Int]) -> [Double] {
    for body in bodies { _ = body() }
    var best = [Double](repeating: .infinity, count: bodies.count)
    for _ in 0..<rounds {
        for (index, body) in bodies.enumerated() {
            let start = now()
            let sink = body()
            best[index] = min(best[index], now() - start)
            if sink < 0 { print(sink) } // keeps the work observable
        }
    }
    return best
}

let times = measureInterleaved([libxml2ParseOnly, claimtrackFromMemory, claimtrackFromFiles])
let libxml2Seconds = times[0], memorySeconds = times[1], fileSeconds = times[2]
let megabytes = Double(totalBytes) / 1e6

@MainActor func rate(_ seconds: Double) -> String { String(format: "%.1f", megabytes / seconds) }
@MainActor func pagesPerSecond(_ seconds: Double) -> String { String(format: "%.0f", Double(pages.count) / seconds) }

print("pages: \(pages.count), \(String(format: "%.2f", megabytes)) MB, best of \(rounds) interleaved rounds")
print("libxml2 parse-only:           \(rate(libxml2Seconds)) MB/s, \(pagesPerSecond(libxml2Seconds)) pages/s")
print("claimtrack (bytes in memory): \(rate(memorySeconds)) MB/s, \(pagesPerSecond(memorySeconds)) pages/s")
print("claimtrack (from files):      \(rate(fileSeconds)) MB/s, \(pagesPerSecond(fileSeconds)) pages/s")
print(String(format: "claimtrack / libxml2 parse-only: %.2f", libxml2Seconds / fileSeconds))
print("claimtrack_mbps=\(rate(fileSeconds)) claimtrack_pages_per_s=\(pagesPerSecond(fileSeconds)) "
    + "claimtrack_memory_mbps=\(rate(memorySeconds)) libxml2_mbps=\(rate(libxml2Seconds)) "
    + String(format: "ratio_to_libxml2=%.2f", libxml2Seconds / fileSeconds) + " pages=\(pages.count) bytes=\(totalBytes)")
