public import ArgumentParser
import ClaimModel
import Foundation
import Ingest

/// `claimtrack parse FILE...`: one JSON line per file with the title, date, author, site, sourcing and main text.
public struct ParseCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read documents and print their metadata and main text, one JSON line per file."
    )

    /// The files to read (text, HTML or feeds).
    @Argument(help: "Files to read.")
    public var files: [String]

    /// Creates the command with no files (ArgumentParser fills them in).
    public init() {}

    /// Prints one line per file, in argument order; a quarantined file prints its reason under `error`.
    public func run() throws {
        let output = FileHandle.standardOutput
        for file in files {
            let url = URL(fileURLWithPath: file)
            // The user named this file, so a symlink they pass is theirs to follow (the walker never follows one).
            let resolved = url.resolvingSymlinksInPath()
            let document = DocumentReader.read(fileAt: resolved, relativePath: file)
            let line = try ParseCommand.jsonLine(for: document, file: file)
            output.write(Data((line + "\n").utf8))
        }
    }

    /// The JSON line of one document: `{"file","title","published","author","site","attributions","text"}`.
    static func jsonLine(for document: Document, file: String) throws -> String {
        var object: [String: Any] = [
            "file": file,
            "title": document.title ?? NSNull(),
            "published": document.published?.iso ?? NSNull(),
            "author": document.author ?? NSNull(),
            "site": document.site ?? NSNull(),
            "attributions": document.attributions,
            "text": document.text,
        ]
        if let error = document.error { object["error"] = error }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
