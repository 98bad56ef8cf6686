import Foundation
import Testing
@testable import Reconcile

/// Copy detection's own parts against plain definitions: the posting table against a dictionary of arrays, the
/// per-document 5-gram set against a merge count, and the whole search against the index as first written, on corpora
/// that fill clusters past `indexedPerCluster`, merge clusters, and grow lists past `commonGramClusters`.
@Suite("copy detection: index parts and the whole search equal their plain definitions")
struct CopyDetectionTests {
    typealias Gram = CopyDetection.Gram

    @Test(arguments: 0..<6)
    func gramSetCountsAsTheMergeDoes(seed: Int) {
        var g = ScaleEquivalenceTests.Generator(state: UInt64(seed) &+ 500)
        var set = CopyDetection.GramSet()
        for _ in 0..<200 {
            // Small ranges make shared elements likely; 0 is a 5-gram like any other.
            let range = UInt64(1 + g.int(3000))
            func grams() -> [Gram] {
                Array(Set((0..<g.int(300)).map { _ in Gram(g.next() % range) })).sorted()
            }
            let a = grams(), b = grams()
            set.fill(a)
            let shared = CopyDetection.sharedCount(a, b)
            for needed in [0.0, 1, Double(shared) - 0.5, Double(shared), Double(shared) + 0.5, Double(shared + 1),
                           Double(b.count), Double(g.int(400))] {
                #expect(set.shares(needed, of: b) == (Double(shared) >= needed), "seed \(seed): \(needed) of \(shared)")
            }
        }
    }

    @Test func byteSortSelectAndPrefixEqualSorting() {
        var g = ScaleEquivalenceTests.Generator(state: 42)
        var rarity = CopyDetection.Rarity(buckets: 1 << 12)
        for round in 0..<300 {
            // Duplicates (small ranges) and every byte in play (full range).
            let range = round % 3 == 0 ? UInt64(50) : UInt64(1) << 32
            let values = (0..<g.int(400)).map { _ in Gram(g.next() % range) }
            #expect(CopyDetection.sortedByBytes(values) == values.sorted(), "round \(round)")
            let wide = values.map { UInt64($0) << 7 | UInt64(g.int(3)) }
            let sorted = wide.sorted()
            for k in Set((0..<5).map { _ in g.int(max(1, wide.count)) }) where k < wide.count {
                var work = wide
                #expect(CopyDetection.select(&work, k) == sorted[k], "round \(round), k \(k)")
            }
            rarity.add(values)
            let grams = Array(Set(values)).sorted()
            for length in [0, 1, grams.count / 2, grams.count - 1, grams.count, grams.count + 1] where length >= 0 {
                let rarest = Set(grams.sorted { (rarity.count($0), $0) < (rarity.count($1), $1) }.prefix(length))
                #expect(rarity.rarestMask(grams, length) == grams.map(rarest.contains), "round \(round), length \(length)")
            }
        }
    }

    @Test(arguments: 0..<4)
    func postingTableKeepsTheListsADictionaryWould(seed: Int) {
        var g = ScaleEquivalenceTests.Generator(state: UInt64(seed) &+ 700)
        var table = CopyDetection.PostingIndex()
        defer { table.deallocate() }
        var all: [Gram: [Int32]] = [:], prefix: [Gram: [Int32]] = [:]
        // A few keys take a third of the adds, so their lists pass the common limit; the others come in over the
        // table's growth.
        let keys = [0] + (0..<(5000 + g.int(3000))).map { _ in Gram(truncatingIfNeeded: g.next()) }
        func model(_ list: inout [Int32]?, _ id: Int32) {
            if let last = list?.last, last == id { return }
            list = (list ?? []) + [id]
        }
        for round in 0..<60_000 {
            let id = Int32(round / 7)
            let key = g.int(3) == 0 ? keys[g.int(5)] : keys[g.int(min(keys.count, 1 + round / 10))]
            let inPrefix = g.int(3) == 0
            table.reserve(adding: 1)
            table.add(id, under: key, near: table.place(of: key), inPrefix: inPrefix) { $0 == id }
            model(&all[key], id)
            if inPrefix { model(&prefix[key], id) }
        }
        func expectSame(_ list: CopyDetection.PostingIndex.List, _ expected: [Int32]?, _ key: Gram) {
            let ids = expected ?? []
            if ids.count > CopyDetection.commonGramClusters {
                #expect(Int(list.count) == CopyDetection.commonGramClusters + 1, "key \(key)")
            } else {
                #expect(Array(table.postings(list)) == ids, "key \(key)")
            }
        }
        var common = 0
        for key in Set(keys) {
            guard let lists = table.lists(at: table.place(of: key)) else {
                #expect(all[key] == nil, "key \(key)")
                continue
            }
            expectSame(lists.all, all[key], key)
            expectSame(lists.prefix, prefix[key], key)
            if lists.all.count > CopyDetection.commonGramClusters { common += 1 }
        }
        #expect(common > 0, "seed \(seed): some lists passed the common limit")
    }

    /// Texts over a large vocabulary: mostly boilerplate ones, from one source in the first part (kept apart, so the
    /// boilerplate's lists pass `commonGramClusters`) and from any source after; light edits of a few texts from many
    /// sources (clusters that fill and merge); unrelated ones; a few without a source.
    static func corpus(seed: UInt64, count: Int) -> (texts: [String], names: [String?], days: [Int]) {
        var g = ScaleEquivalenceTests.Generator(state: seed)
        let vocabulary = (0..<3000).map { "w\($0)" } + ["Über", "café", "naïve"]
        let boilerplate = "this story was reported with inputs from the wire agency desk".split(separator: " ").map(String.init)
        let templates = (0..<8).map { _ in (0..<(20 + g.int(30))).map { _ in g.pick(vocabulary) } }
        var texts: [String] = [], names: [String?] = [], days: [Int] = []
        for k in 0..<count {
            var words: [String]
            var name: String?
            switch g.int(10) {
            case 0..<4:
                words = (0..<(1 + g.int(3))).map { _ in g.pick(vocabulary) } + boilerplate
                name = k < count * 7 / 10 ? "alpha" : "s\(g.int(6))"
            case 4..<8:
                words = g.pick(templates)
                for _ in 0..<g.int(words.count / 4 + 1) { words[g.int(words.count)] = g.pick(vocabulary) }
                if g.int(4) == 0 { words.removeLast(g.int(words.count / 2)) }
                name = "f\(g.int(60))"
            default:
                words = (0..<(5 + g.int(30))).map { _ in g.pick(vocabulary) }
                name = "s\(g.int(6))"
            }
            if g.int(25) == 0 { name = nil }
            texts.append(words.joined(separator: g.int(2) == 0 ? " " : ", "))
            names.append(name)
            days.append(g.int(4))
        }
        return (texts, names, days)
    }

    /// The calls `nearDuplicates` makes and what it counts, with `settled` and `found` as `SourceAnalysis.copies` has
    /// them (links by source and date, a pair settled once its links are there).
    static func calls(_ corpus: (texts: [String], names: [String?], days: [Int]), overlap: Double,
                      _ search: ([String], [String?], (Int, Int) -> Bool, (Int, Int) -> Void) -> CopyDetection.Stats)
        -> (calls: [[Int]], stats: CopyDetection.Stats) {
        var out: [String: Set<String>] = [:]
        var calls: [[Int]] = []
        func links(_ i: Int, _ j: Int) -> [(String, String)] {
            guard let a = corpus.names[i], let b = corpus.names[j], a != b else { return [] }
            let pi = corpus.days[i], pj = corpus.days[j]
            if pi != pj { return pi < pj ? [(b, a)] : [(a, b)] }
            return [(a, b), (b, a)]
        }
        let stats = search(corpus.texts, corpus.names, { i, j in links(i, j).allSatisfy { out[$0.0]?.contains($0.1) == true } },
                           { i, j in
                               calls.append([i, j])
                               for (copier, copied) in links(i, j) { out[copier, default: []].insert(copied) }
                           })
        return (calls, stats)
    }

    /// More documents than a chunk of the first pass and many blocks: lists pass the common limit within a block, and
    /// the index grows under a block's look-ups (which are then made again).
    @Test(arguments: 0..<3)
    func searchMakesTheCallsTheFirstIndexMade(seed: Int) {
        let corpus = Self.corpus(seed: UInt64(seed) &+ 2000, count: CopyDetection.chunk + 700)
        for overlap in [0.5, 0.8] {
            let fast = Self.calls(corpus, overlap: overlap) { texts, names, settled, found in
                CopyDetection.nearDuplicates(texts: CopyDetection.Texts(texts, releasing: false),
                                             names: names, overlap: overlap, settled: settled, found: found)
            }
            let plain = Self.calls(corpus, overlap: overlap) { texts, names, settled, found in
                CopyDetection.plainNearDuplicates(texts: CopyDetection.Texts(texts, releasing: false),
                                                  names: names, overlap: overlap, settled: settled, found: found)
            }
            let common = min(fast.calls.count, plain.calls.count)
            let differ = (0..<common).first { fast.calls[$0] != plain.calls[$0] } ?? common
            #expect(fast.calls.count == plain.calls.count && differ == fast.calls.count,
                    "seed \(seed), overlap \(overlap): \(fast.calls.count) and \(plain.calls.count) calls, first differing at \(differ)")
            #expect(fast.stats == plain.stats, "seed \(seed), overlap \(overlap): \(fast.stats) against \(plain.stats)")
            // The corpus reaches the limits the index has.
            #expect(plain.stats.common > 0 && plain.calls.count > 100, "seed \(seed), overlap \(overlap): \(plain.stats)")
        }
    }

    /// A releasing `Texts` hands each text over for the last time and keeps nothing of it; the search over it makes the
    /// same calls and counts as over texts that are kept.
    @Test func releasingTextsGiveTheSameSearchAndKeepNoText() {
        let corpus = Self.corpus(seed: 77, count: 900)
        let fromDocuments = Self.calls(corpus, overlap: 0.5) { texts, names, settled, found in
            CopyDetection.nearDuplicates(texts: CopyDetection.Texts(texts, releasing: false),
                                         names: names, overlap: 0.5, settled: settled, found: found)
        }
        var store: CopyDetection.Texts?
        let fromTexts = Self.calls(corpus, overlap: 0.5) { texts, names, settled, found in
            let released = CopyDetection.Texts(texts, releasing: true)
            store = released
            return CopyDetection.nearDuplicates(texts: released, names: names, overlap: 0.5, settled: settled, found: found)
        }
        #expect(fromTexts.calls == fromDocuments.calls)
        #expect(fromTexts.stats == fromDocuments.stats)
        #expect(fromDocuments.calls.count > 10)
        let left = store.map { texts in (0..<texts.count).filter { !texts[$0].isEmpty }.count }
        #expect(left == 0, "texts still held after the search: \(left ?? -1)")
        let kept = CopyDetection.Texts(["a b c d e f"], releasing: false)
        #expect(kept.lastRead(0) == "a b c d e f" && kept[0] == "a b c d e f")
    }
}
