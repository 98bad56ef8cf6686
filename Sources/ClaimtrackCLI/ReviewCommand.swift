public import ArgumentParser
import ClaimModel
import Foundation

/// `claimtrack review …`: record reviewer decisions in `reviews.json` (runs do not apply them yet).
public struct ReviewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a reviewer decision in reviews.json (recorded only: runs do not apply decisions yet).",
        subcommands: [Accept.self, Reject.self, Dependent.self, Pin.self, List.self]
    )
    public init() {}

    /// Where decisions are kept and who makes them.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "The reviews file.")
        var reviews = "reviews.json"
        @Option(name: .long, help: "Who decides (default: $USER).") var by: String?
        @Option(name: .long, help: "Why.") var why: String?

        var reviewer: String { by ?? ProcessInfo.processInfo.environment["USER"] ?? "reviewer" }
    }

    /// Accept a fact's current value.
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept a fact's value as it stands in the last report.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "The report.json the fact is read from.") var report = "outputs/report.json"
        @Argument(help: "The fact id (f-…).") var fact: String

        func run() throws {
            let report = try ReviewStore.loadReport(self.report)
            guard let found = report.facts.first(where: { $0.id == fact }) else {
                throw ValidationError("no fact '\(fact)' in '\(self.report)'; expected an id from its facts")
            }
            try ReviewStore.append(ReviewDecision(
                action: .accept, fact: fact, value: found.value, factStatusWhenDecided: found.status,
                factValueWhenDecided: found.value, by: common.reviewer, at: ReviewStore.now(), why: common.why), to: common.reviews)
            print("accepted \(fact) (\(found.label)) in '\(common.reviews)'")
        }
    }

    /// Reject a claim.
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a claim: it no longer counts towards any fact.")
        @OptionGroup var common: Common
        @Argument(help: "The claim id (c-…).") var claim: String

        func run() throws {
            guard claim.hasPrefix("c-") else { throw ValidationError("'\(claim)' is not a claim id; expected 'c-…'") }
            guard common.why != nil else { throw ValidationError("a rejection needs a reason: --why TEXT") }
            try ReviewStore.append(ReviewDecision(action: .reject, claim: claim, by: common.reviewer, at: ReviewStore.now(),
                                                  why: common.why), to: common.reviews)
            print("rejected \(claim) in '\(common.reviews)'")
        }
    }

    /// Mark two sources as dependent.
    struct Dependent: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark two sources as dependent: they count as one witness.")
        @OptionGroup var common: Common
        @Argument(help: "The first source name.") var first: String
        @Argument(help: "The second source name.") var second: String

        func run() throws {
            guard first != second else { throw ValidationError("a source cannot depend on itself ('\(first)')") }
            try ReviewStore.append(ReviewDecision(action: .dependent, sources: [first, second], by: common.reviewer,
                                                  at: ReviewStore.now(), why: common.why), to: common.reviews)
            print("marked '\(first)' and '\(second)' as dependent in '\(common.reviews)'")
        }
    }

    /// Pin a source's reliability.
    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pin a source's reliability (0…1).")
        @OptionGroup var common: Common
        @Argument(help: "The source name.") var source: String
        @Argument(help: "The reliability, 0…1.") var reliability: Double

        func run() throws {
            guard (0...1).contains(reliability) else { throw ValidationError("reliability '\(reliability)' is outside 0…1") }
            try ReviewStore.append(ReviewDecision(action: .pin, sources: [source], reliability: reliability, by: common.reviewer,
                                                  at: ReviewStore.now(), why: common.why), to: common.reviews)
            print("pinned '\(source)' at \(reliability) in '\(common.reviews)'")
        }
    }

    /// List the decisions in force.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the decisions in force.")
        @Option(name: .long, help: "The reviews file.") var reviews = "reviews.json"

        func run() throws {
            for d in try ReviewStore.load(reviews).effective {
                let target = d.fact ?? d.claim ?? (d.sources ?? []).joined(separator: " + ")
                print("\(d.action.rawValue)\t\(target)\t\(d.by)\t\(d.at)\t\(d.why ?? "")")
            }
        }
    }
}

/// Reading and writing `reviews.json` (atomically, keeping every earlier decision).
enum ReviewStore {
    static func now() -> String { timestamp(Date()) }

    static func load(_ path: String) throws -> ReviewFile {
        guard let data = FileManager.default.contents(atPath: path) else { return ReviewFile() }
        do {
            return try JSONDecoder().decode(ReviewFile.self, from: data)
        } catch {
            throw ValidationError("'\(path)' is not a reviews file: \(error)")
        }
    }

    static func loadReport(_ path: String) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("no report at '\(path)'; run 'claimtrack run' first or pass --report")
        }
        return try JSONDecoder().decode(Report.self, from: data)
    }

    static func append(_ decision: ReviewDecision, to path: String) throws {
        var file = try load(path)
        file.decisions.append(decision)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try encoder.encode(file).write(to: temporary)
        // Rename into place so a reader never sees half a file.
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
