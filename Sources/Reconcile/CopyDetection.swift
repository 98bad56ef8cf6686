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
    /// Documents whose 5-grams are counted together (in parallel) in the first pass, which finds how rare each is.
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
        var out: [Gram] = []
        out.reserveCapacity(hashes.count)
        for h in sortedByBytes(hashes) where out.last != h { out.append(h) }
        return out
    }

    /// `values` in ascending order, by four counting passes over their bytes, least significant first: a comparison
    /// sort took about 18 µs of a document's 5-grams at 100,000 documents, more than finding them.
    static func sortedByBytes(_ values: [Gram]) -> [Gram] {
        guard values.count >= 64 else { return values.sorted() }
        var sorted = values
        var spare = [Gram](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 256)
        sorted.withUnsafeMutableBufferPointer { first in
            spare.withUnsafeMutableBufferPointer { second in
                counts.withUnsafeMutableBufferPointer { counts in
                    var from = first, to = second
                    for shift in stride(from: Gram(0), to: 32, by: 8) {
                        counts.update(repeating: 0)
                        for x in from { counts[Int((x >> shift) & 0xFF)] += 1 }
                        var total = 0
                        for b in 0..<256 { (counts[b], total) = (total, total + counts[b]) }
                        for x in from {
                            let b = Int((x >> shift) & 0xFF)
                            to[counts[b]] = x
                            counts[b] += 1
                        }
                        swap(&from, &to)
                    }
                }
            }
        }
        // Four passes leave the values where they started.
        return sorted
    }

    /// The `k`-th smallest of `values` (from 0), which are left partly reordered: quickselect, a linear-time step where
    /// a sort would be n log n.
    static func select(_ values: inout [UInt64], _ k: Int) -> UInt64 {
        precondition(values.indices.contains(k))
        return values.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1
            while lo < hi {
                // Median of the first, middle and last as the pivot.
                let x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi]
                let pivot = max(min(x, y), min(max(x, y), z))
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now a[lo...j] ≤ pivot ≤ a[i...hi], and anything between equals the pivot.
                if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
            }
            return a[lo]
        }
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
        func add(_ scalar: Unicode.Scalar, _ kind: UInt8) {
            if kind & ScalarKind.cased != 0 {
                for b in scalar.properties.lowercaseMapping.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
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
            let kind = v < 0x10000 ? ScalarKind.basic[Int(v)] : ScalarKind.of(scalar)
            let wasAfterControl = afterControl
            afterControl = kind & ScalarKind.control != 0
            if !wasAfterControl, kind & ScalarKind.extends != 0 {
                if inWord { add(scalar, kind) }
                continue
            }
            if kind & ScalarKind.word != 0 {
                add(scalar, kind)
                inWord = true
            } else if inWord {
                words.append(h); h = 0xcbf2_9ce4_8422_2325; inWord = false
            }
        }
        if inWord { words.append(h) }
        return words
    }

    /// What `scalarWords` asks of a scalar, as bits of a byte.
    private enum ScalarKind {
        /// A control character or a line or paragraph separator: nothing extends it.
        static let control: UInt8 = 1
        /// Continues the character before it rather than starting one (grapheme extenders and joiners).
        static let extends: UInt8 = 2
        /// A letter or digit: alphabetic, or with a numeric type.
        static let word: UInt8 = 4
        /// Changes when lower-cased.
        static let cased: UInt8 = 8

        static func of(_ scalar: Unicode.Scalar) -> UInt8 {
            let properties = scalar.properties
            var kind: UInt8 = 0
            switch properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: kind |= control
            case .nonspacingMark, .spacingMark, .enclosingMark: kind |= extends
            default: break
            }
            if scalar.value == 0x200D || scalar.value == 0x200C || (0xFE00...0xFE0F).contains(scalar.value) {
                kind |= extends
            }
            if properties.isAlphabetic || properties.numericType != nil { kind |= word }
            if properties.changesWhenLowercased { kind |= cased }
            return kind
        }

        /// The kind of every scalar below U+10000, worked out once (surrogates, which are no scalars, get 0): asking
        /// the properties took most of the time of reading non-ASCII text.
        static let basic: [UInt8] = (0..<0x10000).map { Unicode.Scalar(UInt32($0)).map(of) ?? 0 }
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

        /// Which of `grams` (distinct) are its first `length` in order of rarity (estimated frequency, then hash):
        /// those whose key is at most the `length`-th smallest.
        func rarestMask(_ grams: [Gram], _ length: Int) -> [Bool] {
            guard length < grams.count else { return [Bool](repeating: true, count: grams.count) }
            guard length > 0 else { return [Bool](repeating: false, count: grams.count) }
            let keys = grams.map { UInt64(count($0)) << 32 | UInt64($0) }
            var work = keys
            let last = CopyDetection.select(&work, length - 1)
            return keys.map { $0 <= last }
        }
    }

    /// Calls `found(i, j)` (i < j, indexes into `texts`) for pairs of documents of different sources whose texts
    /// share at least `overlap` of the smaller one's 5-grams, as described on the type. A `Texts` made `releasing` lets
    /// go of each text once its document is prepared for matching, so the texts are freed while the index grows.
    ///
    /// Lookups are cut with prefix filtering. Two texts of `a ≤ b` 5-grams that are near-duplicates share at least
    /// `k = needed(a)` of them, so any `a - k + 1` of the smaller text's 5-grams include a shared one. A document is
    /// therefore looked up twice: its rarest `prefixLength` 5-grams among every indexed 5-gram (finds the indexed
    /// documents at least as large), and all its 5-grams among the indexed documents' own rarest `prefixLength`
    /// 5-grams (finds the smaller ones). Rare 5-grams have short postings and common ones seldom stand in a prefix, so
    /// both lookups read far fewer postings than every 5-gram against every indexed 5-gram; rarity is counted over the
    /// whole corpus in a first pass, so the order is the same for every document.
    ///
    /// Documents are matched in id order, each against the clusters the earlier ones left, `block` at a time: first
    /// the whole block is looked up on both cores against the index as the block starts (the lists read and the
    /// members compared, `Snapshot`), then its documents are matched one by one (`Matcher`), adding what the block's
    /// earlier documents put in the index since. The other core prepares documents ahead meanwhile (`Work`).
    ///
    /// `settled(i, j)` tells whether the pair could still change the result; a pair it rules out is compared only when
    /// the document has not yet joined a cluster.
    @discardableResult
    static func nearDuplicates(texts: Texts, names: [String?], overlap: Double,
                               settled: (Int, Int) -> Bool, found: (Int, Int) -> Void) -> Stats {
        let n = texts.count
        // First pass: how common each 5-gram is in the whole corpus.
        var counting = Rarity(buckets: min(1 << 24, max(1 << 12, n * 256)))
        var start = 0
        while start < n {
            let end = min(n, start + chunk)
            var grams = [[Gram]](repeating: [], count: end - start)
            grams.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes its own slot.
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: end - start) { [start] k in
                    out[k] = names[start + k] == nil ? [] : shingles(texts[start + k])
                }
            }
            for g in grams { counting.add(g) }
            start = end
        }
        let rarity = counting
        guard n > 0 else { return Stats() }

        // Sources as small numbers, so the matcher compares integers rather than strings (-1: no source).
        var sourceIDs: [String: Int] = [:]
        let sources = names.map { name -> Int in
            guard let name else { return -1 }
            if let id = sourceIDs[name] { return id }
            sourceIDs[name] = sourceIDs.count
            return sourceIDs.count - 1
        }
        let work = Work(count: n) { i in
            // The second and last read of the text: a releasing `Texts` empties its slot.
            let text = texts.lastRead(i)
            guard names[i] != nil else { return (Grams(start: nil, count: 0), []) }
            let g = shingles(text)
            // In memory of its own, which the matcher keeps if it indexes the document (allocated here, on the
            // preparing thread, as the 5-grams were before).
            let grams = Grams.allocate(capacity: g.count)
            _ = grams.initialize(from: g)
            return (grams, rarity.rarestMask(g, prefixLength(g.count, overlap: overlap)))
        }
        defer { work.finish() }
        var matcher = Matcher(sources: sources, overlap: overlap)
        defer { matcher.deallocate() }
        start = 0
        while start < n {
            let end = min(n, start + block)
            matcher.lookUp(start..<end, work: work)
            for i in start..<end {
                let (g, inPrefix) = work.prepared(i)
                let indexed = !g.isEmpty && matcher.match(i, g, inPrefix, settled: settled, found: found)
                work.release(i, keeping: indexed)
            }
            start = end
        }
        matcher.stats.clusters = matcher.parent.count
        return matcher.stats
    }

    /// A document's 5-grams (sorted, distinct) in memory of their own, freed by whoever holds them last.
    typealias Grams = UnsafeMutableBufferPointer<Gram>

    /// Documents looked up together against the index as it stood before them. A list is read then only if the
    /// block's earlier documents could not take it past `commonGramClusters` (it is read when the document is matched
    /// otherwise), so the block is far smaller than that.
    static let block = 64

    /// What a block's look-up found for one document, against the index as the block started.
    private struct Lookup {
        /// Per 5-gram: the slot holding it, or (as `~slot`) the empty slot where it would have gone.
        var places: [Int32] = []
        /// Cluster ids in the lists read, each once.
        var listed: [Int32] = []
        /// Lists left to read when the document is matched, as `2·k` (the all-list of 5-gram k) or `2·k + 1` (its
        /// prefix list), in increasing order.
        var deferred: [Int32] = []
        /// Postings in the lists looked up (read, or only counted), and lists too common to read.
        var postings = 0
        var common = 0
        /// Members of the clusters found, compared: `j << 1 | 1` when document j is a near-duplicate, `j << 1` when
        /// not.
        var verdicts: [Int] = []
        /// 5-grams not in the index (the most the document can add to it).
        var absent = 0
    }

    /// A thread's own buffers for look-ups.
    private struct Scratch {
        /// A number per look-up (a block looked up again after the index grew gets new ones).
        var stamp: UInt32 = 0
        /// Per cluster id: the stamp of the last look-up that listed it (and, apart, whose candidate it was).
        var listedMark: [UInt32] = []
        var rootMark: [UInt32] = []
        var lists: [PostingIndex.List] = []
        var own = GramSet()
    }

    /// The clusters, members and index as a block starts, read by both cores while the block is looked up (nothing is
    /// written to them until every look-up is done).
    private struct Snapshot: @unchecked Sendable {
        let index: PostingIndex
        let parent: UnsafeBufferPointer<Int32>
        let members: UnsafeBufferPointer<Int32>
        let memberCounts: UnsafeBufferPointer<UInt8>
        let kept: UnsafeBufferPointer<Grams>
        let sources: UnsafeBufferPointer<Int>
        let overlap: Double
        let blockStart: Int

        /// Looks document `i` up: the lists its 5-grams lead to (those the block's earlier documents could take
        /// past the common limit are left for later), the cluster ids in them, and how it compares with the members
        /// of those clusters.
        func lookUp(_ i: Int, _ g: Grams, _ inPrefix: [Bool], _ scratch: inout Scratch) -> Lookup {
            var found = Lookup()
            guard !g.isEmpty else { return found }
            scratch.stamp += 1
            let stamp = scratch.stamp
            // Earlier documents of the block add at most one id per list each before this one is matched.
            let room = commonGramClusters - (i - blockStart)
            // Every 5-gram's slot first, in a loop of its own: the probes do not depend on each other, so their cache
            // misses overlap; the slots are in cache for what follows.
            found.places.reserveCapacity(g.count)
            for s in g { found.places.append(Int32(index.place(of: s))) }
            scratch.lists.removeAll(keepingCapacity: true)
            for k in g.indices {
                let place = Int(found.places[k])
                guard let lists = index.lists(at: place) else {
                    found.places[k] = ~Int32(place)
                    found.absent += 1
                    continue
                }
                /// Reads a list now, or leaves it for later, or counts it as common; true when read now.
                func consider(_ list: PostingIndex.List, _ code: Int) -> Bool {
                    if list.count == 0 { return false }
                    if Int(list.count) > commonGramClusters {
                        found.common += 1
                    } else if Int(list.count) > room {
                        found.deferred.append(Int32(code))
                    } else {
                        found.postings += Int(list.count)
                        scratch.lists.append(list)
                        return true
                    }
                    return false
                }
                let allRead = inPrefix[k] && consider(lists.all, 2 * k)
                // The clusters of a 5-gram's prefix list are among those of its list of all (see
                // `PostingIndex.add`), so when that one is read in full the prefix list is only counted.
                if allRead && Int(lists.prefix.count) <= room {
                    found.postings += Int(lists.prefix.count)
                } else {
                    _ = consider(lists.prefix, 2 * k + 1)
                }
            }
            scratch.listedMark.withUnsafeMutableBufferPointer { mark in
                for list in scratch.lists {
                    for c in index.postings(list) where mark[Int(c)] != stamp {
                        mark[Int(c)] = stamp
                        found.listed.append(c)
                    }
                }
            }
            // Compare with the members of the clusters listed (as they stand now; the matcher compares any others).
            var filled = false
            for c in found.listed {
                var r = Int(c)
                while parent[r] != Int32(r) { r = Int(parent[r]) }
                guard scratch.rootMark[r] != stamp else { continue }
                scratch.rootMark[r] = stamp
                for m in 0..<Int(memberCounts[r]) {
                    let j = Int(members[r * indexedPerCluster + m])
                    guard sources[j] != sources[i] else { continue }
                    if !filled { scratch.own.fill(UnsafeBufferPointer(g)); filled = true }
                    let other = kept[j]
                    let near = scratch.own.shares(overlap * Double(min(g.count, other.count)), of: UnsafeBufferPointer(other))
                    found.verdicts.append(j << 1 | (near ? 1 : 0))
                }
            }
            return found
        }
    }

    /// The clusters of the documents matched so far and the index of their indexed members' 5-grams.
    private struct Matcher {
        let sources: [Int]
        let overlap: Double
        var stats = Stats()
        /// Cluster union-find.
        var parent: [Int32] = []
        /// Indexed documents per cluster root, `indexedPerCluster` places each, and how many there are.
        var members: [Int32] = []
        var memberCounts: [UInt8] = []
        /// 5-grams of indexed documents -> clusters (all of them, and those of prefixes).
        var index = PostingIndex()
        /// 5-grams of indexed documents, by document (empty for the others).
        var kept: [Grams]
        /// Per cluster id: the stamp of the last document that listed it.
        var mark: [UInt32] = []
        /// Per document: the stamp of the document whose look-up compared it, and the verdict.
        var verdictStamp: [UInt32]
        var verdict: [Bool]
        /// The current block's look-ups, and each thread's buffers for them.
        var lookups: [Lookup] = []
        var lookupStart = 0
        var scratch = [Scratch(), Scratch()]
        /// Cluster ids the current document's lists hold, each once.
        var listed: [Int32] = []
        /// Per 5-gram of the current document: its lists already lead to its cluster (nothing to add).
        var unchanged: [Bool] = []
        var candidates: [Int] = []
        /// The current document's 5-grams, for comparing it with members its look-up did not.
        var own = GramSet()

        init(sources: [Int], overlap: Double) {
            self.sources = sources
            self.overlap = overlap
            kept = [Grams](repeating: Grams(start: nil, count: 0), count: sources.count)
            verdictStamp = [UInt32](repeating: 0, count: sources.count)
            verdict = [Bool](repeating: false, count: sources.count)
        }

        func deallocate() {
            index.deallocate()
            for k in kept { k.deallocate() }
        }

        mutating func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != Int32(x) { parent[x] = parent[Int(parent[x])]; x = Int(parent[x]) }
            return x
        }

        /// Looks up the documents of `range` on both cores (`work` prepares any not prepared yet), against the index
        /// as it stands; again after growing the index if their 5-grams could take it past its load limit, so that the
        /// places found stay valid while they are added.
        mutating func lookUp(_ range: Range<Int>, work: Work) {
            index.startBlock()
            for k in scratch.indices {
                if scratch[k].listedMark.count < parent.count {
                    scratch[k].listedMark += [UInt32](repeating: 0, count: parent.count - scratch[k].listedMark.count)
                    scratch[k].rootMark += [UInt32](repeating: 0, count: parent.count - scratch[k].rootMark.count)
                }
            }
            lookupStart = range.lowerBound
            while true {
                lookups = [Lookup](repeating: Lookup(), count: range.count)
                let snapshotIndex = index, overlap = overlap
                parent.withUnsafeBufferPointer { parent in
                    members.withUnsafeBufferPointer { members in
                        memberCounts.withUnsafeBufferPointer { memberCounts in
                            kept.withUnsafeBufferPointer { kept in
                                sources.withUnsafeBufferPointer { sources in
                                    lookups.withUnsafeMutableBufferPointer { out in
                                        scratch.withUnsafeMutableBufferPointer { scratch in
                                            let out = out, scratch = scratch
                                            let snapshot = Snapshot(index: snapshotIndex, parent: parent, members: members,
                                                                    memberCounts: memberCounts, kept: kept, sources: sources,
                                                                    overlap: overlap, blockStart: range.lowerBound)
                                            work.lookUp(range) { i, thread, g, inPrefix in
                                                out[i - range.lowerBound] = snapshot.lookUp(i, g, inPrefix, &scratch[thread])
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                let size = lookups.reduce(0) { $0 + $1.absent }
                if !index.needsGrowth(adding: size) { return }
                index.reserve(adding: size)
                index.startBlock()
            }
        }

        /// Matches document `i` (5-grams `g`, prefix `inPrefix`) against the clusters so far, then joins or starts one;
        /// true when it is indexed (and `g` is kept, to be freed with the matcher).
        mutating func match(_ i: Int, _ g: Grams, _ inPrefix: [Bool], settled: (Int, Int) -> Bool,
                            found: (Int, Int) -> Void) -> Bool {
            let stamp = UInt32(i + 1)
            let look = lookups[i - lookupStart]
            stats.postings += look.postings
            stats.common += look.common
            for v in look.verdicts {
                verdictStamp[v >> 1] = stamp
                verdict[v >> 1] = v & 1 == 1
            }
            // The ids listed by the look-up, then those the block's earlier documents added to the same lists since,
            // then the lists left for now.
            listed.removeAll(keepingCapacity: true)
            listed += look.listed
            for c in listed { mark[Int(c)] = stamp }
            var postings = 0
            func read(_ ids: UnsafeBufferPointer<Int32>) {
                postings += ids.count
                for c in ids where mark[Int(c)] != stamp {
                    mark[Int(c)] = stamp
                    listed.append(c)
                }
            }
            if index.blockAdded {
                let room = commonGramClusters - (i - lookupStart)
                var next = 0  // the next of `look.deferred`
                for k in g.indices {
                    let raw = look.places[k]
                    guard let slot = index.addedSlot(near: raw >= 0 ? Int(raw) : Int(~raw), key: g[k], present: raw >= 0)
                    else { continue }
                    // As in the look-up: the list of all read in full (its length then within `room`) makes the
                    // prefix list's additions only counted.
                    let allRead = inPrefix[k] && Int(index.lengthsBefore(at: slot).all) <= room
                    for code in [2 * k, 2 * k + 1] {
                        while next < look.deferred.count && Int(look.deferred[next]) < code { next += 1 }
                        if next < look.deferred.count && Int(look.deferred[next]) == code { continue }
                        if code & 1 == 0 && !inPrefix[k] { continue }
                        let ids = index.added(at: slot, prefix: code & 1 == 1)
                        if code & 1 == 1 && allRead { postings += ids.count } else { read(ids) }
                    }
                }
            }
            for code in look.deferred {
                let k = Int(code >> 1)
                // Only lists there as the block started are left for later, so their 5-gram's slot is the one found.
                guard let lists = index.lists(at: Int(look.places[k])) else { continue }
                let list = code & 1 == 0 ? lists.all : lists.prefix
                if Int(list.count) > commonGramClusters { stats.common += 1 } else { read(index.postings(list)) }
            }
            stats.postings += postings
            // The clusters the listed ids now belong to (ids of merged clusters lead to their root), each once.
            candidates.removeAll(keepingCapacity: true)
            for c in listed {
                let r = find(Int(c))
                if r == Int(c) || mark[r] != stamp { mark[r] = stamp; candidates.append(r) }
            }
            candidates.sort()
            stats.candidates += candidates.count
            var joined: [Int] = []
            var filled = false
            for r in candidates {
                var hit = false
                for m in 0..<Int(memberCounts[r]) {
                    let j = Int(members[r * indexedPerCluster + m])
                    guard sources[j] != sources[i], joined.isEmpty || !settled(j, i) else { continue }
                    stats.comparisons += 1
                    let near: Bool
                    if verdictStamp[j] == stamp {
                        near = verdict[j]
                    } else {
                        if !filled { own.fill(UnsafeBufferPointer(g)); filled = true }
                        near = own.shares(overlap * Double(min(g.count, kept[j].count)), of: UnsafeBufferPointer(kept[j]))
                    }
                    if near {
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
                    parent[r] = Int32(root)
                    // The root keeps its members and then the merged cluster's, up to `indexedPerCluster`.
                    for m in 0..<Int(memberCounts[r]) {
                        let j = members[r * indexedPerCluster + m]
                        if Int(memberCounts[root]) < indexedPerCluster {
                            members[root * indexedPerCluster + Int(memberCounts[root])] = j
                            memberCounts[root] += 1
                        } else {
                            kept[Int(j)].deallocate()
                            kept[Int(j)] = Grams(start: nil, count: 0)
                        }
                    }
                    memberCounts[r] = 0
                }
            } else {
                root = parent.count
                parent.append(Int32(root))
                memberCounts.append(0)
                members += [Int32](repeating: -1, count: indexedPerCluster)
                mark.append(0)
            }
            guard Int(memberCounts[root]) < indexedPerCluster else { return false }
            members[root * indexedPerCluster + Int(memberCounts[root])] = Int32(i)
            memberCounts[root] += 1
            kept[i] = g
            // A list whose last id is of this cluster already leads to it. Which lists of 5-grams already in the index
            // are such is found first, in a loop of its own: its loads do not depend on each other, so their cache
            // misses overlap, and the adds after find those slots in cache.
            parent.withUnsafeBufferPointer { parent in
                func leadsToRoot(_ last: Int32) -> Bool {
                    var x = Int(last)
                    while parent[x] != Int32(x) { x = Int(parent[x]) }
                    return x == root
                }
                unchanged.removeAll(keepingCapacity: true)
                for k in g.indices {
                    let place = look.places[k]
                    unchanged.append(place >= 0 && index.leads(at: Int(place), inPrefix: inPrefix[k], to: leadsToRoot))
                }
                for k in g.indices where !unchanged[k] {
                    let raw = look.places[k]
                    index.add(Int32(root), under: g[k], near: raw >= 0 ? Int(raw) : Int(~raw), inPrefix: inPrefix[k],
                              sameCluster: leadsToRoot)
                }
            }
            return true
        }
    }

    /// The work the other core shares: it prepares documents ahead (5-grams and prefix), and takes documents of a
    /// block's look-ups beside the matching thread, which has them first. One lock guards the claims; a document's
    /// slots are written by the one thread that claimed it and read after its claim is marked done.
    /// The texts copy detection reads, by document: each is read twice, by the first pass (at the same time from
    /// several threads, nothing written) and when its document is prepared (`lastRead`, once per document, from
    /// either thread). When `releasing`, the last read takes the text out, and if this held the only reference, its
    /// memory is freed then: at 100,000 documents the texts are about half a gigabyte, held until now through all of
    /// copy detection, whose peak was the run's.
    final class Texts: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<String>
        private let releasing: Bool

        init(_ texts: consuming [String], releasing: Bool) {
            storage = .allocate(capacity: texts.count)
            _ = storage.initialize(from: texts)
            self.releasing = releasing
        }

        deinit { storage.deinitialize().deallocate() }

        var count: Int { storage.count }

        /// Text `i`, for the first pass.
        subscript(i: Int) -> String { storage[i] }

        /// Text `i` for the last time; a releasing store keeps an empty string in its place.
        func lastRead(_ i: Int) -> String {
            let text = storage[i]
            if releasing { storage[i] = "" }
            return text
        }
    }

    final class Work: @unchecked Sendable {
        /// How far ahead of the block being matched documents are prepared (a few blocks: their 5-grams wait in memory).
        static let ahead = 256
        /// Places for prepared documents: document i's are at `i % ring`, as no more than `block + ahead` documents are
        /// prepared and not yet matched at a time.
        private static let ring = 512
        private let count: Int
        private let prepare: @Sendable (Int) -> (Grams, [Bool])
        private let condition = NSCondition()
        private let grams: UnsafeMutableBufferPointer<Grams>
        private let prefixes: UnsafeMutableBufferPointer<[Bool]>
        /// Per document: 0 not prepared, 1 being prepared, 2 prepared.
        private let state: UnsafeMutableBufferPointer<UInt8>
        private var nextPrepare = 0
        private var prepareLimit: Int
        /// The block being looked up: what to do per document, the next to take, and how many are not done.
        private var task: ((Int, Int, Grams, [Bool]) -> Void)?
        private var nextLookUp = 0
        private var endLookUp = 0
        private var pending = 0
        private var finished = false

        init(count: Int, prepare: @escaping @Sendable (Int) -> (Grams, [Bool])) {
            self.count = count
            self.prepare = prepare
            precondition(block + Work.ahead <= Work.ring)
            grams = .allocate(capacity: Work.ring)
            grams.initialize(repeating: Grams(start: nil, count: 0))
            prefixes = .allocate(capacity: Work.ring)
            prefixes.initialize(repeating: [])
            state = .allocate(capacity: count)
            state.initialize(repeating: 0)
            prepareLimit = min(count, Work.ahead)
            let thread = Thread { [self] in
                condition.lock()
                while !finished {
                    if take(thread: 1) { continue }
                    if nextPrepare < prepareLimit {
                        let i = nextPrepare
                        nextPrepare += 1
                        if state[i] == 0 { prepareNow(i) }
                        continue
                    }
                    condition.wait()
                }
                condition.unlock()
            }
            thread.name = "claimtrack copy detection"
            thread.start()
        }

        deinit {
            // Documents prepared and never matched (none once the matching loop has run to its end).
            for g in grams { g.deallocate() }
            grams.deinitialize().deallocate()
            prefixes.deinitialize().deallocate()
            state.deallocate()
        }

        /// Ends the other thread's loop.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// Prepares document `i`, claimed (state 0) with the lock held; the lock is released meanwhile.
        private func prepareNow(_ i: Int) {
            state[i] = 1
            condition.unlock()
            (grams[i % Work.ring], prefixes[i % Work.ring]) = prepare(i)
            condition.lock()
            state[i] = 2
            condition.broadcast()
        }

        /// Takes a document of the block being looked up, if any is left, and does its look-up (with the lock held on
        /// entry and exit, released meanwhile).
        private func take(thread: Int) -> Bool {
            guard let task, nextLookUp < endLookUp else { return false }
            let i = nextLookUp
            nextLookUp += 1
            if state[i] == 0 { prepareNow(i) }
            while state[i] != 2 { condition.wait() }
            condition.unlock()
            task(i, thread, grams[i % Work.ring], prefixes[i % Work.ring])
            condition.lock()
            pending -= 1
            if pending == 0 { condition.broadcast() }
            return true
        }

        /// Does `task` for each document of `range` on this thread and the other, and returns when all are done.
        func lookUp(_ range: Range<Int>, _ task: @escaping (Int, Int, Grams, [Bool]) -> Void) {
            condition.lock()
            self.task = task
            nextLookUp = range.lowerBound
            endLookUp = range.upperBound
            pending = range.count
            prepareLimit = max(prepareLimit, min(count, range.upperBound + Work.ahead))
            condition.broadcast()
            while take(thread: 0) {}
            while pending > 0 { condition.wait() }
            self.task = nil
            condition.unlock()
        }

        /// Document `i`'s 5-grams and prefix (after its block's look-up).
        func prepared(_ i: Int) -> (Grams, [Bool]) { (grams[i % Work.ring], prefixes[i % Work.ring]) }

        /// Lets go of document `i`'s 5-grams once it is matched: frees them, unless the matcher keeps them.
        func release(_ i: Int, keeping: Bool) {
            if !keeping { grams[i % Work.ring].deallocate() }
            grams[i % Work.ring] = Grams(start: nil, count: 0)
            prefixes[i % Work.ring] = []
        }
    }

    /// One document's 5-grams in a small open-addressing table, to count how many of another document's it holds.
    ///
    /// A merge of two sorted arrays (`sharedCount`) takes a step per element whose direction depends on the step
    /// before; here each of the other document's 5-grams is looked up on its own, so the look-ups overlap.
    struct GramSet {
        private var table: [Gram] = []   // 0: empty (the 5-gram 0 is kept in `hasZero`)
        private var hasZero = false
        private var shift: UInt32 = 32

        /// Holds exactly `grams` from now on.
        mutating func fill(_ grams: [Gram]) {
            grams.withUnsafeBufferPointer { fill($0) }
        }

        /// Holds exactly `grams` from now on.
        mutating func fill(_ grams: UnsafeBufferPointer<Gram>) {
            var bits = 4
            while 1 << bits < 2 * grams.count { bits += 1 }
            if table.count == 1 << bits {
                table.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            } else {
                table = [Gram](repeating: 0, count: 1 << bits)
            }
            shift = 32 - UInt32(bits)
            hasZero = false
            let mask = (1 << bits) - 1
            table.withUnsafeMutableBufferPointer { t in
                for s in grams {
                    if s == 0 { hasZero = true; continue }
                    var k = Int((s &* 0x9E37_79B1) >> shift)
                    while t[k] != 0 && t[k] != s { k = (k + 1) & mask }
                    t[k] = s
                }
            }
        }

        @inline(__always) private func contains(_ s: Gram, _ t: UnsafeBufferPointer<Gram>) -> Bool {
            if s == 0 { return hasZero }
            let mask = t.count - 1
            var k = Int((s &* 0x9E37_79B1) >> shift)
            while true {
                let x = t[k]
                if x == s { return true }
                if x == 0 { return false }
                k = (k + 1) & mask
            }
        }

        /// Whether at least `needed` of `other` (distinct 5-grams) are in the set, stopped once the answer is known.
        func shares(_ needed: Double, of other: [Gram]) -> Bool {
            other.withUnsafeBufferPointer { shares(needed, of: $0) }
        }

        /// Whether at least `needed` of `other` (distinct 5-grams) are in the set, stopped once the answer is known.
        func shares(_ needed: Double, of other: UnsafeBufferPointer<Gram>) -> Bool {
            table.withUnsafeBufferPointer { t in
                var n = 0, k = 0
                while k < other.count {
                    let end = min(other.count, k + 64)
                    while k < end {
                        n &+= contains(other[k], t) ? 1 : 0
                        k &+= 1
                    }
                    // The count only grows, by at most one per 5-gram left.
                    if Double(n) >= needed { return true }
                    if Double(n + other.count - k) < needed { return false }
                }
                return Double(n) >= needed
            }
        }
    }

    /// Both posting lists of every 5-gram of the indexed documents: the clusters holding it (`all`) and the clusters
    /// holding it among a member's rarest `prefixLength` 5-grams (`prefix`), as one open-addressing table keyed by the
    /// 5-gram's hash.
    ///
    /// This replaces two `[Gram: [Int32]]`: a lookup there hashed the key, probed, then loaded the list's array
    /// object, which for 30,000 lists read per document at 100,000 documents was mostly cache misses. Here a probe
    /// lands on one slot holding both lists' length and where their cluster ids start. A list's ids sit in a block of
    /// its own, of 4 entries or the power of 2 its length reaches, moved to one twice as large when full. A list
    /// longer than `commonGramClusters` is never read again (lists only grow), so it keeps only its length.
    ///
    /// The table also tells what was added since `startBlock()`: which slots (a bit each) and how long their lists were
    /// then.
    ///
    /// The storage is manual and freed by `deallocate()`; copies only read it, while the original is not changed.
    struct PostingIndex {
        /// Where a list's cluster ids start, and how many it holds.
        struct List {
            var start: UnsafeMutablePointer<Int32>?
            var count: UInt16
        }

        /// A 5-gram and its two lists; empty while both lists are.
        private struct Slot {
            var key: Gram = 0
            var allCount: UInt16 = 0
            var prefixCount: UInt16 = 0
            var all: UnsafeMutablePointer<Int32>?
            var prefix: UnsafeMutablePointer<Int32>?
            var isEmpty: Bool { allCount == 0 && prefixCount == 0 }
        }

        /// The smallest block, in entries.
        private static let smallest = 4
        private var slots: UnsafeMutablePointer<Slot>
        private var slotBits = 12
        private var keys = 0
        /// Per slot: added to since `startBlock()` (a bit), and its lists' lengths before.
        private var touched: UnsafeMutablePointer<UInt64>
        private var before: UnsafeMutablePointer<(all: UInt16, prefix: UInt16)>
        /// Whether anything was added since `startBlock()`.
        private(set) var blockAdded = false

        init() {
            slots = .allocate(capacity: 1 << slotBits)
            slots.initialize(repeating: Slot(), count: 1 << slotBits)
            touched = .allocate(capacity: (1 << slotBits) / 64)
            touched.initialize(repeating: 0, count: (1 << slotBits) / 64)
            before = .allocate(capacity: 1 << slotBits)
        }

        func deallocate() {
            for k in 0..<(1 << slotBits) {
                slots[k].all?.deallocate()
                slots[k].prefix?.deallocate()
            }
            slots.deallocate()
            touched.deallocate()
            before.deallocate()
        }

        @inline(__always) private func home(_ key: Gram) -> Int { Int((key &* 0x9E37_79B1) >> (32 - UInt32(slotBits))) }

        /// Whether `count` new 5-grams could take the table past its load limit.
        func needsGrowth(adding count: Int) -> Bool { 10 * (keys + count) > 7 << slotBits }

        /// Grows the table now if `count` new 5-grams could take it past its load limit, so that places found by
        /// `place(of:)` stay valid while they are added.
        mutating func reserve(adding count: Int) {
            while needsGrowth(adding: count) { grow() }
        }

        /// Forgets what was added so far: `addedSlot` and `added` tell what is added from now on.
        mutating func startBlock() {
            touched.update(repeating: 0, count: (1 << slotBits) / 64)
            blockAdded = false
        }

        @inline(__always) private func isTouched(_ slot: Int) -> Bool { touched[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }

        /// The slot holding `key`, or the empty one where it would go.
        @inline(__always) func place(of key: Gram) -> Int {
            let mask = (1 << slotBits) - 1
            var k = home(key)
            while !slots[k].isEmpty && slots[k].key != key { k = (k + 1) & mask }
            return k
        }

        /// Whether the lists of the 5-gram at `place` (the prefix list too when `inPrefix`) would not change by adding an
        /// id of the cluster `sameCluster` tells: each is common or ends with an id of that cluster.
        @inline(__always) func leads(at place: Int, inPrefix: Bool, to sameCluster: (Int32) -> Bool) -> Bool {
            let s = slots[place]
            func holds(_ count: UInt16, _ start: UnsafeMutablePointer<Int32>?) -> Bool {
                guard Int(count) <= commonGramClusters else { return true }
                guard let start, count > 0 else { return false }
                return sameCluster(start[Int(count) - 1])
            }
            return holds(s.allCount, s.all) && (!inPrefix || holds(s.prefixCount, s.prefix))
        }

        /// Both lists of the 5-gram at `place`, or nil for an empty slot.
        @inline(__always) func lists(at place: Int) -> (all: List, prefix: List)? {
            let s = slots[place]
            if s.isEmpty { return nil }
            return (List(start: s.all, count: s.allCount), List(start: s.prefix, count: s.prefixCount))
        }

        /// The cluster ids of a list read by `lists(at:)` (valid until the next `add`).
        @inline(__always) func postings(_ list: List) -> UnsafeBufferPointer<Int32> {
            UnsafeBufferPointer(start: list.start, count: list.start == nil ? 0 : Int(list.count))
        }

        /// The slot of `key` if ids were added to its lists since `startBlock()`, given where `place(of:)` found it
        /// then: its slot (`present`), or the empty one where it would go, which a 5-gram added since fills first.
        func addedSlot(near place: Int, key: Gram, present: Bool) -> Int? {
            guard isTouched(place) else { return nil }
            if present { return place }
            let mask = (1 << slotBits) - 1
            var k = place
            while !slots[k].isEmpty {
                if slots[k].key == key { return isTouched(k) ? k : nil }
                k = (k + 1) & mask
            }
            return nil
        }

        /// The ids added since `startBlock()` to a list of the 5-gram at `slot` (from `addedSlot`), if it is not
        /// common.
        func added(at slot: Int, prefix: Bool) -> UnsafeBufferPointer<Int32> {
            let s = slots[slot]
            let (start, count, was) = prefix ? (s.prefix, s.prefixCount, before[slot].prefix)
                                             : (s.all, s.allCount, before[slot].all)
            guard let start, Int(count) <= commonGramClusters else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start + Int(was), count: Int(count) - Int(was))
        }

        /// The lengths of the lists of the 5-gram at `slot` (from `addedSlot`) as `startBlock()` found them.
        func lengthsBefore(at slot: Int) -> (all: UInt16, prefix: UInt16) { before[slot] }

        /// Appends cluster `id` to the lists of `key` (`prefix` too when `inPrefix`), unless the list's last id is of
        /// the same cluster (`sameCluster`) or the list is already common.
        ///
        /// An id is added to a prefix list only with the same id added to the list of all, or that list ending with
        /// an id of the same cluster, or that list being common: so while the list of all is not common, every cluster
        /// in the prefix list is in it too (clusters only merge). `place` is where `place(of:)` found the
        /// key since the last `reserve`; a 5-gram added since may have taken it, and then the probe goes on.
        @inline(__always)
        mutating func add(_ id: Int32, under key: Gram, near place: Int, inPrefix: Bool, sameCluster: (Int32) -> Bool) {
            let mask = (1 << slotBits) - 1
            var k = place
            while !slots[k].isEmpty && slots[k].key != key { k = (k + 1) & mask }
            if slots[k].isEmpty {
                precondition(!needsGrowth(adding: 1), "PostingIndex: add without reserve")
                slots[k].key = key
                keys += 1
            }
            if !isTouched(k) {
                touched[k >> 6] |= 1 << UInt64(k & 63)
                before[k] = (slots[k].allCount, slots[k].prefixCount)
                blockAdded = true
            }
            PostingIndex.append(id, to: &slots[k].all, &slots[k].allCount, sameCluster: sameCluster)
            if inPrefix { PostingIndex.append(id, to: &slots[k].prefix, &slots[k].prefixCount, sameCluster: sameCluster) }
        }

        @inline(__always)
        private static func append(_ id: Int32, to start: inout UnsafeMutablePointer<Int32>?, _ count: inout UInt16,
                                   sameCluster: (Int32) -> Bool) {
            let n = Int(count)
            guard n <= commonGramClusters else { return }
            if let start, n > 0, sameCluster(start[n - 1]) { return }
            if n == commonGramClusters {
                // Common from now on: the ids are never read again.
                start?.deallocate()
                start = nil
                count += 1
                return
            }
            if n == 0 {
                start = .allocate(capacity: smallest)
            } else if n >= smallest && n & (n - 1) == 0, let full = start {
                // The block (as many entries as the list holds) is full: move to one twice as large.
                let larger = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * n)
                larger.update(from: full, count: n)
                full.deallocate()
                start = larger
            }
            start?[n] = id
            count += 1
        }

        /// Doubles the table and places every 5-gram again (what was added since `startBlock()` is forgotten).
        private mutating func grow() {
            let old = slots, oldCount = 1 << slotBits
            slotBits += 1
            slots = .allocate(capacity: 1 << slotBits)
            slots.initialize(repeating: Slot(), count: 1 << slotBits)
            let mask = (1 << slotBits) - 1
            for k in 0..<oldCount where !old[k].isEmpty {
                var at = home(old[k].key)
                while !slots[at].isEmpty { at = (at + 1) & mask }
                slots[at] = old[k]
            }
            old.deallocate()
            touched.deallocate()
            touched = .allocate(capacity: (1 << slotBits) / 64)
            touched.initialize(repeating: 0, count: (1 << slotBits) / 64)
            before.deallocate()
            before = .allocate(capacity: 1 << slotBits)
            blockAdded = false
        }
    }

    /// What the index saved: how many postings were read (and 5-grams skipped as too common), clusters considered,
    /// and document pairs compared (for the run log and the scale notes).
    struct Stats: Sendable, Equatable, CustomStringConvertible {
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
