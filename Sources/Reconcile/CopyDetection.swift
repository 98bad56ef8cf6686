import ClaimModel
import Foundation

/// Near-duplicate text between documents of different sources, found without comparing every pair of documents.
///
/// The plain method compares each pair's word 5-grams, which is quadratic in the number of documents: a nightly corpus
/// of 100,000 articles is 5·10⁹ pairs. Here documents are taken in id order and put into clusters of near-duplicates;
/// an inverted index maps each 5-gram to the clusters holding it, and a document is compared only with the indexed
/// members of clusters that a prefix lookup (see `nearDuplicates`) shows could hold a near-duplicate of it. Each
/// cluster indexes at most `indexedPerCluster` members, and 5-grams held by more than `commonGramClusters` clusters
/// (boilerplate shared by unrelated articles) are not looked up.
///
/// While no cluster is larger than that and no 5-gram that common, every pair of near-duplicates is compared, so the
/// result equals the pairwise method's. Beyond it a new document meets a large cluster through its first members only,
/// which is enough to join the cluster and link its source to the cluster's sources (witness classes are unions, so a
/// copy found through any member links the same classes).
enum CopyDetection {
    /// Members of one cluster that later documents are compared with.
    static let indexedPerCluster = 32
    /// A 5-gram held by more clusters than this is boilerplate and is not looked up.
    static let commonGramClusters = 512
    /// Documents whose 5-grams are computed together (in parallel) before they are matched one by one.
    static let chunk = 2048

    /// A word 5-gram's hash. 32 bits keep the 5-grams of every indexed document in half the memory of 64; two 5-grams
    /// of a pair of 800-gram texts then share a hash by chance with odds of about 1 in 7,000, which moves the pair's
    /// overlap by one 5-gram in 800.
    typealias Gram = UInt32

    /// Sorted distinct hashes of the word `size`-grams of a text (words: runs of letters and digits, lower-cased).
    static func shingles(_ text: String, size: Int = 5) -> [Gram] {
        var hashes: [Gram] = []
        var ascii = true
        for b in text.utf8 where b >= 0x80 { ascii = false; break }
        if ascii {
            // Fast path: the same words as the Character-based split below, read byte by byte.
            var words: [UInt64] = []
            words.reserveCapacity(text.utf8.count / 5)
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var inWord = false
            for var b in text.utf8 {
                let isDigit = b >= 0x30 && b <= 0x39
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                let isLetter = b >= 0x61 && b <= 0x7A
                if isDigit || isLetter {
                    h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                    inWord = true
                } else if inWord {
                    words.append(h); h = 0xcbf2_9ce4_8422_2325; inWord = false
                }
            }
            if inWord { words.append(h) }
            hashes = grams(words, size: size)
        } else {
            hashes = grams(scalarWords(text), size: size)
        }
        hashes.sort()
        var out: [Gram] = []
        out.reserveCapacity(hashes.count)
        for h in hashes where out.last != h { out.append(h) }
        return out
    }

    /// Word hashes of a text with non-ASCII letters, read scalar by scalar: the words of the text lower-cased and split
    /// into runs of characters that are letters or digits (`Character.isLetter`, `isNumber`), without building
    /// `Character`s (ScaleEquivalenceTests compare the two).
    ///
    /// A character is a letter or digit when its first scalar is alphabetic or numeric; the marks and joiners that
    /// extend a character (combining accents, vowel signs) go with the scalar before them, inside or outside a word.
    static func scalarWords(_ text: String) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(text.utf8.count / 6)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        func add(_ scalar: Unicode.Scalar) {
            let properties = scalar.properties
            if properties.changesWhenLowercased {
                for b in properties.lowercaseMapping.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            } else {
                for b in UTF8.encode(scalar)! { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
        }
        // Nothing extends a control character or the start of the text: a mark there is a character of its own.
        var afterControl = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                afterControl = v < 0x20 || v == 0x7F
                var b = UInt8(v)
                let isDigit = b >= 0x30 && b <= 0x39
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if isDigit || (b >= 0x61 && b <= 0x7A) {
                    h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                    inWord = true
                } else if inWord {
                    words.append(h); h = 0xcbf2_9ce4_8422_2325; inWord = false
                }
                continue
            }
            let properties = scalar.properties
            let wasAfterControl = afterControl
            switch properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: afterControl = true
            default: afterControl = false
            }
            if !wasAfterControl, extendsCharacter(scalar) {
                if inWord { add(scalar) }
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                add(scalar)
                inWord = true
            } else if inWord {
                words.append(h); h = 0xcbf2_9ce4_8422_2325; inWord = false
            }
        }
        if inWord { words.append(h) }
        return words
    }

    /// Whether a scalar continues the character before it rather than starting one (grapheme extenders and joiners).
    private static func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200D || scalar.value == 0x200C || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    /// Hashes of each run of `size` consecutive word hashes.
    private static func grams(_ words: [UInt64], size: Int) -> [Gram] {
        guard words.count >= size else { return [] }
        var out: [Gram] = []
        out.reserveCapacity(words.count - size + 1)
        for i in 0...(words.count - size) {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for w in words[i..<(i + size)] { h = (h ^ w) &* 0xff51_afd7_ed55_8ccd; h ^= h >> 32 }
            out.append(Gram(truncatingIfNeeded: h >> 32))
        }
        return out
    }

    /// Elements two sorted, distinct arrays share.
    static func sharedCount(_ a: [Gram], _ b: [Gram]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            if x == y { n += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        return n
    }

    /// The fewest 5-grams two texts must share to count as near-duplicates when the smaller has `size` of them: the
    /// least whole number at or above `overlap · size`, and at least one.
    static func needed(_ size: Int, overlap: Double) -> Int {
        max(1, Int((overlap * Double(size)).rounded(.up)))
    }

    /// How many of a text's 5-grams, taken in `rarity` order, must be looked up so that any text it shares `needed`
    /// of them with shares one among these: all but `needed - 1` (pigeonhole).
    static func prefixLength(_ size: Int, overlap: Double) -> Int {
        max(0, size - needed(size, overlap: overlap) + 1)
    }

    /// Estimated document frequency of 5-grams over a whole corpus: a counter per hash bucket, so two 5-grams in one
    /// bucket count together. Only the order it gives matters (rare first), and any fixed order keeps the lookups
    /// complete; a collision only makes a 5-gram look commoner than it is.
    struct Rarity {
        private var counts: [UInt16]
        private let mask: Int

        init(buckets: Int) {
            var size = 1
            while size < buckets { size <<= 1 }
            counts = [UInt16](repeating: 0, count: size)
            mask = size - 1
        }

        mutating func add(_ grams: [Gram]) {
            counts.withUnsafeMutableBufferPointer { c in
                for s in grams {
                    let k = Int(s) & mask
                    if c[k] < .max { c[k] += 1 }
                }
            }
        }

        func count(_ s: Gram) -> UInt16 { counts[Int(s) & mask] }

        /// The first `length` of `grams` in order of rarity (estimated frequency, then hash).
        func rarest(_ grams: [Gram], _ length: Int) -> [Gram] {
            guard length < grams.count else { return grams }
            var keyed = grams.map { (count($0), $0) }
            keyed.sort { $0 < $1 }
            return keyed.prefix(length).map(\.1)
        }
    }

    /// Calls `found(i, j)` (i < j, indexes into `documents`) for pairs of documents of different sources whose texts
    /// share at least `overlap` of the smaller one's 5-grams, as described on the type.
    ///
    /// Lookups are cut with prefix filtering. Two texts of `a ≤ b` 5-grams that are near-duplicates share at least
    /// `k = needed(a)` of them, so any `a - k + 1` of the smaller text's 5-grams include a shared one. A document is
    /// therefore looked up twice: its rarest `prefixLength` 5-grams among every indexed 5-gram (finds the indexed
    /// documents at least as large), and all its 5-grams among the indexed documents' own rarest `prefixLength`
    /// 5-grams (finds the smaller ones). Rare 5-grams have short postings and common ones seldom stand in a prefix, so
    /// both lookups read far fewer postings than every 5-gram against every indexed 5-gram; rarity is counted over the
    /// whole corpus in a first pass, so the order is the same for every document.
    ///
    /// `settled(i, j)` tells whether the pair could still change the result; a pair it rules out is compared only when
    /// the document has not yet joined a cluster.
    @discardableResult
    static func nearDuplicates(documents: [Document], names: [String?], overlap: Double,
                               settled: (Int, Int) -> Bool, found: (Int, Int) -> Void) -> Stats {
        var stats = Stats()
        let n = documents.count
        var parent: [Int] = []            // cluster union-find
        var members: [[Int]] = []         // indexed documents per cluster root
        var index: [Gram: [Int32]] = [:]        // every 5-gram of indexed documents -> clusters
        var prefixes: [Gram: [Int32]] = [:]     // the rarest `prefixLength` 5-grams of indexed documents -> clusters
        var kept: [Int: [Gram]] = [:]   // 5-grams of indexed documents
        var mark: [Int] = []
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        /// 5-grams of documents `range`, computed in parallel (empty for documents without a source).
        func shingled(_ range: Range<Int>) -> [[Gram]] {
            var grams = [[Gram]](repeating: [], count: range.count)
            let base = range.lowerBound
            grams.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes its own slot.
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: range.count) { k in
                    out[k] = names[base + k] == nil ? [] : shingles(documents[base + k].text)
                }
            }
            return grams
        }
        // First pass: how common each 5-gram is in the whole corpus.
        var rarity = Rarity(buckets: min(1 << 24, max(1 << 12, n * 256)))
        var start = 0
        while start < n {
            let end = min(n, start + chunk)
            for g in shingled(start..<end) { rarity.add(g) }
            start = end
        }
        start = 0
        while start < n {
            let end = min(n, start + chunk)
            let grams = shingled(start..<end)
            for i in start..<end {
                let g = grams[i - start]
                guard names[i] != nil, !g.isEmpty else { continue }
                let stamp = i + 1
                let prefix = rarity.rarest(g, prefixLength(g.count, overlap: overlap))
                var candidates: [Int] = []
                // Indexed documents at least as large as this one share a 5-gram of its prefix (pass 0); smaller
                // ones hold a 5-gram of this document in their own prefix (pass 1).
                for pass in 0..<2 {
                    for s in pass == 0 ? prefix : g {
                        guard let posting = pass == 0 ? index[s] : prefixes[s] else { continue }
                        guard posting.count <= commonGramClusters else { stats.common += 1; continue }
                        stats.postings += posting.count
                        for c in posting {
                            let r = find(Int(c))
                            if mark[r] != stamp { mark[r] = stamp; candidates.append(r) }
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
                        let shared = sharedCount(g, other)
                        if Double(shared) >= overlap * Double(min(g.count, other.count)) {
                            found(j, i)
                            hit = true
                        }
                    }
                    if hit { joined.append(r) }
                }
                // Join (and merge) the matched clusters, or start a new one.
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
                let id = Int32(root)
                for s in g {
                    if let last = index[s]?.last, find(Int(last)) == root { continue }
                    index[s, default: []].append(id)
                }
                for s in prefix {
                    if let last = prefixes[s]?.last, find(Int(last)) == root { continue }
                    prefixes[s, default: []].append(id)
                }
            }
            start = end
        }
        stats.clusters = parent.count
        return stats
    }

    /// What the index saved: how many postings were read (and 5-grams skipped as too common), clusters considered,
    /// and document pairs compared (for the run log and the scale notes).
    struct Stats: Sendable, CustomStringConvertible {
        var postings = 0
        var common = 0
        var candidates = 0
        var comparisons = 0
        var clusters = 0
        var description: String {
            "\(clusters) clusters, \(postings) postings read (\(common) too common to read), \(candidates) candidate "
                + "clusters, \(comparisons) document pairs compared"
        }
    }
}
