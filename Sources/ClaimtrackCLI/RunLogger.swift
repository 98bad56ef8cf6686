import Foundation
import Pipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How `run` writes its log lines.
enum LogFormat: String, CaseIterable, Sendable {
    /// Plain lines, as a person reads them.
    case text
    /// One JSON object a line (`time`, `level`, `run`, `message`), for journald, log shippers and scripts.
    case json
}

/// The run's log and progress display on standard error; the summary goes to standard output.
///
/// The progress line (documents done / total, rate, ETA) is drawn only when standard error is a terminal, so cron
/// mail and the systemd journal get plain lines.
final class RunLogger: @unchecked Sendable {
    private let format: LogFormat
    private let level: LogLevel
    private let showProgress: Bool
    private let lock = NSLock()
    // Guarded by `lock`.
    private var runID: String?
    private var stageLabel = ""
    private var stageStarted = Date()
    private var lastDraw = Date.distantPast
    private var lineShown = false

    init(format: LogFormat, level: LogLevel, progressAllowed: Bool) {
        self.format = format
        self.level = level
        showProgress = progressAllowed && format == .text && isatty(STDERR_FILENO) == 1
    }

    /// Names the run in JSON lines from now on.
    func setRun(_ id: String) { lock.lock(); runID = id; lock.unlock() }

    /// Writes one log line at `lineLevel` if the level is shown.
    func log(_ lineLevel: LogLevel, _ message: String) {
        guard lineLevel >= level else { return }
        lock.lock()
        defer { lock.unlock() }
        clearProgressLine()
        switch format {
        case .text: FileHandle.standardError.write(Data((message + "\n").utf8))
        case .json:
            var fields: [(String, String)] = [("time", timestamp(Date())), ("level", "\(lineLevel)")]
            if let runID { fields.append(("run", runID)) }
            fields.append(("message", message))
            FileHandle.standardError.write(Data((RunLogger.jsonObject(fields) + "\n").utf8))
        }
    }

    /// Updates the progress display.
    func progress(_ event: ProgressEvent) {
        guard showProgress else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .stageStarted(let index, let total, let id):
            stageLabel = "[\(index)/\(total)] \(id)"
            stageStarted = Date()
        case .documents(_, let done, let total):
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            let elapsed = max(now.timeIntervalSince(stageStarted), 0.001)
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Int((Double(total - done) / rate).rounded(.up)) : 0
            let line = "\(stageLabel) \(grouped(done))/\(grouped(total)) docs · \(Int(rate.rounded())) docs/s · ETA \(eta)s"
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
            lineShown = true
        case .finished:
            clearProgressLine()
        }
    }

    private func clearProgressLine() {
        guard lineShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        lineShown = false
    }

    private func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A flat JSON object with string values, keys in the given order.
    static func jsonObject(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONValue.quote($0.0)):\(JSONValue.quote($0.1))" }.joined(separator: ",") + "}"
    }
}
