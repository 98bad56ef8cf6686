import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A run already holds the lock.
public struct RunLockHeld: Error, Sendable, CustomStringConvertible {
    /// The lock file.
    public let path: String
    /// The pid written in the lock file, when readable.
    public let pid: Int32?
    /// `another run (pid 123) holds the lock '…'; ...`.
    public var description: String {
        let who = pid.map { "another run (pid \($0))" } ?? "another run"
        return "\(who) holds the lock '\(path)'; expected no other claimtrack run on this outputs folder"
    }
}

/// The lock file could not be created or locked.
public struct RunLockError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}

/// An exclusive lock that keeps two runs off the same outputs folder and store.
///
/// The lock is an `flock` on the file, which the kernel drops when its holder dies however it dies (even SIGKILL), so
/// a lock left by a dead run is never mistaken for a live one; the file also names the holder's pid so a refused run
/// can say who holds it, and a run that finds a dead pid in a file nobody locks says it took the lock over.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    /// The locked file's descriptor (internal so a test can copy it as a spawned process would).
    let descriptor: Int32
    /// The pid of a dead run whose lock file this run took over, if any.
    public let tookOverFrom: Int32?

    /// Takes the lock or throws `RunLockHeld` at once (a nightly job must not queue behind a stuck run).
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunLockError(message: "cannot create the lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        let previous = RunLock.readPid(fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            if busy { throw RunLockHeld(path: path, pid: previous) }
            throw RunLockError(message: "cannot lock '\(path)': \(reason)")
        }
        // Nobody holds the lock, so a pid in the file belongs to a run that ended without cleaning up.
        if let previous, previous != getpid(), !RunLock.isAlive(previous) {
            tookOverFrom = previous
        } else {
            tookOverFrom = nil
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = fsync(fd)
        descriptor = fd
    }

    /// Empties the file and drops the lock; the file stays, so every run locks the same inode.
    ///
    /// The lock is dropped with `LOCK_UN` before the descriptor is closed: an `flock` belongs to the open file
    /// description, and `close` alone frees it only when no other descriptor refers to that description. A process
    /// spawned on another thread holds a copy of every descriptor from its fork until its exec (where `O_CLOEXEC`
    /// closes it), and that window is long enough to be hit (Foundation's `Process` spawns this way), so without the
    /// unlock a lock could outlive its holder by that window and refuse the next run.
    deinit {
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The pid recorded in an open lock file.
    static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }

    /// Whether a process with this pid exists (EPERM means it exists but belongs to someone else).
    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
