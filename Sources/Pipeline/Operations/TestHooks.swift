import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Test-only kill points: `CLAIMTRACK_CRASH_AT=<point>` makes the process kill itself (SIGKILL, no cleanup) when the
/// run reaches that point, so kill tests land inside a stage, a write or a store transaction.
///
/// Points: `<stage type>:<n>` after the n-th document of a per-document stage (`ingest:3`, `extract:1`);
/// `before:<stage id>` and `after:<stage id>`; `lock`, after the run lock is taken; `store:begin`, after the run
/// row is written; `store:documents` and `store:claims`, inside the final transaction; `store:committed`, after it;
/// `write:<file name>` inside a report write (see `Report/AtomicFile.swift`).
public enum CrashPoint {
    /// The point named in the environment, read once.
    static let target: String? = ProcessInfo.processInfo.environment["CLAIMTRACK_CRASH_AT"]

    /// Kills the process when `name` is the configured point; does nothing otherwise.
    public static func reached(_ name: String) {
        guard let target, target == name else { return }
        kill(getpid(), SIGKILL)
    }
}

/// Other test-only behaviour switched on by the environment.
enum TestHooks {
    /// `CLAIMTRACK_HANG_AT=<stage>:<path suffix>`: that document's work in that stage sleeps past the time limit,
    /// standing in for a pathological input in time-limit tests.
    static let hang: (stage: String, suffix: String)? = {
        guard let value = ProcessInfo.processInfo.environment["CLAIMTRACK_HANG_AT"],
              let colon = value.firstIndex(of: ":") else { return nil }
        return (String(value[..<colon]), String(value[value.index(after: colon)...]))
    }()

    /// Whether the hang hook names this stage and document.
    static func hangs(stage: String, path: String) -> Bool {
        guard let hang else { return false }
        return hang.stage == stage && !hang.suffix.isEmpty && path.hasSuffix(hang.suffix)
    }
}
