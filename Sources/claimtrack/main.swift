import ClaimtrackCLI
#if canImport(Glibc)
import Glibc

// glibc gives each thread that allocates its own arena (up to eight per core); memory freed in one arena is not
// reused by another, so a batch job whose stages hand large arrays between threads holds far more than it uses.
// Two arenas keep the resident size close to the live heap at a negligible cost in lock contention on two cores.
// `mallopt` is declared in <malloc.h>, which the Glibc module does not include, so it is looked up by name.
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    _ = mallopt(arenaMax, 2)
}
#endif

await ClaimtrackCommand.runMain()
