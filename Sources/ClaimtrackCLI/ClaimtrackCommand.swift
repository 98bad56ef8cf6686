public import ArgumentParser
import Pipeline

/// The `claimtrack` executable: the nightly `run` and the inspection commands.
public struct ClaimtrackCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "claimtrack",
        abstract: "Track numeric and date claims across articles and reconcile them into facts.",
        subcommands: [RunCommand.self, CheckCommand.self, ParseCommand.self, RecognizeCommand.self, ClaimsCommand.self, ExtractCommand.self, ReconcileCommand.self, FuseCommand.self, ReviewCommand.self]
    )
    public init() {}

    /// Parses the process arguments and runs the chosen command, async or not; exits with its code.
    public static func runMain(_ arguments: [String]? = nil) async {
        // Before any thread allocates: two malloc arenas keep the resident size close to the live heap.
        ProcessMemory.limitArenas()
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
