import Foundation

/// Two pieces of synchronous work at once: one on a thread of its own, one on the caller's thread.
public enum Concurrently {
    /// Holds the other thread's work until it starts and its result until the caller reads it after the semaphore.
    private final class Slot<T>: @unchecked Sendable {
        // `work` is taken once by the other thread; `value` is written by it before it signals and read by the caller
        // after waiting.
        var work: (@Sendable () -> T)?
        var value: T?
        init(_ work: @escaping @Sendable () -> T) { self.work = work }
    }

    /// Runs `other` on another thread while `here` runs on this one, and returns both results when both are done.
    ///
    /// `other` (and what it captured) is released before this returns, so the caller may then change values it shared
    /// with `other` without copying them.
    ///
    /// Why a thread and not a dispatch queue: `other` may itself use `DispatchQueue.concurrentPerform`, and a thread
    /// of its own cannot be starved by the caller's use of the pool.
    public static func both<A, B>(_ other: @escaping @Sendable () -> A, _ here: () -> B) -> (A, B) {
        let slot = Slot<A>(other)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.value = run(taking: slot)
            done.signal()
        }
        // The default 512 KB stack of a secondary thread is too small for deep Swift frames over large inputs.
        thread.stackSize = 8 << 20
        thread.start()
        let mine = here()
        done.wait()
        return (slot.value!, mine)
    }

    /// Takes the work out of the slot and runs it; the work is released when this returns.
    private static func run<A>(taking slot: Slot<A>) -> A {
        let work = slot.work!
        slot.work = nil
        return work()
    }
}
