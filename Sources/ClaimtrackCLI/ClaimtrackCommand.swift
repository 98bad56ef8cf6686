public import ArgumentParser

/// The `claimtrack` executable: the nightly `run` and the inspection commands.
public struct ClaimtrackCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "claimtrack",
        abstract: "Track numeric and date claims across articles and reconcile them into facts.",
        subcommands: []
    )
    public init() {}
}
