public import ArgumentParser
import ClaimModel
import Foundation
import Pipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `claimtrack reconcile --claims FILE...`: the whole-batch stages over the records of `extract --jsonl`.
public struct ReconcileCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile the records of 'extract --jsonl' and write the reports 'run' writes.",
        discussion: """
            Reads the records of every file given (a folder stands for its files, leaving out names that start with '_' \
            or '.', as Spark's saveAsTextFile writes them), in any order and split in any way, puts the documents in \
            path order as 'run' does, and runs the config's stages after normalize (reconcile, report). With the same \
            config and --as-of, the reports are the bytes 'run' writes over the same files. No run history is kept: \
            'changes' compares with the report.json in the outputs folder. \
            Exit 0 when the run completed, 1 when it could not (a record file unreadable or not records, the lock held, \
            a stage failed), 2 on a config error.
            """
    )

    @Option(name: .long, parsing: .upToNextOption, help: "Files (or folders of files) of 'extract --jsonl' records.")
    var claims: [String]
    @Option(name: .long, help: "The pipeline config; its stages after normalize run.") var config = "pipeline.json"
    @Option(name: .long, help: "The folder the reports are written into.") var outputs = "outputs"
    @Option(name: .long, help: "The folder the documents' paths are relative to (only the reports' links use it).")
    var inputs = "inputs"
    @Option(name: .customLong("as-of"), help: "Report as of this date (YYYY-MM-DD); pins the run id and timestamps for reproducible output.")
    var asOf: String?
    @Flag(name: .long, help: "Print only errors and the summary line.") var quiet = false
    @Flag(name: .long, help: "Print debug lines too.") var verbose = false

    public init() {}

    public func run() async throws {
        let started = Date()
        let logger = RunLogger(format: .text, level: quiet ? .error : (verbose ? .debug : .info), progressAllowed: false)
        let pipeline = try loadConfig(config)
        let pinned: CalendarDay?
        if let asOf {
            guard let day = CalendarDay(iso: asOf) else {
                printError("claimtrack: --as-of '\(asOf)' is not a date, expected YYYY-MM-DD")
                throw ExitCode(2)
            }
            pinned = day
        } else {
            pinned = nil
        }
        let files: [String]
        let records: [ExtractRecord]
        do {
            files = try ReconcileCommand.files(claims)
            records = try ReconcileCommand.records(from: files)
        } catch {
            fail("\(error)")
        }
        var batch = Batch(documents: records.map(\.document), claims: records.flatMap(\.claims))
        batch.claims = Runner.inDocumentOrder(batch.claims, documents: batch.documents)
        batch = Runner.capClaims(batch, at: pipeline.run.maxClaimsPerDocument, log: { level, message in logger.log(level, message) })

        let outputsURL = URL(fileURLWithPath: outputs, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: outputsURL, withIntermediateDirectories: true)
        } catch {
            fail("cannot create outputs folder '\(outputs)': \(error.localizedDescription)")
        }
        let lock: RunLock
        do {
            lock = try RunLock(path: outputsURL.appendingPathComponent("claimtrack.lock").path)
        } catch {
            fail("\(error)")
        }
        let configBytes = FileManager.default.contents(atPath: config).map(Array.init) ?? []
        let (runID, startedAt) = RunCommand.identity(pinned: pinned, configBytes: configBytes, started: started)
        logger.setRun(runID)
        let context = StageContext(
            asOf: pinned ?? todayUTC(), runID: runID, startedAt: startedAt,
            inputs: URL(fileURLWithPath: inputs, isDirectory: true), outputs: outputsURL,
            projectDirectory: URL(fileURLWithPath: config).deletingLastPathComponent(),
            concurrency: pipeline.run.concurrency ?? ProcessInfo.processInfo.activeProcessorCount,
            documentTimeLimit: pipeline.run.documentTimeLimitSeconds,
            log: { level, message in logger.log(level, message) })
        var wholeBatch = pipeline
        wholeBatch.stages = Array(pipeline.stages.drop { StageRegistry.perDocumentTypes.contains($0.type) })
        let result: Batch
        do {
            result = try await Runner(config: wholeBatch).run(context: context, initial: batch)
        } catch {
            fail("run \(runID) could not complete: \(error)")
        }
        withExtendedLifetime(lock) {}
        let quarantined = result.documents.filter { $0.status == .quarantined }.count
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        writeOut(Array(("claimtrack: reconcile run \(runID) completed: \(result.documents.count) documents (\(quarantined) quarantined) "
            + "from \(files.count) record file\(files.count == 1 ? "" : "s"), \(result.claims.count) claims, \(result.facts.count) facts "
            + "(\(result.facts.filter { $0.status == .conflict }.count) conflicts), \(result.checks.count) checks in \(seconds) s "
            + "→ \(outputs)/\n").utf8))
    }

    /// Prints why the run cannot go on and exits 1.
    private func fail(_ message: String) -> Never {
        printError("claimtrack: " + message)
        writeOut(Array("claimtrack: reconcile failed (exit 1): \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// The record files named: a file as it is, a folder as its files (not `_SUCCESS`, `.part-0.crc` and the like),
    /// sorted by name.
    static func files(_ names: [String]) throws -> [String] {
        var files: [String] = []
        for name in names {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
                throw CommandError("'\(name)' does not exist; expected a file or folder of 'extract --jsonl' records")
            }
            guard isDirectory.boolValue else { files.append(name); continue }
            let entries = try FileManager.default.contentsOfDirectory(atPath: name)
            for entry in entries.sorted() where !entry.hasPrefix("_") && !entry.hasPrefix(".") {
                let path = (name as NSString).appendingPathComponent(entry)
                var inner: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &inner), !inner.boolValue { files.append(path) }
            }
        }
        return files
    }

    /// Every record of the files, one per document path, sorted as the ingest stage sorts documents (by path).
    ///
    /// The same record twice (a part read twice) counts once; two different records for one path are an error, since
    /// no single run could have made them.
    static func records(from files: [String]) throws -> [ExtractRecord] {
        var byPath: [String: (record: ExtractRecord, origin: String)] = [:]
        let decoder = JSONDecoder()
        for file in files {
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw CommandError("'\(file)' cannot be opened (\(String(cString: strerror(errno)).lowercased())); expected a readable file")
            }
            defer { close(fd) }
            let reader = LineReader(fd: fd)
            var number = 0
            while true {
                let lines: [LineReader.Line]
                do { lines = try reader.next(max: 256) } catch { throw CommandError("'\(file)' \(error)") }
                if lines.isEmpty { break }
                for line in lines {
                    number += 1
                    guard case .bytes(let bytes) = line,
                          !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
                    let record: ExtractRecord
                    do {
                        record = try decoder.decode(ExtractRecord.self, from: Data(bytes))
                    } catch {
                        throw CommandError("'\(file)' line \(number) is not a record of 'extract --jsonl' "
                            + "({\"document\": ..., \"claims\": [...]}): \(error)")
                    }
                    let origin = "'\(file)' line \(number)"
                    // Lines that named no path are told apart by their ids.
                    let key = record.document.path == LineExtractor.noPath ? record.document.path + " " + record.document.id
                        : record.document.path
                    if let seen = byPath[key] {
                        guard seen.record == record else {
                            throw CommandError("'\(record.document.path)' has two different records (\(seen.origin) and \(origin)); "
                                + "expected one per document, from one extraction")
                        }
                        continue
                    }
                    byPath[key] = (record, origin)
                }
            }
        }
        return byPath.values.map(\.record).sorted { ($0.document.path, $0.document.id) < ($1.document.path, $1.document.id) }
    }
}

/// A reason the command cannot go on, as its message says.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
