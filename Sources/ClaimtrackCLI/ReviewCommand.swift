public import ArgumentParser
import ClaimModel
import Foundation
import Reconcile

/// `claimtrack review …`: record reviewer decisions in the reviews file, which the next `claimtrack run` applies.
public struct ReviewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a reviewer decision in the reviews file; the next 'claimtrack run' applies it.",
        discussion: """
            The reviews file is 'reconcile.options.reviews' of pipeline.json (default: reviews.json beside it). \
            Each run applies the decisions in force (the last one per fact, claim or source), shows them in the report \
            as reviewed with who, when and why, and flags a decision as stale when its fact's claims changed since.
            """,
        subcommands: [Accept.self, Reject.self, Dependent.self, Pin.self, List.self]
    )
    public init() {}

    /// Where decisions are kept and who makes them.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "The reviews file (default: the one pipeline.json names, else reviews.json).")
        var reviews: String?
        @Option(name: .long, help: "The pipeline config that names the reviews file.") var config = "pipeline.json"
        @Option(name: .long, help: "Who decides (default: $USER).") var by: String?
        @Option(name: .long, help: "Why.") var why: String?

        var reviewer: String { by ?? ProcessInfo.processInfo.environment["USER"] ?? "reviewer" }

        /// The reviews file: `--reviews`, else `reconcile.options.reviews` of the config resolved against its folder.
        func path() throws -> String { try ReviewStore.path(reviews: reviews, config: config) }
    }

    /// Accept a fact's current value, or the value one of its claims states.
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a fact's value as it stands in the last report (or the value one of its claims gives).")
        @OptionGroup var common: Common
        @Option(name: .long, help: "The report.json the fact is read from.") var report = "outputs/report.json"
        @Option(name: .long, help: "Accept the value this claim of the fact states (c-…), e.g. one side of a conflict.")
        var claim: String?
        @Argument(help: "The fact id (f-…).") var fact: String

        func run() throws {
            let report = try ReviewStore.loadReport(self.report)
            guard let found = report.facts.first(where: { $0.id == fact }) else {
                throw ValidationError("no fact '\(fact)' in '\(self.report)'; expected an id from its facts")
            }
            var value = found.value
            if let claim {
                guard found.allClaimIDs.contains(claim), let chosen = report.claims.first(where: { $0.id == claim }) else {
                    throw ValidationError("claim '\(claim)' is not one of fact '\(fact)''s claims in '\(self.report)'")
                }
                value = chosen.value
            }
            let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let path = try common.path()
            try ReviewStore.append(ReviewDecision(
                action: .accept, fact: fact, value: value, factStatusWhenDecided: found.status,
                factValueWhenDecided: found.value, factFingerprint: found.evidenceFingerprint(claims: claims),
                factClaimsWhenDecided: found.allClaimIDs, by: common.reviewer, at: ReviewStore.now(), why: common.why), to: path)
            print("accepted \(fact) (\(found.label)) in '\(path)'")
        }
    }

    /// Reject a claim.
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a claim: it no longer counts towards any fact.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "The report.json the claim and its fact are read from.") var report = "outputs/report.json"
        @Argument(help: "The claim id (c-…).") var claim: String

        func run() throws {
            guard claim.hasPrefix("c-") else { throw ValidationError("'\(claim)' is not a claim id; expected 'c-…'") }
            guard common.why != nil else { throw ValidationError("a rejection needs a reason: --why TEXT") }
            let report = try ReviewStore.loadReport(self.report)
            guard report.claims.contains(where: { $0.id == claim }) else {
                throw ValidationError("no claim '\(claim)' in '\(self.report)'; expected an id from its claims")
            }
            // The fact the reviewer saw the claim in, so the next runs can tell whether it changed since.
            let fact = report.facts.first { $0.allClaimIDs.contains(claim) }
            let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let path = try common.path()
            try ReviewStore.append(ReviewDecision(
                action: .reject, fact: fact?.id, claim: claim, factStatusWhenDecided: fact?.status, factValueWhenDecided: fact?.value,
                factFingerprint: fact?.evidenceFingerprint(claims: claims), factClaimsWhenDecided: fact?.allClaimIDs,
                by: common.reviewer, at: ReviewStore.now(), why: common.why), to: path)
            print("rejected \(claim) in '\(path)'")
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
            let path = try common.path()
            try ReviewStore.append(ReviewDecision(action: .dependent, sources: [first, second], by: common.reviewer,
                                                  at: ReviewStore.now(), why: common.why), to: path)
            print("marked '\(first)' and '\(second)' as dependent in '\(path)'")
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
            let path = try common.path()
            try ReviewStore.append(ReviewDecision(action: .pin, sources: [source], reliability: reliability, by: common.reviewer,
                                                  at: ReviewStore.now(), why: common.why), to: path)
            print("pinned '\(source)' at \(reliability) in '\(path)'")
        }
    }

    /// List the decisions in force.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the decisions in force.")
        @Option(name: .long, help: "The reviews file (default: the one pipeline.json names, else reviews.json).")
        var reviews: String?
        @Option(name: .long, help: "The pipeline config that names the reviews file.") var config = "pipeline.json"

        func run() throws {
            for d in try ReviewStore.load(try ReviewStore.path(reviews: reviews, config: config)).effective {
                let target = d.action == .reject ? d.claim ?? "" : d.fact ?? (d.sources ?? []).joined(separator: " + ")
                print("\(d.action.rawValue)\t\(target)\t\(d.by)\t\(d.at)\t\(d.why ?? "")")
            }
        }
    }
}

/// Reading and writing `reviews.json` (atomically, keeping every earlier decision).
enum ReviewStore {
    static func now() -> String { timestamp(Date()) }

    /// `reviews` when given; else the config's `reconcile.options.reviews` resolved against the config's folder (when
    /// the config exists), else `reviews.json`.
    static func path(reviews: String?, config: String) throws -> String {
        if let reviews { return reviews }
        guard FileManager.default.fileExists(atPath: config) else { return "reviews.json" }
        let configured = try loadConfig(config).options(ReconcileOptions.self)?.reviews ?? ReconcileOptions.defaults.reviews
        guard let file = configured else {
            throw ValidationError("'\(config)' turns reviews off (reconcile.options.reviews is null); pass --reviews FILE to record anyway")
        }
        if file.hasPrefix("/") { return file }
        return URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent(file).path
    }

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
