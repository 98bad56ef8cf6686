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

    init(feed: FeedTable, options: Fuser.Options) {
        self.feed = feed
        self.options = options
        accuracy = Array(repeating: options.prior, count: feed.sources.count)
        group = Array(0..<feed.sources.count)
        winner = Array(repeating: -1, count: feed.items.count)
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
    mutating func run() {
        iterate(rounds: max(1, options.iterations))
        detectCopies()
        accuracy = Array(repeating: options.prior, count: feed.sources.count)
        iterate(rounds: max(1, options.iterations))
    }

    /// Rounds of: score values with current accuracies, then re-estimate accuracies from value probabilities.
    mutating func iterate(rounds: Int) {
        var scratch = Scratch()
        for _ in 0..<rounds {
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
        }
    }

    /// Per-item working arrays, reused across items so the vote allocates little.
    struct Scratch {
        var distinct: [Int] = []
        var score: [Double] = []
        var probability: [Double] = []
        /// Strongest vote per (copy group, value index) seen in the item.
        var best: [(group: Int, value: Int, weight: Double)] = []
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
                if weight > scratch.best[i].weight { scratch.best[i].weight = weight }
            } else {
                scratch.best.append((g, value, weight))
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

    /// Picks the name list closest to the names most witnesses include.
    ///
    /// Why: stores often cut a list after the first author, so leaving a name out is weaker evidence
    /// against it (`omissionWeight`) than writing it is for it.
    func chooseNameList(scratch: Scratch) -> Int {
        let distinct = scratch.distinct
        var total = 0.0
        var forWord: [String: Double] = [:]
        for b in scratch.best {
            total += b.weight
            for w in keyWords[distinct[b.value]] { forWord[w, default: 0] += b.weight }
        }
        var kept = Set<String>()
        for (w, f) in forWord where f > options.omissionWeight * (total - f) { kept.insert(w) }
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
        var parent = Array(0..<n)
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
