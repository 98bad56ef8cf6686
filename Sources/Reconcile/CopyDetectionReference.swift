import ClaimModel

extension CopyDetection {
    /// Copy detection's index as first written, kept beside `nearDuplicates` as its reference: the same prefix
    /// filtering and clusters, with 5-grams made in each pass, posting lists in two `[Gram: [Int32]]` of cluster ids
    /// read one after the other, one document at a time on one core, and pairs compared with a sorted merge.
    ///
    /// Runs never use it. `CopyDetectionTests` check that `nearDuplicates` makes the same `found` calls in the same
    /// order and counts the same, and `ReconcileBenchmark` measures the two in one process on the same documents.
    /// It reads `texts` by subscript only, so a releasing `Texts` keeps its texts until it is let go of.
    static func plainNearDuplicates(texts: Texts, names: [String?], overlap: Double,
                                    settled: (Int, Int) -> Bool, found: (Int, Int) -> Void) -> Stats {
        var stats = Stats()
        let grams = (0..<texts.count).map { names[$0] == nil ? [] : shingles(texts[$0]) }
        var rarity = Rarity(buckets: min(1 << 24, max(1 << 12, texts.count * 256)))
        for g in grams { rarity.add(g) }
        var parent: [Int] = [], members: [[Int]] = [], mark: [Int] = []
        var index: [Gram: [Int32]] = [:], prefixes: [Gram: [Int32]] = [:], kept: [Int: [Gram]] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { x = parent[x] }
            return x
        }
        for i in grams.indices {
            let g = grams[i]
            guard names[i] != nil, !g.isEmpty else { continue }
            let length = prefixLength(g.count, overlap: overlap)
            let prefix = Array(g.sorted { (rarity.count($0), $0) < (rarity.count($1), $1) }.prefix(length))
            // Larger indexed documents through this one's prefix, smaller ones through their own prefixes.
            var candidates: [Int] = []
            for (lists, keys) in [(index, prefix), (prefixes, g)] {
                for s in keys {
                    guard let posting = lists[s] else { continue }
                    guard posting.count <= commonGramClusters else { stats.common += 1; continue }
                    stats.postings += posting.count
                    for c in posting where mark[find(Int(c))] != i + 1 {
                        mark[find(Int(c))] = i + 1
                        candidates.append(find(Int(c)))
                    }
                }
            }
            candidates.sort()
            stats.candidates += candidates.count
            var joined: [Int] = []
            for r in candidates {
                var hit = false
                for j in members[r] where names[j] != names[i] {
                    guard joined.isEmpty || !settled(j, i), let other = kept[j] else { continue }
                    stats.comparisons += 1
                    if Double(sharedCount(g, other)) >= overlap * Double(min(g.count, other.count)) {
                        found(j, i)
                        hit = true
                    }
                }
                if hit { joined.append(r) }
            }
            // Clusters the document matched merge into the first; it starts a cluster of its own when it matched none.
            let root: Int
            if let first = joined.first {
                root = first
                for r in joined.dropFirst() {
                    parent[r] = root
                    members[root] += members[r]
                    members[r] = []
                }
                if members[root].count > indexedPerCluster {
                    for j in members[root][indexedPerCluster...] { kept[j] = nil }
                    members[root].removeLast(members[root].count - indexedPerCluster)
                }
            } else {
                root = parent.count
                parent.append(root); members.append([]); mark.append(0)
            }
            guard members[root].count < indexedPerCluster else { continue }
            members[root].append(i)
            kept[i] = g
            for s in g where index[s]?.last.map({ find(Int($0)) }) != root { index[s, default: []].append(Int32(root)) }
            for s in prefix where prefixes[s]?.last.map({ find(Int($0)) }) != root {
                prefixes[s, default: []].append(Int32(root))
            }
        }
        stats.clusters = parent.count
        return stats
    }
}
