public import ArgumentParser
import Foundation
import Reconcile

/// `claimtrack fuse FILE.tsv`: one reconciled value per object and attribute of a structured claim feed.
public struct FuseCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "fuse",
        abstract: "Reconcile an 'object attribute value source' TSV into one value per object and attribute."
    )

    /// The feed to read.
    @Argument(help: "A tab-separated feed with the header 'object attribute value source'.")
    public var file: String

    /// How values are chosen: the default truth discovery, or plain majority vote (the benchmarks' baseline).
    @Option(help: "How values are chosen: 'truth-discovery' (default) or 'majority' (one vote per source, the baseline).")
    public var method: String = Fuser.Method.truthDiscovery.rawValue

    /// Creates the command with no file (ArgumentParser fills it).
    public init() {}

    /// Reads the feed, fuses it and prints `object attribute value` rows to standard output.
    public func run() throws {
        guard let chosen = Fuser.Method(rawValue: method) else {
            let known = Fuser.Method.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            FileHandle.standardError.write(Data("error: unknown method '\(method)', expected \(known)\n".utf8))
            throw ExitCode(2)
        }
        var options = Fuser.Options()
        options.method = chosen
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            FileHandle.standardError.write(Data("error: cannot read '\(file)': \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let rows: [(object: String, attribute: String, value: String)]
        do {
            rows = try Fuser.fuse(tsv: text, options: options)
        } catch let error as FuseError {
            FileHandle.standardError.write(Data("error: '\(file)' line \(error.line): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        var out = "object\tattribute\tvalue\n"
        for row in rows { out += row.object + "\t" + row.attribute + "\t" + row.value + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
