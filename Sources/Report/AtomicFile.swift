internal import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed report write, naming the file.
public struct ReportWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, lower-case, with the culprit in single quotes.
    public let message: String
    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A file written in pieces into a temporary sibling and renamed over the target only when complete,
/// so readers see the previous file or the new one, never a torn one.
final class AtomicFile {
    private let target: URL
    private let temporary: URL
    private var descriptor: Int32
    /// Set by the test-only `CLAIMTRACK_CRASH_AT=write:<file name>`: the process kills itself right after the first
    /// bytes reach the temporary file, so kill tests can land inside a write.
    private let crashAfterFirstWrite: Bool

    /// Creates the temporary file next to `target` (same folder, so the rename stays on one file system).
    init(_ target: URL) throws {
        self.target = target
        let folder = target.deletingLastPathComponent()
        // A dot name keeps half-written files out of directory listings and input walkers.
        let name = ".\(target.lastPathComponent).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        temporary = folder.appendingPathComponent(name)
        crashAfterFirstWrite = ProcessInfo.processInfo.environment["CLAIMTRACK_CRASH_AT"] == "write:" + target.lastPathComponent
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw ReportWriteError("cannot create a temporary file for '\(target.path)': \(AtomicFile.lastError())")
        }
    }

    deinit {
        // Anything not committed is abandoned: the target keeps its previous content.
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary.path)
        }
    }

    /// Appends bytes, retrying short writes and interrupted calls.
    func write(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw ReportWriteError("write to '\(target.path)' after it was finished") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportWriteError("cannot write '\(temporary.path)': \(AtomicFile.lastError())")
            }
            offset += n
        }
        if crashAfterFirstWrite { kill(getpid(), SIGKILL) }
    }

    /// Appends text as UTF-8.
    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes to disk and renames the temporary file over the target; on failure the target is untouched.
    func commit() throws {
        guard descriptor >= 0 else { throw ReportWriteError("'\(target.path)' was already finished") }
        let fd = descriptor
        descriptor = -1
        if fsync(fd) != 0 {
            let reason = AtomicFile.lastError()
            close(fd)
            unlink(temporary.path)
            throw ReportWriteError("cannot flush '\(temporary.path)' to disk: \(reason)")
        }
        close(fd)
        if rename(temporary.path, target.path) != 0 {
            let reason = AtomicFile.lastError()
            unlink(temporary.path)
            throw ReportWriteError("cannot move the new file into place at '\(target.path)': \(reason)")
        }
        // Make the rename itself durable; failing here leaves a complete file, so it is not an error.
        let folder = open(target.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Removes temporary files an interrupted earlier write of `target` left behind (the process was killed mid-write).
    static func removeLeftovers(of target: URL) {
        let folder = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// `write(2)` under a name that does not clash with `AtomicFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
