public import ArgumentParser
import Pipeline

/// `claimtrack check`: validate the config without running.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate pipeline.json; print every problem with its JSON path and exit 2 when it is invalid."
    )

    @Option(name: .long, help: "The pipeline config.") var config = "pipeline.json"

    public init() {}

    public func run() throws {
        let pipeline = try loadConfig(config)
        print("'\(config)' is valid: version \(pipeline.version), stages " + pipeline.stages.map { "\($0.id) (\($0.type))" }.joined(separator: ", "))
    }
}
