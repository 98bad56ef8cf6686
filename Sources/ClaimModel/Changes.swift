public import Foundation

/// A fact whose status or value differs from the previous run.
public struct FactChange: Hashable, Codable, Sendable {
    public var fact: String
    public var label: String
    public var statusBefore: FactStatus
    public var statusAfter: FactStatus
    public var valueBefore: ClaimValue
    public var valueAfter: ClaimValue
    public init(fact: String, label: String, statusBefore: FactStatus, statusAfter: FactStatus,
                valueBefore: ClaimValue, valueAfter: ClaimValue) {
        self.fact = fact; self.label = label; self.statusBefore = statusBefore; self.statusAfter = statusAfter
        self.valueBefore = valueBefore; self.valueAfter = valueAfter
    }
}

/// What changed since the previous run whose report was in the outputs folder.
public struct Changes: Hashable, Codable, Sendable {
    /// The previous run's id; nil on a first run (then every fact and document counts as new).
    public var previousRun: String?
    /// Fact ids that did not exist before.
    public var newFacts: [String]
    /// Facts present in both runs whose status or value changed.
    public var changedFacts: [FactChange]
    /// Facts in conflict now that were not in conflict (or did not exist) before.
    public var newConflicts: [String]
    /// Facts in conflict before that are not now (resolved, or gone).
    public var resolvedConflicts: [String]
    /// Facts of the previous run that no longer exist.
    public var removedFacts: [String]
    /// Document ids (content hashes) new in this run.
    public var newDocuments: [String]
    /// Document ids of the previous run no longer present.
    public var removedDocuments: [String]

    public init(previousRun: String?, newFacts: [String], changedFacts: [FactChange], newConflicts: [String],
                resolvedConflicts: [String], removedFacts: [String], newDocuments: [String], removedDocuments: [String]) {
        self.previousRun = previousRun; self.newFacts = newFacts; self.changedFacts = changedFacts
        self.newConflicts = newConflicts; self.resolvedConflicts = resolvedConflicts; self.removedFacts = removedFacts
        self.newDocuments = newDocuments; self.removedDocuments = removedDocuments
    }

    /// Compares a run's report with the previous one (nil on a first run).
    public static func between(previous: Report?, current: Report) -> Changes {
        between(previousDigest: previous.map(ReportDigest.init), current: current)
    }

    /// Compares a run's report with what the previous run's digest kept of its report (nil on a first run).
    public static func between(previousDigest previous: ReportDigest?, current: Report) -> Changes {
        let before = Dictionary((previous?.facts ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.facts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newFacts = current.facts.map(\.id).filter { before[$0] == nil }.sorted()
        var changed: [FactChange] = []
        for fact in current.facts {
            guard let old = before[fact.id], old.status != fact.status || old.value != fact.value else { continue }
            changed.append(FactChange(fact: fact.id, label: fact.label, statusBefore: old.status, statusAfter: fact.status,
                                      valueBefore: old.value, valueAfter: fact.value))
        }
        let conflictsBefore = Set(before.values.filter { $0.status == .conflict }.map(\.id))
        let conflictsAfter = Set(after.values.filter { $0.status == .conflict }.map(\.id))
        let docsBefore = Set(previous?.documents ?? [])
        let docsAfter = Set(current.documents.map(\.id))
        return Changes(
            previousRun: previous?.run,
            newFacts: newFacts,
            changedFacts: changed.sorted { $0.fact < $1.fact },
            newConflicts: conflictsAfter.subtracting(conflictsBefore).sorted(),
            resolvedConflicts: conflictsBefore.subtracting(conflictsAfter).sorted(),
            removedFacts: Set(before.keys).subtracting(after.keys).sorted(),
            newDocuments: docsAfter.subtracting(docsBefore).sorted(),
            removedDocuments: docsBefore.subtracting(docsAfter).sorted())
    }

    enum CodingKeys: String, CodingKey {
        case previousRun, newFacts, changedFacts, newConflicts, resolvedConflicts, removedFacts, newDocuments, removedDocuments
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // A first run says so with an explicit null.
        try c.encode(previousRun, forKey: .previousRun)
        try c.encode(newFacts, forKey: .newFacts)
        try c.encode(changedFacts, forKey: .changedFacts)
        try c.encode(newConflicts, forKey: .newConflicts)
        try c.encode(resolvedConflicts, forKey: .resolvedConflicts)
        try c.encode(removedFacts, forKey: .removedFacts)
        try c.encode(newDocuments, forKey: .newDocuments)
        try c.encode(removedDocuments, forKey: .removedDocuments)
    }

    /// Whether nothing changed.
    public var isEmpty: Bool {
        newFacts.isEmpty && changedFacts.isEmpty && newConflicts.isEmpty && resolvedConflicts.isEmpty && removedFacts.isEmpty
            && newDocuments.isEmpty && removedDocuments.isEmpty
    }
}

/// What "changes" needs of a run's report, kept for the next run: the run id, each fact's id, label, status and
/// value, and the document ids. At 100,000 documents report.json is about a gigabyte; its digest is a few megabytes.
public struct ReportDigest: Hashable, Codable, Sendable {
    /// A fact as the digest keeps it.
    public struct FactEntry: Hashable, Codable, Sendable {
        public var id: String
        public var label: String
        public var status: FactStatus
        public var value: ClaimValue
        public init(id: String, label: String, status: FactStatus, value: ClaimValue) {
            self.id = id; self.label = label; self.status = status; self.value = value
        }
    }

    /// The run the report is of.
    public var run: String
    public var facts: [FactEntry]
    /// Document ids, in report order.
    public var documents: [String]

    public init(run: String, facts: [FactEntry], documents: [String]) {
        self.run = run; self.facts = facts; self.documents = documents
    }

    /// The digest of a report.
    public init(_ report: Report) {
        self.init(run: report.run.id,
                  facts: report.facts.map { FactEntry(id: $0.id, label: $0.label, status: $0.status, value: $0.value) },
                  documents: report.documents.map(\.id))
    }

    /// The digest read straight from a `report.json`, decoding only the parts a digest keeps (claims, checks and the
    /// rest are skipped, not built).
    public init(reportJSON data: Data) throws {
        let shape = try JSONDecoder().decode(ReportShape.self, from: data)
        self.init(run: shape.run.id, facts: shape.facts, documents: shape.documents.map(\.id))
    }

    private struct ReportShape: Decodable {
        struct Identified: Decodable { var id: String }
        var run: Identified
        var facts: [FactEntry]
        var documents: [Identified]
    }
}
