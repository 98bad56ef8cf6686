import Foundation

/// Two pieces of synchronous work at once: one on a thread of its own, one on the caller's thread.
public enum Concurrently {
    /// Holds the other thread's result until the caller reads it after the semaphore.
    private final class Slot<T>: @unchecked Sendable {
        // Written once by the other thread before it signals, read once by the caller after waiting.
        var value: T?
    }

    /// Runs `other` on another thread while `here` runs on this one, and returns both results when both are done.
    ///
    /// Why a thread and not a dispatch queue: `other` may itself use `DispatchQueue.concurrentPerform`, and a thread
    /// of its own cannot be starved by the caller's use of the pool.
    public static func both<A, B>(_ other: @escaping @Sendable () -> A, _ here: () -> B) -> (A, B) {
        let slot = Slot<A>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.value = other()
            done.signal()
        }
        // The default 512 KB stack of a secondary thread is too small for deep Swift frames over large inputs.
        thread.stackSize = 8 << 20
        thread.start()
        let mine = here()
        done.wait()
        return (slot.value!, mine)
    }
}
