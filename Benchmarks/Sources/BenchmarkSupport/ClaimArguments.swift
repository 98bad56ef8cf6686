// The command line of the benchmarks that time work on claims (StoreCodecBenchmark, ClaimWriteBenchmark).
import Foundation

/// Folders of inputs to make claims from, how many claims to time (`--claims N`, the folders' claims repeated up to
/// it), rounds (`--rounds N`, the median is printed) and one measure only (`--only NAME`).
public struct ClaimArguments {
    public var targetClaims = 200_000
    public var rounds = 5
    public var only: String?
    public var folders: [URL] = []

    /// Reads the arguments after the program name; without a folder, `defaultFolder` is used.
    public init(_ arguments: [String], defaultFolder: URL) {
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--claims" where index + 1 < arguments.count:
                guard let n = Int(arguments[index + 1]), n > 0 else { fail("--claims needs a positive number") }
                targetClaims = n
                index += 2
            case "--only" where index + 1 < arguments.count:
                only = arguments[index + 1]
                index += 2
            case "--rounds" where index + 1 < arguments.count:
                guard let n = Int(arguments[index + 1]), n > 0 else { fail("--rounds needs a positive number") }
                rounds = n
                index += 2
            default:
                folders.append(URL(fileURLWithPath: arguments[index]))
                index += 1
            }
        }
        if folders.isEmpty { folders = [defaultFolder] }
    }
}
