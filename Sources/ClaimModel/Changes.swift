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
        let docsBefore = Set((previous?.documents ?? []).map(\.id))
        let docsAfter = Set(current.documents.map(\.id))
        return Changes(
            previousRun: previous?.run.id,
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
