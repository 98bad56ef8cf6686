internal import ClaimModel

/// How a reviewer's decision reads in the reports.
enum ReviewText {
    static func line(_ r: FactReview) -> String {
        var s = "reviewed: \(HumanFormat.value(r.value)) accepted by \(r.by) at \(r.at)"
        if let why = r.why, !why.isEmpty { s += ": \(why)" }
        if r.stale { s += ". Look again: \(r.note ?? "the fact changed since this decision")." }
        return s
    }
}
