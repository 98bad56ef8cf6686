import Foundation

/// The iterative weighted vote behind `Fuser`: per-item value probabilities and per-source accuracies.
struct FeedVote {
    /// One usable claim of an item: who said it, its voting key, and how it was written.
    struct Vote { var source: Int; var key: Int; var raw: Int }

    let feed: FeedTable
    let options: Fuser.Options
    /// Claims per item, in feed order; claims without a usable key are left out (they are not votes).
    var votes: [[Vote]]
    /// The first raw value per item, used when no claim of the item is usable.
    var fallbackRaw: [Int]
    /// Words of each name-list key, for partial support; empty for other kinds.
    var keyWords: [Set<String>] = []
    var keyIsNames: [Bool] = []
    var keys: [String] = []
    var accuracy: [Double]
    /// Copy group of each source (a representative source index); independent sources are their own group.
    var group: [Int]
    /// Winning key per item (-1 when none).
    var winner: [Int]
    /// How much leaving a name out counts against it relative to writing it, when `Options.omissionWeight` fixes it.
    var omissionRatio: Double
    /// Per source, name-list evidence of the current round (see `estimateNameRates`).
    var nameCounts: [NameCounts]
    /// Per source, log-likelihood weight of writing a name (for it) and of leaving it out (against it); empty until estimated.
    var nameTerms: [(write: Double, omit: Double)] = []

    /// How often a source left out names of the chosen lists and wrote names outside them.
    struct NameCounts {
        var omitted = 0.0, trueSlots = 0.0, included = 0.0, falseSlots = 0.0
    }

    init(feed: FeedTable, options: Fuser.Options) {
        self.feed = feed
        self.options = options
        accuracy = Array(repeating: options.prior, count: feed.sources.count)
        group = Array(0..<feed.sources.count)
        winner = Array(repeating: -1, count: feed.items.count)
        omissionRatio = options.omissionWeight ?? 1
        nameCounts = Array(repeating: NameCounts(), count: feed.sources.count)
        votes = Array(repeating: [], count: feed.items.count)
        fallbackRaw = Array(repeating: -1, count: feed.items.count)

        // Detect each attribute's kind from (a bounded sample of) its distinct values.
        var samples = Array(repeating: [String](), count: feed.attributes.count)
        var sampled = Set<Int>()
        for c in feed.claims {
            let a = feed.attributeOfItem[c.item]
            if samples[a].count < 3000, sampled.insert(c.raw &* 4096 &+ a).inserted { samples[a].append(feed.raws[c.raw]) }
        }
        let kinds = samples.map { FeedValues.detectKind(of: $0) }

        var keyIndex: [String: Int] = [:]
        var rawKey: [Int: Int] = [:]  // (raw, attribute) packed -> key, -1 when unusable
        for c in feed.claims {
            if fallbackRaw[c.item] < 0 { fallbackRaw[c.item] = c.raw }
            let a = feed.attributeOfItem[c.item]
            let packed = c.raw &* 4096 &+ a
            let k: Int
            if let known = rawKey[packed] { k = known } else {
                let kind = kinds[a]
                if let text = FeedValues.key(feed.raws[c.raw], kind: kind) {
                    // Keys are per attribute kind: the same text under another kind is another value.
                    let full = kind.rawValue + "|" + text
                    if let x = keyIndex[full] { k = x } else {
                        k = keys.count; keyIndex[full] = k; keys.append(full)
                        keyIsNames.append(kind == .names)
                        keyWords.append(kind == .names ? Set(text.split(separator: " ").map(String.init)) : [])
                    }
                } else { k = -1 }
                rawKey[packed] = k
            }
            if k >= 0 { votes[c.item].append(Vote(source: c.source, key: k, raw: c.raw)) }
        }
    }

    /// Runs the vote, detects copying from the first outcome, then votes again with copies merged.
    ///
    /// Sources identical on every shared item are merged before the first vote, so that adding a verbatim copy
    /// of a source cannot tilt the first outcome (and through it which other sources look like copies).
    mutating func run() {
        groupIdenticalSources()
        iterate(rounds: max(1, options.iterations))
        detectCopies()
        accuracy = Array(repeating: options.prior, count: feed.sources.count)
        iterate(rounds: max(1, options.iterations))
    }

    /// Plain plurality: one vote per source on each value's normal form, ties to the smaller key; no accuracies, no copies.
    mutating func runMajority() {
        var counts: [Int: Int] = [:]
        for item in votes.indices where !votes[item].isEmpty {
            counts.removeAll(keepingCapacity: true)
            for v in votes[item] { counts[v.key, default: 0] += 1 }
            winner[item] = counts.max { ($0.value, keys[$1.key]) < ($1.value, keys[$0.key]) }?.key ?? -1
        }
    }

    /// Rounds of: score values with current accuracies, then re-estimate accuracies from value probabilities.
    mutating func iterate(rounds: Int) {
        var scratch = Scratch()
        for _ in 0..<rounds {
            for s in nameCounts.indices { nameCounts[s] = NameCounts() }
            var sum = Array(repeating: options.prior * options.priorWeight, count: feed.sources.count)
            var count = Array(repeating: options.priorWeight, count: feed.sources.count)
            for item in votes.indices where !votes[item].isEmpty {
                let witnesses = score(item: item, scratch: &scratch)
                // An item only one witness speaks to says nothing about that witness's accuracy.
                guard witnesses >= 2 else { continue }
                for v in votes[item] {
                    let index = scratch.distinct.firstIndex(of: v.key) ?? 0
                    sum[v.source] += scratch.probability[index]
                    count[v.source] += 1
                }
            }
            for s in accuracy.indices { accuracy[s] = min(0.99, max(0.01, sum[s] / count[s])) }
            if options.omissionWeight == nil, keyIsNames.contains(true) { estimateNameRates() }
        }
    }

    /// Sets `nameTerms` from how often each source leaves out names of the chosen lists and writes names outside them.
    ///
    /// Why: with o = P(a source leaves out a true name) and c = P(it writes a false candidate name), a name is kept when
    /// the log-likelihood ratio Σ over writers of log((1-o)/c) + Σ over omitters of log(o/(1-c)) is positive. Stores
    /// that cut author lists have a large o, so their leaving a name out weighs little. Each source's rates are its own
    /// counts smoothed towards the rates over all sources with `priorWeight` pseudo-observations; nothing is fitted
    /// to a gold standard.
    mutating func estimateNameRates() {
        let all = nameCounts.reduce(NameCounts()) { a, b in
            NameCounts(omitted: a.omitted + b.omitted, trueSlots: a.trueSlots + b.trueSlots,
                       included: a.included + b.included, falseSlots: a.falseSlots + b.falseSlots)
        }
        guard all.trueSlots > 0, all.falseSlots > 0 else { return }
        func clamp(_ x: Double) -> Double { min(0.495, max(0.005, x)) }
        let o = clamp(all.omitted / all.trueSlots), c = clamp(all.included / all.falseSlots)
        let k = options.priorWeight
        nameTerms = nameCounts.map { n in
            let os = clamp((o * k + n.omitted) / (k + n.trueSlots))
            let cs = clamp((c * k + n.included) / (k + n.falseSlots))
            return (log((1 - os) / cs), log((1 - cs) / os))
        }
    }

    /// Per-item working arrays, reused across items so the vote allocates little.
    struct Scratch {
        var distinct: [Int] = []
        var score: [Double] = []
        var probability: [Double] = []
        /// Strongest vote per (copy group, value index) seen in the item, with the source that gave it.
        var best: [(group: Int, value: Int, weight: Double, source: Int)] = []
    }

    /// Scores the values of an item into `scratch`, sets `winner`, and returns the number of independent witnesses.
    mutating func score(item: Int, scratch: inout Scratch) -> Int {
        let list = votes[item]
        scratch.distinct.removeAll(keepingCapacity: true)
        for v in list where !scratch.distinct.contains(v.key) { scratch.distinct.append(v.key) }
        let distinct = scratch.distinct
        let falseValues = Double(max(1, distinct.count - 1))
        // A copy group adds its strongest member's vote once per value, not once per member.
        scratch.best.removeAll(keepingCapacity: true)
        var witnessGroups: [Int] = []
        for v in list {
            let a = accuracy[v.source]
            let weight = max(0.05, log(falseValues * a / (1 - a)))
            let g = group[v.source]
            if !witnessGroups.contains(g) { witnessGroups.append(g) }
            let value = distinct.firstIndex(of: v.key) ?? 0
            if let i = scratch.best.firstIndex(where: { $0.group == g && $0.value == value }) {
                if weight > scratch.best[i].weight { scratch.best[i].weight = weight; scratch.best[i].source = v.source }
            } else {
                scratch.best.append((g, value, weight, v.source))
            }
        }
        scratch.score = Array(repeating: 0, count: distinct.count)
        for b in scratch.best { scratch.score[b.value] += b.weight }
        var top = 0
        if keyIsNames[distinct[0]], distinct.count > 1 {
            top = chooseNameList(scratch: scratch)
        } else {
            for i in distinct.indices.dropFirst() {
                let s = scratch.score[i], t = scratch.score[top]
                if s > t + 1e-12 || (abs(s - t) <= 1e-12 && keys[distinct[i]] < keys[distinct[top]]) { top = i }
            }
        }
        winner[item] = distinct[top]
        scratch.probability = Array(repeating: 0, count: distinct.count)
        if keyIsNames[distinct[0]] {
            // A list that names some of the chosen people is partly right.
            let chosen = keyWords[distinct[top]]
            if witnessGroups.count >= 2 { countNames(list, chosen: chosen) }
            for i in distinct.indices {
                let w = keyWords[distinct[i]]
                scratch.probability[i] = Double(w.intersection(chosen).count) / Double(max(1, w.union(chosen).count))
            }
        } else {
            let topScore = scratch.score[top]
            var total = 0.0
            for i in distinct.indices { let e = exp(scratch.score[i] - topScore); scratch.probability[i] = e; total += e }
            for i in distinct.indices { scratch.probability[i] /= total }
        }
        return witnessGroups.count
    }

    /// Adds an item's name-list evidence to `nameCounts`, judged against the chosen list.
    ///
    /// A false name is only a candidate because someone wrote it, so a source's slots for false names are the names
    /// that other sources wrote (leave-one-out); otherwise every false candidate would count one writing for certain.
    mutating func countNames(_ list: [Vote], chosen: Set<String>) {
        var writers: [String: Int] = [:]
        for v in list { for w in keyWords[v.key] { writers[w, default: 0] += 1 } }
        for v in list {
            let words = keyWords[v.key]
            var falseSlots = 0, included = 0
            for (w, n) in writers where !chosen.contains(w) {
                let mine = words.contains(w)
                if n - (mine ? 1 : 0) >= 1 { falseSlots += 1; if mine { included += 1 } }
            }
            nameCounts[v.source].trueSlots += Double(chosen.count)
            nameCounts[v.source].omitted += Double(chosen.subtracting(words).count)
            nameCounts[v.source].falseSlots += Double(falseSlots)
            nameCounts[v.source].included += Double(included)
        }
    }

    /// Picks the name list closest to the names most witnesses include.
    ///
    /// Why: stores often cut a list after the first author, so leaving a name out is weaker evidence
    /// against it (`omissionRatio`) than writing it is for it.
    func chooseNameList(scratch: Scratch) -> Int {
        let distinct = scratch.distinct
        // Evidence per name: for it from the witnesses writing it, against it from those leaving it out. Before the
        // rates are estimated (or when the ratio is fixed) each witness weighs its accuracy weight both ways.
        let useRates = options.omissionWeight == nil && !nameTerms.isEmpty
        var omitTotal = 0.0
        var forWord: [String: Double] = [:]
        var againstWord: [String: Double] = [:]
        for b in scratch.best {
            let write = useRates ? nameTerms[b.source].write : b.weight
            let omit = useRates ? nameTerms[b.source].omit : b.weight * omissionRatio
            omitTotal += omit
            for w in keyWords[distinct[b.value]] { forWord[w, default: 0] += write; againstWord[w, default: 0] += omit }
        }
        var kept = Set<String>()
        if options.omissionWeight == nil && nameTerms.isEmpty {
            // Before any rates are known: a name two independent witnesses write is taken as true, since two stores
            // rarely invent the same name, and a name only one writes is not; this starting point favours neither
            // full nor cut lists, and the rates estimated from it take over in the next round.
            var groupsWriting: [String: Set<Int>] = [:]
            for b in scratch.best { for w in keyWords[distinct[b.value]] { groupsWriting[w, default: []].insert(b.group) } }
            let groups = Set(scratch.best.map(\.group)).count
            for (w, g) in groupsWriting where g.count >= min(2, groups) { kept.insert(w) }
        } else {
            for (w, f) in forWord where f > omitTotal - (againstWord[w] ?? 0) { kept.insert(w) }
        }
        var top = 0
        var topDistance = Int.max
        for i in distinct.indices {
            let words = keyWords[distinct[i]]
            let distance = words.symmetricDifference(kept).count
            let better = distance < topDistance
                || (distance == topDistance && (scratch.score[i] > scratch.score[top] + 1e-12
                    || (abs(scratch.score[i] - scratch.score[top]) <= 1e-12 && keys[distinct[i]] < keys[distinct[top]])))
            if better { top = i; topDistance = distance }
        }
        return top
    }

    /// Merges into one group the sources that agree almost everywhere and share most of their errors.
    mutating func detectCopies() {
        let n = feed.sources.count
        guard n > 1 else { return }
        struct PairStats { var shared = 0, agree = 0, eitherWrong = 0, sameWrong = 0 }
        var stats: [Int: PairStats] = [:]
        for item in votes.indices {
            let list = votes[item]
            guard list.count >= 2 else { continue }
            let w = winner[item]
            for i in 0..<(list.count - 1) {
                for j in (i + 1)..<list.count {
                    let a = list[i], b = list[j]
                    let key = min(a.source, b.source) &* n &+ max(a.source, b.source)
                    var st = stats[key] ?? PairStats()
                    st.shared += 1
                    if a.key == b.key { st.agree += 1 }
                    // Independent sources rarely make the same mistake; copies share theirs.
                    if a.key != w || b.key != w {
                        st.eitherWrong += 1
                        if a.key == b.key { st.sameWrong += 1 }
                    }
                    stats[key] = st
                }
            }
        }
        // Groups found before (identical sources) stay merged.
        var parent = group
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        for (key, st) in stats.sorted(by: { $0.key < $1.key }) {
            guard st.shared >= options.copyMinimumShared, st.eitherWrong >= 3,
                  Double(st.agree) >= options.copyAgreement * Double(st.shared),
                  Double(st.sameWrong) >= options.copySharedErrors * Double(st.eitherWrong) else { continue }
            let a = find(key / n), b = find(key % n)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        group = (0..<n).map { find($0) }
    }

    /// Merges sources that give the same normal form on every item they share, over at least `copyMinimumShared` items.
    mutating func groupIdenticalSources() {
        let n = feed.sources.count
        guard n > 1 else { return }
        var shared: [Int: Int] = [:]
        var differ = Set<Int>()
        for list in votes where list.count >= 2 {
            for i in 0..<(list.count - 1) {
                for j in (i + 1)..<list.count {
                    let a = list[i], b = list[j]
                    let key = min(a.source, b.source) &* n &+ max(a.source, b.source)
                    if a.key != b.key { differ.insert(key) } else { shared[key, default: 0] += 1 }
                }
            }
        }
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        for (key, count) in shared.sorted(by: { $0.key < $1.key }) where count >= options.copyMinimumShared && !differ.contains(key) {
            let a = find(key / n), b = find(key % n)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        group = (0..<n).map { find($0) }
    }

    /// Copy groups with more than one member, as source names.
    var copyGroups: [[String]] {
        Dictionary(grouping: group.indices, by: { group[$0] }).values
            .filter { $0.count > 1 }.map { $0.map { feed.sources[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// One row per item: the winning value as its most accurate supporter wrote it.
    func winners() -> [(object: String, attribute: String, value: String)] {
        var rows: [(object: String, attribute: String, value: String)] = []
        rows.reserveCapacity(feed.items.count)
        for item in feed.items.indices {
            let w = winner[item]
            var raw = fallbackRaw[item]
            if w >= 0 {
                var bestAccuracy = -1.0
                for v in votes[item] where v.key == w {
                    let a = accuracy[v.source]
                    if a > bestAccuracy + 1e-12 || (abs(a - bestAccuracy) <= 1e-12 && feed.raws[v.raw] < feed.raws[raw]) {
                        bestAccuracy = a; raw = v.raw
                    }
                }
            }
            guard raw >= 0 else { continue }
            rows.append((feed.items[item].object, feed.items[item].attribute, feed.raws[raw]))
        }
        return rows
    }
}
