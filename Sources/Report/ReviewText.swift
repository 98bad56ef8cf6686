internal import ClaimModel

/// How reviewer decisions read in the reports.
enum ReviewText {
    /// A fact's review: the accepted value, who, when and why, and what to look at again when it is stale.
    static func line(_ r: FactReview, status: FactStatus? = nil) -> String {
        var s = "reviewed: \(HumanFormat.value(r.value)) accepted by \(r.by) at \(r.at)"
        if let why = r.why, !why.isEmpty { s += ": \(why)" }
        if status == .conflict, !r.stale { s += " (conflict resolved by the reviewer)" }
        if r.stale { s += ". Look again: \(r.note ?? "the fact changed since this decision")." }
        return s
    }

    /// A rejected claim's note: who, when, why, and whether its fact changed since.
    static func rejection(_ r: ClaimRejection) -> String {
        var s = "rejected by \(r.by) at \(r.at)"
        if let why = r.why, !why.isEmpty { s += ": \(why)" }
        if r.stale { s += ". Look again: \(r.note ?? "its fact changed since this decision")." }
        return s
    }

    /// What a decision names: a fact, a claim, one source or two.
    static func target(_ o: ReviewOutcome) -> String {
        switch o.action {
        case .accept: return "fact \(o.fact ?? "?")"
        case .reject: return "claim \(o.claim ?? "?")" + (o.fact.map { " (fact \($0))" } ?? "")
        case .pin: return "source '\(o.sources?.first ?? "?")' at \(HumanFormat.share(o.reliability ?? 0))"
        case .dependent: return "sources " + (o.sources ?? []).map { "'\($0)'" }.joined(separator: " and ")
        }
    }

    /// One decision as a line of the reviews section: action, target, state, who, when, why, note.
    static func outcome(_ o: ReviewOutcome) -> String {
        var s = "\(o.action.rawValue) \(target(o))"
        if o.action == .accept, let v = o.value { s += " = \(HumanFormat.value(v))" }
        s += ": \(o.state.rawValue), by \(o.by) at \(o.at)"
        if let why = o.why, !why.isEmpty { s += ", why: \(why)" }
        if let note = o.note { s += ". \(note)" }
        return s
    }
}
