public import ArgumentParser
import ClaimModel
import Foundation
import Ingest
import Pipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of `extract --jsonl` output and of `reconcile --claims` input: a document as the per-document stages left
/// it (metadata, main text, status, warnings) and its claims in text order — everything reconcile and report need.
struct ExtractRecord: Codable, Equatable, Sendable {
    var document: Document
    var claims: [Claim]
}

/// `claimtrack extract --jsonl`: the per-document stages as a filter from document lines to record lines, for engines
/// that stream lines through a process (Spark's `RDD.pipe`, Hadoop streaming, GNU `parallel --pipe`).
public struct ExtractCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Run the ingest, extract and normalize stages over documents streamed as JSON lines on standard input.",
        discussion: """
            Each input line is one file: {"path": "folder/page.html", "base64": "<the file's bytes>"}, or for UTF-8 text \
            {"path": "folder/article.txt", "text": "<the file's content>"}. 'path' is the file's path below the inputs folder; \
            its extension picks the format as in 'run'. Each output line, in input order, is {"document": {...}, "claims": [...]}: \
            the document as the config's per-document stages leave it and its claims. A line that cannot be read gives a \
            quarantined document and a message on standard error naming the line; the stream goes on. Blank lines are \
            skipped. 'claimtrack reconcile --claims FILE...' turns the records of every part into the reports. \
            Exit 0 when every line was answered, 1 when the input could not be read or a stage failed, 2 on a config error.
            """
    )

    @Flag(name: .long, help: "Documents as JSON lines on standard input, records as JSON lines on standard output.") var jsonl = false
    @Option(name: .long, help: "The pipeline config whose ingest, extract and normalize stages run.") var config = "pipeline.json"

    public init() {}

    public func validate() throws {
        guard jsonl else {
            throw ValidationError("say '--jsonl': documents as JSON lines on standard input are what 'extract' reads")
        }
    }

    public func run() async throws {
        let pipeline = try loadConfig(config)
        let ingest = pipeline.options(IngestOptions.self) ?? .defaults
        if !ingest.sources.isEmpty {
            printError("claimtrack extract: the ingest stage's 'sources' are not fetched here; expected fetched pages as input lines")
        }
        let perDocument = pipeline.stages.prefix { StageRegistry.perDocumentTypes.contains($0.type) }
        let width = max(1, pipeline.run.concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        // Each document runs the stages in a batch of its own; `width` documents run at once, so the time-limited work
        // of up to `width` of them runs on the worker threads at once (the context's concurrency).
        let context = StageContext(
            asOf: todayUTC(), runID: "extract", startedAt: timestamp(Date()), inputs: here, outputs: here,
            projectDirectory: URL(fileURLWithPath: config).deletingLastPathComponent(), concurrency: width,
            documentTimeLimit: pipeline.run.documentTimeLimitSeconds,
            log: { level, message in if level >= .warning { printError("claimtrack extract: " + message) } })
        let extractor = LineExtractor(ingest: ingest, stages: perDocument.filter { $0.type != IngestStage.type }, context: context)
        // A line holds a file of at most maxFileBytes, at most 6 bytes of JSON per byte of content (`\u0001`).
        let reader = LineReader(fd: STDIN_FILENO, limit: ingest.maxFileBytes.multipliedReportingOverflow(by: 6).partialValue + (1 << 20))
        var answered = 0
        while true {
            let lines: [LineReader.Line]
            do {
                lines = try reader.next(max: width * 4)
            } catch {
                printError("claimtrack extract: standard input \(error)")
                throw ExitCode(1)
            }
            if lines.isEmpty { break }
            let first = answered + 1
            answered += lines.count
            let answers: [LineExtractor.Answer?]
            do {
                answers = try await extractor.answers(lines, width: width)
            } catch {
                printError("claimtrack extract: input lines \(first)-\(answered): \(error)")
                throw ExitCode(1)
            }
            for (offset, answer) in answers.enumerated() {
                guard let answer else { continue }
                if let problem = answer.problem {
                    let path = answer.record.document.path == LineExtractor.noPath ? "" : " ('\(answer.record.document.path)')"
                    printError("claimtrack extract: input line \(first + offset)\(path) \(problem); quarantined it")
                }
                // One write per line, straight to the descriptor: a reader sees each record as soon as it is done.
                writeOut(try jsonLine(answer.record))
            }
        }
    }
}

/// Turns input lines into records: the ingest stage's reader, then the other per-document stages, one document at a time.
struct LineExtractor: Sendable {
    /// The path of a quarantined line that names none.
    static let noPath = "(input line without a path)"

    let ingest: IngestOptions
    let stages: [ConfiguredStage]
    let context: StageContext

    /// A line's record and, when the line itself could not be read, what was wrong with it.
    struct Answer: Sendable {
        var record: ExtractRecord
        var problem: String?
    }

    /// The answers to `lines` in their order, `width` at a time; nil for a blank line. Throws when a stage fails.
    func answers(_ lines: [LineReader.Line], width: Int) async throws -> [Answer?] {
        var answers = [Answer?](repeating: nil, count: lines.count)
        try await withThrowingTaskGroup(of: (Int, Answer?).self) { group in
            var next = 0
            func submit() {
                guard next < lines.count else { return }
                let index = next
                next += 1
                group.addTask { (index, try await answer(lines[index])) }
            }
            for _ in 0..<min(width, lines.count) { submit() }
            while let (index, answer) = try await group.next() {
                answers[index] = answer
                submit()
            }
        }
        return answers
    }

    /// The answer to one line; nil when the line is blank.
    func answer(_ line: LineReader.Line) async throws -> Answer? {
        let bytes: [UInt8]
        switch line {
        case .tooLong(let count):
            return quarantined(path: nil, idSeed: Array("long-line:\(count)".utf8),
                               problem: "is \(count) bytes, longer than any file of at most \(ingest.maxFileBytes) bytes (maxFileBytes) can make")
        case .bytes(let b): bytes = b
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let seed = Array("bad-line:".utf8) + bytes
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                return quarantined(path: nil, idSeed: seed, problem: "is not a JSON object")
            }
            object = parsed
        } catch {
            return quarantined(path: nil, idSeed: seed, problem: "is not JSON")
        }
        guard let path = object["path"] as? String, !path.isEmpty else {
            return quarantined(path: nil, idSeed: seed, problem: "has no 'path' string")
        }
        if let unknown = object.keys.filter({ !["path", "base64", "text"].contains($0) }).sorted().first {
            return quarantined(path: path, idSeed: seed, problem: "has the unknown key '\(unknown)'")
        }
        let content: [UInt8]
        switch (object["base64"], object["text"]) {
        case (let encoded as String, nil):
            guard let data = Data(base64Encoded: encoded) else {
                return quarantined(path: path, idSeed: seed, problem: "has a 'base64' value that is not base64")
            }
            content = Array(data)
        case (nil, let text as String):
            content = Array(text.utf8)
        default:
            return quarantined(path: path, idSeed: seed, problem: "has not exactly one of 'base64' and 'text' as a string")
        }
        return Answer(record: try await extract(content, path: path), problem: nil)
    }

    /// What `run` makes of a file with these bytes at this path: the ingest stage's reading (under the run's time
    /// limit), then the other per-document stages.
    func extract(_ content: [UInt8], path: String) async throws -> ExtractRecord {
        let ingest = self.ingest
        let read = await context.withTimeLimit(stage: IngestStage.type, path: path) {
            DocumentReader.read(fileBytes: content, relativePath: path, options: ingest)
        }
        let document: Document
        switch read {
        case .success(let d): document = d
        case .failure(let error):
            document = .quarantined(path: path, id: Document.id(forContent: Array(("unread:" + path).utf8)),
                                    format: DocumentReader.guessFormat(relativePath: path, options: ingest), reason: "ingest: \(error)")
        }
        if document.status == .quarantined { context.log(.warning, "quarantined '\(path)': \(document.error ?? "no reason")") }
        var batch = Batch(documents: [document])
        for stage in stages {
            do {
                batch = try await stage.run(batch, in: context)
            } catch {
                throw CommandError("stage '\(stage.id)' failed: \(error)")
            }
        }
        return ExtractRecord(document: batch.documents[0], claims: batch.claims)
    }

    /// The record of a line that names no readable file: a quarantined document whose id comes from the line, so the
    /// same line always gives the same record.
    func quarantined(path: String?, idSeed: [UInt8], problem: String) -> Answer {
        let format = path.map { DocumentReader.guessFormat(relativePath: $0, options: ingest) } ?? .text
        let reason = "ingest: the input line \(problem); expected {\"path\": ..., \"base64\" or \"text\": ...}"
        let document = Document.quarantined(path: path ?? LineExtractor.noPath, id: Document.id(forContent: idSeed),
                                            format: format, reason: reason)
        return Answer(record: ExtractRecord(document: document, claims: []), problem: problem)
    }
}
