import ClaimModel
import Foundation

/// Consistency checks within a document: stated multipliers, parts against totals, itemised counts.
struct Checker {
    let options: ReconcileOptions

    /// The relative gap allowed when any of the claims is hedged or approximate, else the exact tolerance.
    func allowance(_ claims: [Claim]) -> Decimal {
        Decimal(loose(claims) ? options.approximateTolerance : options.tolerance)
    }

    /// Whether any of the claims is hedged or approximate (so the looser tolerance applies).
    func loose(_ claims: [Claim]) -> Bool {
        claims.contains { $0.approximation != .exact || $0.hedge != nil || $0.modality == .hedged }
    }

    func allowanceText(_ a: Decimal) -> String { Compare.text(a * 100, places: 1) + "%" }

    /// Whether `computed` fits the stated claim given its bound direction and the allowance.
    func fits(_ computed: Decimal, _ stated: Claim, allowed: Decimal) -> (ok: Bool, gap: String) {
        guard let target = Compare.point(stated) else { return (false, "undefined") }
        let g = Compare.percentGap(computed, target)
        switch stated.approximation {
        case .atLeast: return (computed >= target * (1 - allowed), g.text)
        case .atMost: return (computed <= target * (1 + allowed), g.text)
        case .range:
            if let lo = stated.value.min, let hi = stated.value.max {
                return (computed >= lo * (1 - allowed) && computed <= hi * (1 + allowed), g.text)
            }
            return (g.gap <= allowed, g.text)
        default: return (g.gap <= allowed, g.text)
        }
    }

    /// All checks of a batch, sorted by kind and claim ids.
    func checks(claims: [Claim], facts: [Fact], claimsByID: [String: Claim]) -> [Check] {
        var out: [Check] = []
        let byDocument = Dictionary(grouping: claims, by: \.document)
        // Facts by metric (in their order), and whether a fact's supporting claims are hedged, worked out once: a sum
        // check against a fact read every fact and every supporting claim, once per document stating parts.
        let factsByMetric = Dictionary(grouping: facts, by: \.metric)
        var hedgedSupport: [String: Bool] = [:]
        for document in byDocument.keys.sorted() {
            let docClaims = (byDocument[document] ?? []).sorted { $0.id < $1.id }
            out += ratioChecks(docClaims)
            out += sumChecks(docClaims, facts: facts, claimsByID: claimsByID, factsByMetric: factsByMetric, hedgedSupport: &hedgedSupport)
            out += countChecks(docClaims)
            out += componentChecks(docClaims)
        }
        return out.sorted { ($0.kind, $0.claims.joined(separator: ",")) < ($1.kind, $1.claims.joined(separator: ",")) }
    }

    /// A stated multiplier against the two values of the change it describes.
    func ratioChecks(_ claims: [Claim]) -> [Check] {
        var out: [Check] = []
        for ratio in claims where ratio.role == "change.ratio" {
            // Prefer the change in the same sentence; else any change of the document with the same metric.
            func pick(_ role: String) -> Claim? {
                let same = claims.filter { $0.role == role && $0.quote == ratio.quote }
                let any = claims.filter { $0.role == role && $0.metric == ratio.metric }
                return (same.isEmpty ? any : same).first
            }
            guard let from = pick("change.from"), let to = pick("change.to"),
                  let a = Compare.point(from), let b = Compare.point(to), a != 0, let stated = Compare.point(ratio) else { continue }
            let computed = b / a
            let allowed = allowance([ratio, from, to])
            let fit = fits(computed, ratio, allowed: allowed)
            let verdict = fit.ok ? "consistent" : "inconsistent"
            let explanation = "'\(from.text)' to '\(to.text)' is \(Compare.text(b)) / \(Compare.text(a)) = \(Compare.text(computed))x, "
                + "against the stated '\(ratio.text)' (\(Compare.text(stated))x): \(fit.gap) apart, "
                + "\(fit.ok ? "within" : "beyond") the \(allowanceText(allowed)) allowed"
                + "\(allowed == Decimal(options.approximateTolerance) ? " for hedged values" : ""); \(verdict)."
            out.append(Check(kind: "ratio", status: fit.ok ? .consistent : .inconsistent,
                             claims: [from.id, to.id, ratio.id].sorted(), explanation: explanation))
        }
        return out
    }

    /// Whether two claims speak of the same time: the same stated period, or neither states one.
    static func sameTime(_ a: Claim, _ b: Claim) -> Bool {
        a.period?.start == b.period?.start && a.period?.end == b.period?.end
    }

    /// Parts ("part-of:<metric>") summed against the document's total for <metric>, else the fact's value.
    func sumChecks(_ claims: [Claim], facts: [Fact], claimsByID: [String: Claim]) -> [Check] {
        var hedgedSupport: [String: Bool] = [:]
        return sumChecks(claims, facts: facts, claimsByID: claimsByID, factsByMetric: Dictionary(grouping: facts, by: \.metric),
                         hedgedSupport: &hedgedSupport)
    }

    /// `sumChecks` with the facts grouped by metric and a memo of whether each fact's supporting claims are hedged.
    func sumChecks(_ claims: [Claim], facts: [Fact], claimsByID: [String: Claim], factsByMetric: [String: [Fact]],
                   hedgedSupport: inout [String: Bool]) -> [Check] {
        var out: [Check] = []
        let parts = Dictionary(grouping: claims.filter { $0.role?.hasPrefix("part-of:") == true }, by: { $0.role ?? "" })
        for role in parts.keys.sorted() {
            let items = (parts[role] ?? []).sorted { $0.id < $1.id }
            let metric = String(role.dropFirst("part-of:".count))
            let values = items.compactMap(Compare.point)
            guard values.count == items.count, let first = items.first else { continue }
            let sum = values.reduce(Decimal(0), +)
            let sumText = items.map { Compare.text(Compare.point($0) ?? 0) }.joined(separator: " + ") + " = \(Compare.text(sum))"
            let partsText = items.map { "'\($0.text)'" }.joined(separator: " and ")
            let totals = claims.filter {
                $0.metric == metric && $0.value.dimension == first.value.dimension && $0.value.unit == first.value.unit
                    && Grouping.feedsFacts($0) && !($0.role?.hasPrefix("part-of:") ?? false) && !($0.role?.hasPrefix("item-of:") ?? false)
                    // Parts as they stand add up to the total as it stands, not to a target or forecast.
                    && $0.modality != .target && $0.modality != .forecast
                    && Self.sameTime(first, $0)
            }.sorted { ($0.period == nil ? 0 : 1, $0.id) < ($1.period == nil ? 0 : 1, $1.id) }
            if let total = totals.first, let t = Compare.point(total) {
                let allowed = allowance(items + [total])
                let fit = fits(sum, total, allowed: allowed)
                out.append(Check(kind: "sum", status: fit.ok ? .consistent : .inconsistent, claims: (items + [total]).map(\.id).sorted(),
                                 explanation: "parts \(partsText) add up to \(sumText), against the total '\(total.text)' (\(Compare.text(t))) "
                                    + "in the same document: \(fit.gap) apart, \(fit.ok ? "within" : "beyond") the \(allowanceText(allowed)) allowed; "
                                    + "\(fit.ok ? "consistent" : "inconsistent")."))
            } else if let fact = (factsByMetric[metric] ?? []).filter({ $0.metric == metric && $0.subject == first.subject && $0.value.unit == first.value.unit })
                        .sorted(by: { ($0.period == nil ? 0 : 1, $0.id) < ($1.period == nil ? 0 : 1, $1.id) }).first,
                      let t = Compare.point(Claim(id: "", document: "", quote: "", span: [], subject: nil, metric: metric, value: fact.value,
                                                  approximation: .exact, modality: .reported, period: nil, speaker: nil, text: "")) {
                let supportHedged: Bool
                if let known = hedgedSupport[fact.id] { supportHedged = known } else {
                    supportHedged = loose(fact.supporting.compactMap { claimsByID[$0] })
                    hedgedSupport[fact.id] = supportHedged
                }
                // `allowance(items + supporting)`: the looser tolerance when any of them is hedged or approximate.
                let allowed = supportHedged ? Decimal(options.approximateTolerance) : allowance(items)
                let g = Compare.percentGap(sum, t)
                let ok = g.gap <= allowed
                out.append(Check(kind: "sum", status: ok ? .consistent : .inconsistent, claims: items.map(\.id).sorted(),
                                 explanation: "parts \(partsText) add up to \(sumText), against \(Compare.text(t)) from fact \(fact.id) (\(fact.label)): "
                                    + "\(g.text) apart, \(ok ? "within" : "beyond") the \(allowanceText(allowed)) allowed; \(ok ? "consistent" : "inconsistent")."))
            }
        }
        return out
    }

    /// A stated component against the whole its document names: a part may not exceed its whole.
    func componentChecks(_ claims: [Claim]) -> [Check] {
        let stated = Grouping.statedComponents(claims)
        var out: [Check] = []
        for part in claims.filter({ Grouping.componentOf($0) != nil }).sorted(by: { $0.id < $1.id }) {
            guard let metric = Grouping.componentOf(part), let p = Compare.point(part) else { continue }
            // statedComponents pairs a part only with a larger whole; a part with none is larger than every whole it could have.
            let paired = stated.first { $0.part.id == part.id }?.whole
            let candidates = claims.filter {
                $0.metric == metric && $0.subject == part.subject && $0.value.unit == part.value.unit
                    && Grouping.componentOf($0) == nil && Grouping.feedsFacts($0)
            }.sorted { $0.id < $1.id }
            guard let whole = paired ?? candidates.first, let w = Compare.point(whole) else { continue }
            let ok = paired != nil
            out.append(Check(kind: "component", status: ok ? .consistent : .inconsistent, claims: [part.id, whole.id].sorted(),
                             explanation: "'\(part.text)' (\(Compare.text(p))) is stated as a part of '\(whole.text)' (\(Compare.text(w))) "
                                + "in the same document, \(ok ? "and no larger than it; consistent" : "yet not smaller than it; inconsistent")."))
        }
        return out
    }

    /// A stated total count against its itemised counts ("11 times ... four, two and five").
    func countChecks(_ claims: [Claim]) -> [Check] {
        var out: [Check] = []
        for total in claims where total.role == "total" {
            let items = claims.filter { $0.role == "item-of:\(total.metric)" }.sorted { $0.id < $1.id }
            let values = items.compactMap(Compare.point)
            guard !items.isEmpty, values.count == items.count, let t = Compare.point(total) else { continue }
            let sum = values.reduce(Decimal(0), +)
            let allowed = allowance(items + [total])
            let fit = fits(sum, total, allowed: allowed)
            let listed = items.map { "'\($0.text)'" }.joined(separator: ", ")
            out.append(Check(kind: "count", status: fit.ok ? .consistent : .inconsistent, claims: (items + [total]).map(\.id).sorted(),
                             explanation: "the itemised \(listed) add up to \(values.map { Compare.text($0) }.joined(separator: " + ")) = \(Compare.text(sum)), "
                                + "against the stated total '\(total.text)' (\(Compare.text(t))); \(fit.ok ? "consistent" : "inconsistent")."))
        }
        return out
    }
}
