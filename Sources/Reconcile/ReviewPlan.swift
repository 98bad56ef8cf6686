import ClaimModel
import Foundation

/// Reviewer decisions sorted by what they change in a run: rejected claims, accepted values, pinned reliabilities and
/// sources a reviewer marked as dependent. Decisions naming what the run does not have are left for `outcomes`.
struct ReviewPlan {
    /// The decisions in force, in the order made.
    let decisions: [ReviewDecision]
    /// Claim id → its rejection (claims of this run only).
    var rejected: [String: ReviewDecision] = [:]
    /// Fact id → the accepted value.
    var accepted: [String: ClaimValue] = [:]
    /// Source name → pinned reliability (sources of this run only).
    var pinned: [String: Double] = [:]
    /// Pairs of sources of this run a reviewer says depend on each other.
    var dependent: [(String, String)] = []

    init(_ file: ReviewFile, sources: Set<String>, claims: [Claim]) {
        decisions = file.effective
        // Only rejections look claims up; without one, the set of every claim id (tens of MB at scale) is not built.
        let claimIDs = decisions.contains { $0.action == .reject } ? Set(claims.map(\.id)) : []
        for d in decisions {
            switch d.action {
            case .reject:
                if let id = d.claim, claimIDs.contains(id) { rejected[id] = d }
            case .accept:
                if let id = d.fact, let value = d.value ?? d.factValueWhenDecided { accepted[id] = value }
            case .pin:
                if let name = d.sources?.first, sources.contains(name), let r = d.reliability { pinned[name] = min(1, max(0, r)) }
            case .dependent:
                if let pair = d.sources, pair.count == 2, sources.contains(pair[0]), sources.contains(pair[1]) {
                    dependent.append((pair[0], pair[1]))
                }
            }
        }
    }

    /// Copy links with the reviewer's dependencies added both ways, for the witness classes.
    func links(adding copies: [String: Set<String>]) -> [String: Set<String>] {
        var out = copies
        for (a, b) in dependent { out[a, default: []].insert(b); out[b, default: []].insert(a) }
        return out
    }

    /// Each source pair a reviewer linked, as a sorted pair, for the explanations.
    var dependentPairs: Set<[String]> { Set(dependent.map { [$0.0, $0.1].sorted() }) }

    /// What became of each decision: applied, stale (its fact's evidence changed since) or missing; also the facts with
    /// their reviews and the claims with their rejections filled in.
    ///
    /// `evidence` is every fact group of the run (id → claim ids), including groups left without a fact because a
    /// reviewer rejected all their claims.
    func outcomes(facts: inout [Fact], claims: inout [Claim], evidence: [String: [String]],
                  sources: Set<String>) -> [ReviewOutcome] {
        let claimsByID = Dictionary(claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var groupOfClaim: [String: String] = [:]
        for (group, ids) in evidence { for id in ids { groupOfClaim[id] = group } }
        let factIndex = Dictionary(facts.indices.map { (facts[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let claimIndex = Dictionary(claims.indices.map { (claims[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [ReviewOutcome] = []
        for d in decisions {
            switch d.action {
            case .accept:
                guard let id = d.fact, let i = factIndex[id] else {
                    out.append(ReviewOutcome(d, fact: nil, state: .missing, note: "no fact '\(d.fact ?? "")' in this run: "
                        + "its claims are gone or now read with another subject, metric or period"))
                    continue
                }
                var note = staleNote(d, now: evidence[id] ?? facts[i].allClaimIDs, claims: claimsByID)
                let value = d.value ?? d.factValueWhenDecided ?? facts[i].value
                if !facts[i].value.sameStatedValue(as: value) {
                    let gap = "no counted claim gives the accepted value now, so the fact shows the value its claims support"
                    note = note.map { $0 + "; " + gap } ?? gap
                }
                facts[i].review = FactReview(by: d.by, at: d.at, why: d.why, value: value, stale: note != nil, note: note)
                out.append(ReviewOutcome(d, fact: id, state: note == nil ? .applied : .stale, note: note))
            case .reject:
                guard let id = d.claim, let i = claimIndex[id] else {
                    out.append(ReviewOutcome(d, fact: nil, state: .missing,
                                             note: "no claim '\(d.claim ?? "")' in this run: its document changed or is gone"))
                    continue
                }
                let group = groupOfClaim[id]
                var note: String?
                if let was = d.fact, let group, was != group {
                    note = "the claim now belongs to fact '\(group)', not '\(was)'"
                } else if let group {
                    note = staleNote(d, now: evidence[group] ?? [], claims: claimsByID)
                }
                claims[i].rejected = ClaimRejection(by: d.by, at: d.at, why: d.why, stale: note != nil, note: note)
                out.append(ReviewOutcome(d, fact: group, state: note == nil ? .applied : .stale, note: note))
            case .pin:
                let name = d.sources?.first ?? ""
                if sources.contains(name) {
                    out.append(ReviewOutcome(d, fact: nil, state: .applied, note: nil))
                } else {
                    out.append(ReviewOutcome(d, fact: nil, state: .missing, note: "no source '\(name)' in this run"))
                }
            case .dependent:
                let absent = (d.sources ?? []).filter { !sources.contains($0) }
                if absent.isEmpty, d.sources?.count == 2 {
                    out.append(ReviewOutcome(d, fact: nil, state: .applied, note: nil))
                } else {
                    let names = absent.map { "'\($0)'" }.joined(separator: ", ")
                    out.append(ReviewOutcome(d, fact: nil, state: .missing,
                                             note: absent.isEmpty ? "a dependency names two sources" : "no source \(names) in this run"))
                }
            }
        }
        return out
    }

    /// Why a decision is stale (its fact's evidence differs from what the reviewer saw), or nil when it is not.
    ///
    /// A decision recorded without a fingerprint (by hand, or before fingerprints) is never called stale.
    func staleNote(_ d: ReviewDecision, now ids: [String], claims: [String: Claim]) -> String? {
        guard let recorded = d.factFingerprint else { return nil }
        guard Fact.evidenceFingerprint(claimIDs: ids, claims: claims) != recorded else { return nil }
        guard let before = d.factClaimsWhenDecided else { return "the fact's claims changed since this decision" }
        let added = Set(ids).subtracting(before).sorted(), removed = Set(before).subtracting(ids).sorted()
        var parts: [String] = []
        if !added.isEmpty { parts.append("new claim\(added.count == 1 ? "" : "s") " + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("claim\(removed.count == 1 ? "" : "s") gone " + removed.joined(separator: ", ")) }
        if parts.isEmpty { parts.append("a claim's value, firmness or period is read differently") }
        return "the fact changed since this decision: " + parts.joined(separator: "; ")
    }
}

extension ReconcileStage {
    /// Reads the reviews file named by `options.reviews` (relative to the project folder); nil when reviews are off
    /// or no decision has been recorded yet.
    func loadReviews(projectDirectory: URL) throws -> ReviewFile? {
        guard let path = options.reviews else { return nil }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectDirectory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(ReviewFile.self, from: Data(contentsOf: url))
        } catch {
            throw ReviewFileError(message: "cannot read the reviews file '\(url.path)': \(error); expected the JSON "
                + "'claimtrack review' writes (fix or remove it; reconcile.reviews in pipeline.json names it)")
        }
    }
}

/// A reviews file that exists but cannot be read: the run stops rather than report without the reviewer's decisions.
public struct ReviewFileError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it.
    public let message: String
    /// The message.
    public var description: String { message }
}
