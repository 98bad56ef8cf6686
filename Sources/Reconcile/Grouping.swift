import ClaimModel
import Foundation

/// Groups claims into candidate facts: subject + metric + dimension/unit + period.
enum Grouping {
    /// Roles whose claims only feed checks, never a fact (an earlier value of a change, a stated multiplier).
    static func feedsFacts(_ c: Claim) -> Bool {
        c.role != "change.from" && c.role != "change.ratio"
    }

    /// The part of the key that does not depend on the period; a component is keyed apart from its whole.
    static func baseKey(_ c: Claim) -> String {
        // Units hook: group by the canonical unit, so "1.2 GW" meets "1,200 MW" and rupees meet dollars.
        let key = "\(c.subject ?? "-")|\(c.metric)|\(c.value.dimension.rawValue)|\(UnitComparison.groupingUnit(c) ?? "-")"
            + (componentOf(c).map { "|component-of:" + $0 } ?? "")
        // Days of a listed series ("calls on 15 January, 20 March …") are separate events, each its own fact.
        guard c.role == "series" else { return key }
        return key + "|" + (c.value.start.map { "\($0.iso)..\(c.value.end?.iso ?? "")" } ?? c.value.unresolved ?? c.text)
    }

    /// The metric a claim is stated to be a part of (role `component-of:<metric>`), or nil.
    static func componentOf(_ c: Claim) -> String? {
        guard let role = c.role, role.hasPrefix("component-of:") else { return nil }
        let metric = String(role.dropFirst("component-of:".count))
        return metric.isEmpty ? nil : metric
    }

    /// Components with the whole their own document states them in ("a 25% duty ... within 50 percent tariffs").
    ///
    /// The whole is a claim of the component's document with the named metric, subject, dimension and unit, and a
    /// larger value; one in the same sentence is preferred.
    static func statedComponents(_ claims: [Claim]) -> [(part: Claim, whole: Claim)] {
        let byDocument = Dictionary(grouping: claims, by: \.document)
        var out: [(part: Claim, whole: Claim)] = []
        for part in claims.sorted(by: { $0.id < $1.id }) {
            guard let metric = componentOf(part), let p = Compare.point(part) else { continue }
            let wholes = (byDocument[part.document] ?? []).filter { w in
                w.metric == metric && w.subject == part.subject && w.value.dimension == part.value.dimension
                    && w.value.unit == part.value.unit && componentOf(w) == nil && feedsFacts(w)
                    && (Compare.point(w).map { $0 > p } ?? false)
            }.sorted { ($0.quote == part.quote ? 0 : 1, $0.id) < ($1.quote == part.quote ? 0 : 1, $1.id) }
            if let whole = wholes.first { out.append((part, whole)) }
        }
        return out
    }

    static func periodKey(_ p: Period?) -> String {
        guard let p else { return "any" }
        return "\(p.start?.iso ?? "open")..\(p.end?.iso ?? "open")"
    }

    /// Groups the anchored claims; date claims whose day is unknown are returned apart for binding.
    static func group(_ claims: [Claim], witnesses: Witnesses, options: ReconcileOptions) -> (groups: [FactGroup], unresolved: [Claim]) {
        var unresolved: [Claim] = []
        var dated: [Claim] = []
        var periodless: [Claim] = []
        for c in claims.sorted(by: { $0.id < $1.id }) where feedsFacts(c) {
            if c.value.isDate && c.value.start == nil { unresolved.append(c); continue }
            // Dates of one event are one fact whatever period words surround them.
            if c.period == nil || c.value.isDate { periodless.append(c) } else { dated.append(c) }
        }
        var groups: [String: FactGroup] = [:]
        func add(_ c: Claim, period: Period?, placed: Bool) {
            let key = baseKey(c) + "|" + periodKey(period)
            // Mutated in place: a copy taken out of the dictionary would copy the whole claim list on every append.
            groups[key, default: FactGroup(key: key, subject: c.subject, metric: c.metric, period: period, claims: [])].claims.append(c)
            if placed { groups[key]?.placedByDate.append(c.id) }
        }
        for c in dated { add(c, period: Period(start: c.period?.start, end: c.period?.end, text: c.period?.text), placed: false) }
        // Distinct periods per base key, to place claims that state none.
        var periods: [String: [Period]] = [:]
        for c in dated {
            let p = Period(start: c.period?.start, end: c.period?.end, text: c.period?.text)
            if !(periods[baseKey(c)] ?? []).contains(where: { periodKey($0) == periodKey(p) }) { periods[baseKey(c), default: []].append(p) }
        }
        for c in periodless {
            if !c.value.isDate, let day = witnesses.published(c) {
                // The narrowest stated period that holds the document's date. Open periods ("by 2030", "since 2020")
                // are deadlines and bounds, not spans a figure was measured over, so they take no placed claims.
                let fitting = (periods[baseKey(c)] ?? []).filter { p in
                    guard let start = p.start, let end = p.end else { return false }
                    return start <= day && day <= end
                }.sorted { width($0) < width($1) || (width($0) == width($1) && periodKey($0) < periodKey($1)) }
                if let p = fitting.first { add(c, period: p, placed: true); continue }
            }
            add(c, period: nil, placed: false)
        }
        linkComponents(&groups, stated: statedComponents(claims.filter(feedsFacts)), options: options)
        return (groups.values.sorted { $0.key < $1.key }, unresolved)
    }

    /// Moves claims of other documents that match a stated component, and not its whole, from the whole's fact to the
    /// component's; tells each whole's fact about its components.
    ///
    /// Why: "25% tariffs" in one article and "50 percent tariffs, including a 25% duty linked to Russian crude" in
    /// another are not a conflict once the second says the 25% is a part.
    static func linkComponents(_ groups: inout [String: FactGroup], stated: [(part: Claim, whole: Claim)], options: ReconcileOptions) {
        var moved = Set<String>()
        for (part, whole) in stated {
            guard let partKey = groups.first(where: { $0.value.claims.contains { $0.id == part.id } })?.key else { continue }
            for key in groups.keys.sorted() where key != partKey {
                guard let peek = groups[key] else { continue }
                let holdsWhole = peek.claims.contains { $0.id == whole.id }
                let prefix = baseKey(whole) + "|"
                // Another group of the whole's metric, but not a component group that shares its key prefix.
                guard holdsWhole || (key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains("component-of:")) else { continue }
                // Taken out while changed, so its claim list is not copied.
                guard var g = groups.removeValue(forKey: key) else { continue }
                if holdsWhole, !g.components.contains(where: { $0.id == part.id }) { g.components.append(part) }
                let matching = g.claims.filter { x in
                    x.document != part.document && !moved.contains(x.id) && x.id != whole.id
                        && Compare.compatible(x, part, options: options) && !Compare.compatible(x, whole, options: options)
                }
                for x in matching {
                    moved.insert(x.id)
                    groups[partKey]?.claims.append(x)
                    groups[partKey]?.matchedComponent[x.id] = part.id
                }
                let matched = Set(matching.map(\.id))
                g.claims.removeAll { matched.contains($0.id) }
                g.placedByDate.removeAll { matched.contains($0) }
                groups[key] = g.claims.isEmpty ? nil : g
            }
            groups[partKey]?.componentOf = whole
        }
    }

    static func width(_ p: Period) -> Int {
        guard let s = p.start, let e = p.end else { return Int.max }
        return e.dayNumber - s.dayNumber
    }

    /// Known (month, day) of the start and end in `--12-04/--12-05` (or `YYYY-MM-DD`) form.
    static func parts(_ unresolved: String) -> [(month: Int?, day: Int?)] {
        unresolved.split(separator: "/").map { side in
            let fields = side.split(separator: "-", omittingEmptySubsequences: true).map { Int($0) }
            // "--12-04" -> [12, 4]; "2025-12-04" -> [2025, 12, 4]; "--12" -> [12].
            let tail = fields.count == 3 ? Array(fields.dropFirst()) : fields
            return (tail.first ?? nil, tail.count > 1 ? tail[1] : nil)
        }
    }

    /// The claim bound to a fact's value when its known month/day parts match; nil otherwise.
    static func bind(_ claim: Claim, to value: ClaimValue, factID: String) -> Claim? {
        guard let text = claim.value.unresolved, let start = value.start, let end = value.end else { return nil }
        let p = parts(text)
        guard let first = p.first, first.month != nil else { return nil }
        let last = p.count > 1 ? p[1] : first
        func matches(_ part: (month: Int?, day: Int?), _ day: CalendarDay) -> Bool {
            (part.month.map { $0 == day.month } ?? true) && (part.day.map { $0 == day.day } ?? true)
        }
        guard matches(first, start), matches(last, end) else { return nil }
        var bound = claim
        bound.value.start = CalendarDay(year: start.year, month: first.month ?? start.month, day: first.day ?? start.day)
        bound.value.end = CalendarDay(year: end.year, month: last.month ?? end.month, day: last.day ?? end.day)
        guard bound.value.start != nil, bound.value.end != nil else { return nil }
        bound.value.inferredFrom = factID
        bound.value.resolution = "inferred from fact \(factID)"
        return bound
    }
}
