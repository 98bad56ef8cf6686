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

/// Runs each measure once to warm up, then `rounds` times with the measures interleaved, and gives each one's median
/// CPU and wall seconds; with `only`, the other measures are left out (and an unknown name stops the benchmark).
public func medians(_ measures: [(name: String, pass: () throws -> Void)], only: String?,
                    rounds: Int) throws -> [(name: String, cpu: Double, wall: Double)] {
    let chosen = measures.filter { only == nil || $0.name == only }
    guard !chosen.isEmpty else { fail("no measure named '\(only ?? "")'") }
    for m in chosen { try m.pass() }  // warm-up
    var cpus = [[Double]](repeating: [], count: chosen.count)
    var walls = [[Double]](repeating: [], count: chosen.count)
    for _ in 0..<rounds {
        for (k, m) in chosen.enumerated() {
            let wall = now(), cpu = cpuNow()
            try m.pass()
            cpus[k].append(cpuNow() - cpu)
            walls[k].append(now() - wall)
        }
    }
    return chosen.indices.map { k in (chosen[k].name, cpus[k].sorted()[rounds / 2], walls[k].sorted()[rounds / 2]) }
}

/// The command line of the benchmarks that take folders and a round count: `--rounds N` (a positive number, else the
/// benchmark stops) anywhere, and every other argument as a path, in order.
public func roundsAndPaths(_ arguments: [String], rounds defaultRounds: Int) -> (rounds: Int, paths: [String]) {
    var rounds = defaultRounds
    var paths: [String] = []
    var index = 0
    while index < arguments.count {
        if arguments[index] == "--rounds" {
            guard index + 1 < arguments.count, let n = Int(arguments[index + 1]), n > 0 else { fail("--rounds needs a positive number") }
            rounds = n
            index += 2
        } else {
            paths.append(arguments[index])
            index += 1
        }
    }
    return (rounds, paths)
}
