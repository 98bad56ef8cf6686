import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of this process, for per-stage timings in the run log.
public enum ProcessCPU {
    /// User plus system CPU seconds used so far by every thread of the process.
    public static func seconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }
}

/// Resident memory of this process, for the per-stage memory figures in the run log.
public enum ProcessMemory {
    /// Current resident set and the peak so far (`VmRSS`, `VmHWM` of `/proc/self/status`), in megabytes (10^6 bytes);
    /// nil where the file does not exist (not Linux).
    public static func megabytes() -> (current: Double, peak: Double)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var current: Double?, peak: Double?
        for line in status.split(separator: "\n") {
            // "VmRSS:	  123456 kB"
            func kilobytes() -> Double? { line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } }
            if line.hasPrefix("VmRSS:") { current = kilobytes() } else if line.hasPrefix("VmHWM:") { peak = kilobytes() }
        }
        guard let current, let peak else { return nil }
        return (current * 1024 / 1e6, peak * 1024 / 1e6)
    }
}

extension ProcessMemory {
    /// Hands the allocator's free pages back to the system (glibc's `malloc_trim`), so memory a finished stage freed
    /// in the middle of the heap stops counting as resident; a no-op elsewhere.
    public static func releaseFreePages() {
        if let trim = glibc("malloc_trim", as: (@convention(c) (Int) -> Int32).self) { _ = trim(0) }
    }

    /// Limits glibc to two malloc arenas (`M_ARENA_MAX`); call before other threads allocate. glibc gives each thread
    /// that allocates its own arena (up to eight per core), and memory freed in one is not reused by another, so a
    /// batch job whose stages hand large arrays between threads would hold far more than it uses. A no-op elsewhere.
    public static func limitArenas() {
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        if let mallopt = glibc("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self) { _ = mallopt(arenaMax, 2) }
    }

    /// A glibc allocator function by name: they are declared in <malloc.h>, which the Glibc module does not include.
    private static func glibc<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }
}
