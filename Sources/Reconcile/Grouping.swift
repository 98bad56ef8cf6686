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
        // Parts are few: only their documents' claims are grouped, and only the parts are put in id order.
        let parts = claims.filter { componentOf($0) != nil }
        guard !parts.isEmpty else { return [] }
        let partDocuments = Set(parts.map(\.document))
        let byDocument = Dictionary(grouping: claims.filter { partDocuments.contains($0.document) }, by: \.document)
        var out: [(part: Claim, whole: Claim)] = []
        for part in parts.sortedByID() {
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
        let split = unlinked(claims, witnesses: witnesses)
        var groups = split.groups
        linkComponents(&groups, stated: statedComponents(claims.filter(feedsFacts)), options: options)
        return (groups.values.sorted { $0.key < $1.key }, split.unresolved)
    }

    /// The groups by key before stated components are linked, and the date claims whose day is unknown.
    static func unlinked(_ claims: [Claim], witnesses: Witnesses) -> (groups: [String: FactGroup], unresolved: [Claim]) {
        var unresolved: [Claim] = []
        var dated: [Claim] = []
        var periodless: [Claim] = []
        for c in claims.sortedByID() where feedsFacts(c) {
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
        return (groups, unresolved)
    }

    /// Moves claims of other documents that match a stated component, and not its whole, from the whole's fact to the
    /// component's; tells each whole's fact about its components.
    ///
    /// Why: "25% tariffs" in one article and "50 percent tariffs, including a 25% duty linked to Russian crude" in
    /// another are not a conflict once the second says the 25% is a part.
    static func linkComponents(_ groups: inout [String: FactGroup], stated: [(part: Claim, whole: Claim)], options: ReconcileOptions) {
        guard !stated.isEmpty else { return }
        // Which group holds each claim: a claim is in exactly one group, and moves only from a whole's group to a
        // component's, so the index is kept up to date below instead of scanning every group per component.
        var groupOf: [String: String] = [:]
        // What a comparison reads of each claim (value, approximation, hedged), interned: `Compare.compatible` of a
        // claim with a part and with a whole is decided once per distinct signature in each component's pass.
        struct Signature: Hashable { var value: ClaimValue; var approximation: Approximation; var hedged: Bool }
        var signatureIDs: [Signature: Int] = [:]
        var representative: [Claim] = []
        var signatures: [String: [Int]] = [:]
        for (key, g) in groups {
            var sigs: [Int] = []
            sigs.reserveCapacity(g.claims.count)
            for c in g.claims {
                groupOf[c.id] = key
                let s = Signature(value: c.value, approximation: c.approximation, hedged: c.hedge != nil)
                if let id = signatureIDs[s] { sigs.append(id); continue }
                signatureIDs[s] = representative.count
                sigs.append(representative.count)
                representative.append(c)
            }
            signatures[key] = sigs
        }
        // Group keys by their text up to the k-th "|": a key that starts with `baseKey(whole) + "|"` is in the bucket of
        // that prefix (the exact prefix test below still decides). Groups are only ever removed, never added.
        var buckets: [Int: [Substring: [String]]] = [:]
        func prefix(_ key: String, separators k: Int) -> Substring? {
            var seen = 0
            var i = key.utf8.startIndex
            while i != key.utf8.endIndex {
                if key.utf8[i] == UInt8(ascii: "|") {
                    seen += 1
                    if seen == k { return key[..<key.utf8.index(after: i)] }
                }
                i = key.utf8.index(after: i)
            }
            return nil
        }
        let sortedKeys = groups.keys.sorted()
        var moved = Set<String>()
        for (part, whole) in stated {
            guard let partKey = groupOf[part.id] else { continue }
            let prefix0 = baseKey(whole) + "|"
            let k = prefix0.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "|") ? 1 : 0) }
            if buckets[k] == nil {
                var b: [Substring: [String]] = [:]
                for key in sortedKeys { if let p = prefix(key, separators: k) { b[p, default: []].append(key) } }
                buckets[k] = b
            }
            let wholeKey = groupOf[whole.id]
            var candidates = buckets[k]?[Substring(prefix0)] ?? []
            if let wholeKey, !candidates.contains(wholeKey) {
                candidates.append(wholeKey)
                candidates.sort()
            }
            var memo: [Int: Bool] = [:]
            for key in candidates where key != partKey {
                guard groups[key] != nil else { continue }
                let holdsWhole = key == wholeKey
                // Another group of the whole's metric, but not a component group that shares its key prefix.
                guard holdsWhole || (key.hasPrefix(prefix0) && !key.dropFirst(prefix0.count).contains("component-of:")) else { continue }
                // Taken out while changed, so its claim list is not copied.
                guard var g = groups.removeValue(forKey: key) else { continue }
                var sigs = signatures[key] ?? []
                if holdsWhole, !g.components.contains(where: { $0.id == part.id }) { g.components.append(part) }
                var matching: [Int] = []
                for (i, x) in g.claims.enumerated() {
                    let s = sigs[i]
                    let fits: Bool
                    if let m = memo[s] { fits = m } else {
                        let r = representative[s]
                        fits = Compare.compatible(r, part, options: options) && !Compare.compatible(r, whole, options: options)
                        memo[s] = fits
                    }
                    guard fits, x.document != part.document, !moved.contains(x.id), x.id != whole.id else { continue }
                    matching.append(i)
                }
                if !matching.isEmpty {
                    for i in matching {
                        let x = g.claims[i]
                        moved.insert(x.id)
                        groups[partKey]?.claims.append(x)
                        signatures[partKey]?.append(sigs[i])
                        groups[partKey]?.matchedComponent[x.id] = part.id
                        groupOf[x.id] = partKey
                    }
                    let matched = Set(matching.map { g.claims[$0].id })
                    var keep = [Bool](repeating: true, count: g.claims.count)
                    for i in matching { keep[i] = false }
                    let before = g.claims
                    g.claims = before.indices.filter { keep[$0] }.map { before[$0] }
                    sigs = sigs.indices.filter { keep[$0] }.map { sigs[$0] }
                    g.placedByDate.removeAll { matched.contains($0) }
                }
                signatures[key] = g.claims.isEmpty ? nil : sigs
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
