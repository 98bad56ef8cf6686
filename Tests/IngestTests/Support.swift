import Foundation

/// Paths next to this test file: the repository root and the shared data folder beside it.
enum TestPaths {
    /// `<repo>`, found from this file's location (`<repo>/Tests/IngestTests/Support.swift`).
    /// The folder is resolved through symlinks so a test tree linked into another package still finds the repository.
    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// `<repo>/inputs`, the sample articles.
    static let inputs = repository.appendingPathComponent("inputs")
    /// `<repo>/../shared`, present on developer machines and CI, absent elsewhere.
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")

    /// A fresh empty folder under the system temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The one sample whose name starts with `prefix` (`"000"`).
    static func sample(_ prefix: String) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: inputs.path)
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return inputs.appendingPathComponent(name)
    }
}
