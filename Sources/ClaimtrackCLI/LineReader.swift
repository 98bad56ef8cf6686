import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor as newline-separated lines of bytes.
///
/// `next(max:)` hands over the complete lines that have arrived so far instead of waiting for a fixed number, so a
/// stream is processed as it comes; a line longer than `limit` is passed over without being held in memory.
final class LineReader {
    /// One line: its bytes (without the newline), or only the length of a line over the limit.
    enum Line: Sendable {
        case bytes([UInt8])
        case tooLong(Int)
    }

    private let fd: Int32
    private let limit: Int
    private var buffer: [UInt8] = []
    /// Where the unconsumed bytes of `buffer` start.
    private var start = 0
    /// Bytes from `start` up to here hold no newline (so a long line is not scanned again on every read).
    private var scanned = 0
    /// The length passed over so far of a line over the limit, while its end has not arrived.
    private var skipping: Int?
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)

    /// A reader of `fd` (not closed by the reader) whose lines may hold at most `limit` bytes.
    init(fd: Int32, limit: Int = Int.max) {
        self.fd = fd
        self.limit = limit
    }

    /// Up to `max` lines: those already complete, reading (and blocking) only while none is; empty at the end of input.
    ///
    /// A last line without a newline counts as a line. Throws when the descriptor cannot be read.
    func next(max: Int) throws -> [Line] {
        var lines: [Line] = []
        while true {
            while lines.count < max, let line = takeLine() { lines.append(line) }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            if !lines.isEmpty { return lines }
            if atEnd {
                defer { buffer = []; scanned = 0; skipping = nil }
                if let skipped = skipping { return [.tooLong(skipped + buffer.count)] }
                return buffer.isEmpty ? [] : [.bytes(buffer)]
            }
            try fill()
        }
    }

    /// The next complete line in the buffer, if any; notes an overlong one as it grows.
    private func takeLine() -> Line? {
        let newline = buffer[scanned...].firstIndex(of: 0x0A)
        guard let newline else {
            scanned = buffer.count
            if let skipped = skipping {
                skipping = skipped + buffer.count - start
                start = buffer.count
                scanned = start
            } else if buffer.count - start > limit {
                skipping = buffer.count - start
                start = buffer.count
                scanned = start
            }
            return nil
        }
        defer { start = newline + 1; scanned = start }
        if let skipped = skipping {
            skipping = nil
            return .tooLong(skipped + newline - start)
        }
        if newline - start > limit { return .tooLong(newline - start) }
        return .bytes(Array(buffer[start..<newline]))
    }

    /// Appends what the descriptor has ready (blocking until something is), or notes the end of input.
    private func fill() throws {
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, raw.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return
            }
            if n == 0 { atEnd = true; return }
            if errno == EINTR { continue }
            throw LineReadError(reason: String(cString: strerror(errno)).lowercased())
        }
    }
}

/// A descriptor that could not be read.
struct LineReadError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "cannot read: \(reason)" }
}
