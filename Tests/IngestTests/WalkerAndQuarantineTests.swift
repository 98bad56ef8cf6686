import ClaimModel
import Foundation
@testable import Ingest
import Pipeline
import Testing

@Suite("input walking and quarantine")
struct WalkerAndQuarantineTests {
    static let article = "A paragraph of news text about trade, with enough words to count.\n"

    func makeInputs() throws -> URL {
        let root = try TestPaths.temporaryFolder()
        let fm = FileManager.default
        func write(_ name: String, _ text: String) throws {
            let url = root.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("b.txt", Self.article)
        try write("sub/a.txt", Self.article + "More.\n")
        try write(".hidden.txt", Self.article)
        try write("draft.txt~", Self.article)
        try write("#autosave#", Self.article)
        try write("feed.tsv", "object\tattribute\tvalue\tsource\nx\ty\t1\ts\n")
        let outside = try TestPaths.temporaryFolder().appendingPathComponent("outside.txt")
        try Data(Self.article.utf8).write(to: outside)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link-out.txt").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link-in.txt").path,
                                  withDestinationPath: root.appendingPathComponent("b.txt").path)
        #expect(mkfifo(root.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        return root
    }

    func context(_ inputs: URL) -> StageContext {
        StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10) ?? CalendarDay(dayNumber: 0), runID: "test",
                     startedAt: "2025-12-10T00:00:00Z", inputs: inputs, outputs: inputs, projectDirectory: inputs)
    }

    @Test("dotfiles, editor leftovers, symlinks and FIFOs are skipped; subfolders walked; sorted by path")
    func walk() async throws {
        let root = try makeInputs()
        defer { try? FileManager.default.removeItem(at: root) }
        let stage = try IngestStage(options: .defaults)
        let batch = try await stage.run(Batch(), in: context(root))
        #expect(batch.documents.map(\.path) == ["b.txt", "feed.tsv", "sub/a.txt"])
        #expect(batch.documents.allSatisfy { $0.status == .ok })
        #expect(batch.documents[0].id == Document.id(forContent: Array(Self.article.utf8)))
    }

    @Test("with followSymlinksInsideInputs, a link inside inputs is read and one leaving it still is not")
    func followInside() async throws {
        let root = try makeInputs()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = IngestOptions.defaults
        options.followSymlinksInsideInputs = true
        let batch = try await IngestStage(options: options).run(Batch(), in: context(root))
        #expect(batch.documents.map(\.path) == ["b.txt", "feed.tsv", "link-in.txt", "sub/a.txt"])
    }

    @Test("a FIFO handed to the reader directly is refused without blocking")
    func fifoDirect() throws {
        let root = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = root.appendingPathComponent("p.txt")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let doc = DocumentReader.read(fileAt: pipe, relativePath: "p.txt")
        #expect(doc.status == .quarantined)
        #expect(doc.error == "ingest: 'p.txt' is not a regular file; expected a regular file")
    }

    @Test("quarantine reasons quote the culprit and say what was expected")
    func reasons() throws {
        let empty = DocumentReader.read(bytes: [], relativePath: "e.txt")
        #expect(empty.status == .quarantined)
        #expect(empty.error == "ingest: 'e.txt' is empty; expected a text, html or feed document")

        let nul = DocumentReader.read(bytes: Array("abc".utf8) + [0, 1, 2], relativePath: "n.txt")
        #expect(nul.error == "ingest: 'n.txt' holds binary data (a nul byte at offset 3); expected text, html or a feed")

        let pdf = DocumentReader.read(bytes: Array("%PDF-1.4 rest".utf8), relativePath: "r.txt")
        #expect(pdf.error == "ingest: 'r.txt' holds binary data ('%PDF-' signature); expected text, html or a feed")

        let latin = DocumentReader.read(bytes: Array("caf".utf8) + [0xE9], relativePath: "l.txt")
        #expect(latin.error == "ingest: 'l.txt' is not valid utf-8 (byte '0xe9' at offset 3); expected utf-8 text")

        var small = IngestOptions.defaults
        small.maxFileBytes = 10
        let big = DocumentReader.read(bytes: Array(Self.article.utf8), relativePath: "big.txt", options: small)
        #expect(big.error == "ingest: 'big.txt' is 66 bytes; expected at most 10 (maxFileBytes)")

        let root = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("big.txt")
        try Data(Self.article.utf8).write(to: file)
        let bigFile = DocumentReader.read(fileAt: file, relativePath: "big.txt", options: small)
        #expect(bigFile.status == .quarantined)
        #expect(bigFile.error == "ingest: 'big.txt' is 66 bytes; expected at most 10 (maxFileBytes)")

        let missing = DocumentReader.read(fileAt: root.appendingPathComponent("nope.txt"), relativePath: "nope.txt")
        #expect(missing.error == "ingest: 'nope.txt' cannot be opened (no such file or directory); expected a readable regular file")

        let blank = DocumentReader.read(bytes: Array(" \n\n \n".utf8), relativePath: "b.txt")
        #expect(blank.error == "ingest: 'b.txt' has no article text; expected paragraphs of text")
    }

    @Test("utf-16 text with a byte order mark is read")
    func utf16() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("Trade rose.".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let doc = DocumentReader.read(bytes: bytes, relativePath: "u.txt")
        #expect(doc.status == .ok)
        #expect(doc.text == "Trade rose.")
    }

    @Test("options: {} decodes to the defaults; bad values are config errors with paths")
    func options() throws {
        let decoded = try JSONDecoder().decode(IngestOptions.self, from: Data("{}".utf8))
        #expect(decoded == IngestOptions.defaults)
        let partial = try JSONDecoder().decode(IngestOptions.self, from: Data("{\"maxFileBytes\": 5}".utf8))
        #expect(partial.maxFileBytes == 5)
        #expect(partial.feedExtensions == IngestOptions.defaults.feedExtensions)
        var bad = IngestOptions.defaults
        bad.maxFileBytes = 0
        bad.feedExtensions = ["xlsx"]
        #expect(throws: ConfigError.self) { try IngestStage(options: bad) }
        #expect(bad.issues(at: "$.options").map(\.description) == [
            "$.options.maxFileBytes: found 0, expected a positive number of bytes",
            "$.options.feedExtensions[0]: found 'xlsx', expected one of 'csv', 'jsonl', 'tsv'",
        ])
    }
}
