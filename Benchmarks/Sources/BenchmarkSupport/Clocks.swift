// What every benchmark here needs: a monotonic clock, the CPU time of the measuring thread, and a way to stop.
import Foundation

/// Monotonic seconds.
public func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Seconds of CPU this thread has run: the per-core figure on a machine other jobs share (wall time there also counts
/// the time the scheduler gave to others).
public func cpuNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Prints the reason on standard error and exits with status 2.
public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("benchmark: \(message)\n".utf8))
    exit(2)
}
