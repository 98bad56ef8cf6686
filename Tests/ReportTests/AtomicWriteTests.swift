import Foundation
import Testing
@testable import Report

@Suite("atomic writes")
struct AtomicWriteTests {
    static func contents(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("replaces the file and leaves no temporary file behind")
    func success() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json")
        try ReportWriter.writeAtomically(Array("old\n".utf8), to: file)
        try ReportWriter.writeAtomically(Array("new\n".utf8), to: file)
        #expect(AtomicWriteTests.contents(file) == "new\n")
        try ReportWriter.writeAtomically(to: folder.appendingPathComponent("report.md")) { emit in
            for i in 0..<20_000 { try emit("line \(i)\n") }
        }
        #expect(AtomicWriteTests.listing(folder) == ["report.json", "report.md"])
        #expect(AtomicWriteTests.contents(folder.appendingPathComponent("report.md"))?.hasSuffix("line 19999\n") == true)
    }

    @Test("a missing parent folder throws, naming the file; nothing else changes")
    func missingParent() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("report.json")
        try ReportWriter.writeAtomically(Array("old\n".utf8), to: old)
        let target = folder.appendingPathComponent("missing/report.json")
        #expect {
            try ReportWriter.writeAtomically(Array("new\n".utf8), to: target)
        } throws: { error in
            "\(error)".contains("'\(target.path)'")
        }
        #expect(AtomicWriteTests.contents(old) == "old\n")
        #expect(AtomicWriteTests.listing(folder) == ["report.json"])
    }

    @Test("a write that fails midway leaves the old file intact and no temporary file")
    func failsMidway() throws {
        struct Boom: Error {}
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.html")
        try ReportWriter.writeAtomically(Array("old page\n".utf8), to: file)
        #expect(throws: Boom.self) {
            try ReportWriter.writeAtomically(to: file) { emit in
                // Enough to have reached the disk before the failure.
                for _ in 0..<2_000 { try emit(String(repeating: "x", count: 100)) }
                throw Boom()
            }
        }
        #expect(AtomicWriteTests.contents(file) == "old page\n")
        #expect(AtomicWriteTests.listing(folder) == ["report.html"])
    }

    @Test("a rename that fails leaves the target as it was and no temporary file")
    func renameFails() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A non-empty folder where the file should go cannot be replaced by rename(2).
        let target = folder.appendingPathComponent("report.json")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        #expect(throws: ReportWriteError.self) {
            try ReportWriter.writeAtomically(Array("new\n".utf8), to: target)
        }
        #expect(AtomicWriteTests.listing(folder) == ["report.json"])
        #expect(AtomicWriteTests.contents(target.appendingPathComponent("inside")) == "keep")
    }

    @Test("leftovers of a killed write are removed; other files are not")
    func leftovers() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in [".report.json.1f2e.tmp", ".report.json.keep", "report.json", ".report.md.9a.tmp"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        AtomicFile.removeLeftovers(of: folder.appendingPathComponent("report.json"))
        #expect(AtomicWriteTests.listing(folder) == [".report.json.keep", ".report.md.9a.tmp", "report.json"])
    }
}
