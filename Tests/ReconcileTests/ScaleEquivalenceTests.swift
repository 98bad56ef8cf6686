import ClaimModel
import Foundation
import Testing
@testable import Reconcile

/// The fast paths reconcile takes at scale (FactScoring.swift, CopyDetection.swift) against the plain pairwise
/// definitions they replace, on many seeded random inputs.
@Suite("scale: fast paths equal the pairwise definitions")
struct ScaleEquivalenceTests {
    /// A small deterministic generator, so a failure names its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var x = state
            x ^= x >> 33; x = x &* 0xff51afd7ed558ccd; x ^= x >> 33
            return x
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    }

    /// Documents over a few sources and dates, and claims of one fact with values, bounds, hedges, modalities and
    /// (for some) another currency converted to USD.
    static func scenario(seed: UInt64, claims count: Int) -> (docs: [Document], claims: [Claim], witnesses: Witnesses) {
        var g = Generator(state: seed)
        let sources = ["alpha", "beta", "gamma", "delta", "epsilon"]
        var docs: [Document] = []
        for i in 0..<max(2, count / 2) {
            let day = g.int(4) == 0 ? nil : "2025-\(String(format: "%02d", 1 + g.int(12)))-\(String(format: "%02d", 1 + g.int(28)))"
            docs.append(document("d-\(i)", published: day, site: g.pick(sources)))
        }
        var claims: [Claim] = []
        let values: [Decimal] = [60, 63, 65, 68, 68.5, 68.7, 69, 70, 72.1, 100]
        for i in 0..<count {
            let doc = g.pick(docs)
            let approximation: Approximation = g.pick([.exact, .exact, .exact, .approximate, .range, .atLeast, .atMost])
            var c = money("c-\(String(format: "%04d", i))", doc: doc.id, billions: g.pick(values), approximation: approximation,
                          hedge: g.int(5) == 0 ? "nearly" : nil)
            if approximation == .range, let v = c.value.min { c.value.max = v * Decimal(1.04) }
            c.modality = g.pick([.reported, .reported, .forecast, .target, .hedged])
            if g.int(4) == 0 {
                // The same figure stated in euros, converted at a rate with a spread.
                c.value.unit = "EUR"
                c.value.canonical = CanonicalValue(unit: "USD", min: c.value.min.map { $0 * Decimal(1.1) },
                                                   max: c.value.max.map { $0 * Decimal(1.1) }, rate: 1.1,
                                                   rateDate: "2025-06", spread: 0.01, source: "test")
            } else if g.int(3) == 0 {
                c.value.canonical = CanonicalValue(unit: "USD", min: c.value.min, max: c.value.max, rate: 1)
            }
            claims.append(c)
        }
        var names: [String: String] = [:]
        var published: [String: CalendarDay] = [:]
        for d in docs {
            names[d.id] = d.site
            if let p = d.published { published[d.id] = p }
        }
        let classes = ["alpha": "alpha", "beta": "alpha", "gamma": "gamma", "delta": "delta", "epsilon": "epsilon"]
        return (docs, claims, Witnesses(sourceOfDocument: names, classOfSource: classes, publishedOfDocument: published))
    }

    @Test(arguments: 0..<40)
    func comparisonsSupersessionsAndScoresMatch(seed: Int) {
        let s = Self.scenario(seed: UInt64(seed), claims: 5 + seed * 2)
        let options = ReconcileOptions.defaults
        let reliability = ["alpha": 0.7, "beta": 0.9, "gamma": 0.8, "delta": 0.55, "epsilon": 0.95]
        let builder = FactBuilder(options: options, witnesses: s.witnesses, reliability: reliability)
        for a in s.claims {
            for b in s.claims {
                let fast = ComparableValue(a, options: options).compatible(ComparableValue(b, options: options))
                #expect(fast == Compare.compatible(a, b, options: options), "seed \(seed): \(a.id) vs \(b.id)")
            }
        }
        var signatures = ValueSignatures(s.claims, options: options)
        let slow = builder.supersessions(s.claims).mapValues(\.id)
        let fast = builder.fastSupersessions(s.claims, signatures: &signatures).mapValues(\.id)
        #expect(fast == slow, "seed \(seed)")
        let pool = s.claims.filter { slow[$0.id] == nil }.sorted { $0.id < $1.id }
        var scores = PoolScores(pool: pool, signatures: signatures,
                                weight: { (reliability[s.witnesses.source($0)] ?? 0.8) * Compare.precision($0) },
                                witness: { s.witnesses.witness($0) })
        for c in pool {
            #expect(abs(scores.support(of: c) - builder.support(of: c, among: pool)) < 1e-9, "seed \(seed): \(c.id)")
            #expect(scores.coherent(c) == builder.isCoherent(pool.filter { Compare.compatible(c, $0, options: options) }),
                    "seed \(seed): \(c.id)")
        }
    }

    /// The pairwise definition of copying the index replaces: every pair of documents of different sources.
    static func pairwiseCopies(_ documents: [Document], names: [String: String], overlap: Double) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        let sorted = documents.sorted { $0.id < $1.id }
        let grams = sorted.map { Set(CopyDetection.shingles($0.text)) }
        for i in sorted.indices {
            for j in sorted.indices where j > i {
                guard let a = names[sorted[i].id], let b = names[sorted[j].id], a != b, !grams[i].isEmpty, !grams[j].isEmpty
                else { continue }
                let shared = grams[i].intersection(grams[j]).count
                guard Double(shared) >= overlap * Double(min(grams[i].count, grams[j].count)) else { continue }
                let pi = sorted[i].published, pj = sorted[j].published
                if let pi, let pj, pi != pj {
                    if pi < pj { out[b, default: []].insert(a) } else { out[a, default: []].insert(b) }
                } else {
                    out[a, default: []].insert(b); out[b, default: []].insert(a)
                }
            }
        }
        return out
    }

    /// Component linking as first written: every group scanned for the part, every claim compared one by one.
    static func plainLink(_ groups: inout [String: FactGroup], stated: [(part: Claim, whole: Claim)], options: ReconcileOptions) {
        var moved = Set<String>()
        for (part, whole) in stated {
            guard let partKey = groups.first(where: { $0.value.claims.contains { $0.id == part.id } })?.key else { continue }
            for key in groups.keys.sorted() where key != partKey {
                guard var g = groups[key] else { continue }
                let holdsWhole = g.claims.contains { $0.id == whole.id }
                let prefix = Grouping.baseKey(whole) + "|"
                guard holdsWhole || (key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains("component-of:")) else { continue }
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

    /// Documents that state a whole ("tariffs of 50%") and a part of it ("a 25% duty"), and documents that state only
    /// one figure, over periods and sources: the indexed linking moves the same claims to the same groups.
    @Test(arguments: 0..<30)
    func componentLinkingMatchesPlain(seed: Int) {
        var g = Generator(state: UInt64(seed) &+ 99)
        let options = ReconcileOptions.defaults
        let periods: [Period?] = [nil, Period(start: CalendarDay(iso: "2025-01-01"), end: CalendarDay(iso: "2025-12-31"), text: "2025"),
                                  Period(start: CalendarDay(iso: "2026-01-01"), end: CalendarDay(iso: "2026-12-31"), text: "2026")]
        var docs: [Document] = []
        var claims: [Claim] = []
        for d in 0..<(20 + g.int(40)) {
            let doc = document("d-\(String(format: "%03d", d))", published: "2025-0\(1 + g.int(9))-1\(g.int(9))",
                               site: g.pick(["alpha", "beta", "gamma", "delta"]))
            docs.append(doc)
            let period = g.pick(periods)
            func claim(_ n: Int, _ value: Decimal, role: String?) -> Claim {
                var c = money("c-\(doc.id)-\(n)", doc: doc.id, billions: value,
                              approximation: g.int(6) == 0 ? .approximate : .exact, metric: "tariff", role: role, period: period)
                c.quote = g.int(2) == 0 ? "same sentence" : "sentence \(n)"
                return c
            }
            switch g.int(4) {
            case 0:
                claims.append(claim(0, g.pick([50, 50, 45]), role: nil))
                claims.append(claim(1, g.pick([25, 25, 20]), role: "component-of:tariff"))
            case 1: claims.append(claim(0, g.pick([25, 25, 24, 50]), role: nil))
            case 2: claims.append(claim(0, g.pick([50, 51, 10]), role: nil))
            default:
                claims.append(claim(0, g.pick([25, 50]), role: nil))
                claims.append(claim(1, g.pick([25, 50, 75]), role: nil))
            }
        }
        let witnesses = Witnesses(sourceOfDocument: Dictionary(uniqueKeysWithValues: docs.map { ($0.id, $0.site ?? "") }),
                                  classOfSource: [:],
                                  publishedOfDocument: Dictionary(uniqueKeysWithValues: docs.compactMap { d in d.published.map { (d.id, $0) } }))
        let stated = Grouping.statedComponents(claims.filter(Grouping.feedsFacts))
        #expect(!stated.isEmpty, "seed \(seed): the scenario states components")
        let split = Grouping.unlinked(claims, witnesses: witnesses)
        var fast = split.groups, plain = split.groups
        Grouping.linkComponents(&fast, stated: stated, options: options)
        Self.plainLink(&plain, stated: stated, options: options)
        #expect(fast.keys.sorted() == plain.keys.sorted(), "seed \(seed)")
        for (key, p) in plain {
            guard let f = fast[key] else { continue }
            #expect(f.claims.map(\.id) == p.claims.map(\.id), "seed \(seed): \(key)")
            #expect(f.placedByDate == p.placedByDate, "seed \(seed): \(key)")
            #expect(f.components.map(\.id) == p.components.map(\.id), "seed \(seed): \(key)")
            #expect(f.componentOf?.id == p.componentOf?.id, "seed \(seed): \(key)")
            #expect(f.matchedComponent == p.matchedComponent, "seed \(seed): \(key)")
        }
        // The scenario is not trivial: some claims of other documents moved to a component's fact.
        if seed == 0 { #expect(plain.values.contains { !$0.matchedComponent.isEmpty }) }
    }

    @Test(arguments: 0..<20)
    func copyDetectionMatchesPairwise(seed: Int) {
        var g = Generator(state: UInt64(seed) &+ 1000)
        let vocabulary = (0..<60).map { "w\($0)" } + ["Dollar", "trade", "Über", "café"]
        // A few originals, each copied with light edits under other names; some unrelated short texts.
        var docs: [Document] = []
        for o in 0..<4 {
            let original = (0..<(30 + g.int(40))).map { _ in g.pick(vocabulary) }
            for k in 0..<(2 + g.int(6)) {
                var words = original
                for _ in 0..<g.int(12) { words[g.int(words.count)] = g.pick(vocabulary) }
                if g.int(3) == 0 { words.removeLast(g.int(words.count / 2)) }
                let day = g.int(3) == 0 ? nil : "2025-0\(1 + g.int(9))-1\(g.int(9))"
                docs.append(document("d-\(o)-\(k)-\(g.int(1000))", published: day, site: "s\(g.int(7))",
                                     text: words.joined(separator: g.int(2) == 0 ? " " : ", ")))
            }
        }
        for k in 0..<5 { docs.append(document("d-x-\(k)", published: nil, site: "s\(k)", text: "w1 w2 w3")) }
        var names: [String: String] = [:]
        for d in docs { names[d.id] = d.site }
        for overlap in [0.3, 0.5, 0.8] {
            let fast = SourceAnalysis.copies(documents: docs, names: names, overlap: overlap)
            let slow = Self.pairwiseCopies(docs, names: names, overlap: overlap).filter { !$0.value.isEmpty }
            #expect(fast.filter { !$0.value.isEmpty } == slow, "seed \(seed), overlap \(overlap)")
        }
    }

    @Test func shinglesReadWordsAsThePlainSplitDoes() {
        // ASCII takes a byte path, other text the Character path; the same words give the same 5-grams.
        let ascii = CopyDetection.shingles("The Trade, worth $68.7 billion -- rose 12%  in 2025; officials said.")
        let words = ["the", "trade", "worth", "68", "7", "billion", "rose", "12", "in", "2025", "officials", "said"]
        let viaUnicode = CopyDetection.shingles(words.joined(separator: " ") + " é")
        #expect(ascii.count == words.count - 4)
        #expect(Set(ascii).isSubset(of: Set(viaUnicode)))
        #expect(CopyDetection.shingles("too few words here").isEmpty)
    }

    /// The plain definition `CopyDetection.scalarWords` follows: the text lower-cased, split into runs of `Character`s
    /// that are letters or digits, each word hashed over its UTF-8 bytes.
    static func characterWords(_ text: String) -> [UInt64] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word -> UInt64 in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in word.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
    }

    @Test("non-ASCII words read scalar by scalar equal the Character-based split")
    func scalarWordsEqualCharacterWords() throws {
        let texts = [
            "Modi और Putin ने 4-5 दिसंबर को बातचीत की; व्यापार 68.7 अरब डॉलर तक पहुँचा।",
            "Le commerce a atteint 68,7 milliards — une hausse de 12 % en 2025, selon les élus.",
            "Crème brûlée (decomposed: cre\u{300}me bru\u{302}le\u{301}e) costs €12; ΟΔΥΣΣΕΥΣ Σίσυφος ΣΟΦΟΣ.",
            "Торговля выросла до 68,7 млрд долларов; ١٢٣ ٤٥ Arabic digits, 中国 和 印度 贸易 2025 年, 한국어 문장입니다.",
            "emoji 👍🏽 and flags 🇮🇳🇷🇺 between words, ZWJ 👩‍💻 and ligatures ﬁnance Straße İstanbul",
            "\u{652}a mark at the start, after a line break\n\u{652}ﺾِﻐْ and after a tab\t\u{301}x in text ",
        ]
        for text in texts { #expect(CopyDetection.scalarWords(text) == Self.characterWords(text), "\(text)") }
        // Every dev page of the html benchmark, when the shared data is beside the repository.
        let pages = repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared/data/html/pages")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: pages.path) else {
            print("skipped the html pages: ../shared/data/html/pages is not there")
            return
        }
        var differing: [String] = []
        for name in names.sorted() {
            let bytes = try Data(contentsOf: pages.appendingPathComponent(name))
            let text = String(decoding: bytes, as: UTF8.self)
            if CopyDetection.scalarWords(text) != Self.characterWords(text) { differing.append(name) }
        }
        #expect(differing.isEmpty, "pages whose words differ: \(differing)")
    }
}

/// Reliability rounds reuse each group's `FactBuilder.Prepared`; the facts must be the ones a fresh preparation gives.
struct PreparedReuseTests {
    static func group(_ claims: [Claim]) -> FactGroup {
        FactGroup(key: "trade|value|any", subject: "trade", metric: "value", period: nil, claims: claims)
    }

    @Test("facts decided from a preparation made under other reliabilities equal freshly prepared ones", arguments: 0..<20)
    func reusedPreparationDecidesAsFresh(seed: Int) {
        let s = ScaleEquivalenceTests.scenario(seed: UInt64(seed), claims: 6 + seed * 3)
        let options = ReconcileOptions.defaults
        let g = Self.group(s.claims)
        // Prepared with no witness classes and no reliabilities, as reconcile does beside copy detection.
        var bare = s.witnesses
        bare.classOfSource = [:]
        var prepared = ["trade|value|any": FactBuilder(options: options, witnesses: bare, reliability: [:]).prepare(g)]
        for reliability in [["alpha": 0.7, "beta": 0.9, "gamma": 0.8, "delta": 0.55, "epsilon": 0.95],
                            ["alpha": 0.95, "beta": 0.5, "gamma": 0.6, "delta": 0.9, "epsilon": 0.3]] {
            let builder = FactBuilder(options: options, witnesses: s.witnesses, reliability: reliability)
            let reused = FactBuilder.buildAll([g], with: builder, prepared: &prepared)[0]
            let fresh = builder.build(g)
            var reusedFact = reused.fact
            reusedFact.explanation = reused.reasons.explain()
            #expect(reusedFact == fresh, "seed \(seed)")
        }
    }

    @Test("a preparation fits only the claims it was made from, and never a group with bound years")
    func preparationFitsOnlyItsClaims() {
        let s = ScaleEquivalenceTests.scenario(seed: 7, claims: 12)
        let builder = FactBuilder(options: .defaults, witnesses: s.witnesses, reliability: [:])
        let g = Self.group(s.claims)
        let prepared = builder.prepare(g)
        #expect(prepared.fits(g))
        #expect(!prepared.fits(Self.group(Array(s.claims.dropLast()))))
        #expect(!prepared.fits(Self.group(s.claims.reversed())))
        // A bound claim keeps its id while its value follows the fact it was bound to: the preparation fits only
        // while the bound values are the ones it was made with.
        var bound = g
        bound.inferred = [s.claims[0].id]
        #expect(!prepared.fits(bound))
        let boundPrepared = builder.prepare(bound)
        #expect(boundPrepared.fits(bound))
        var rebound = bound
        rebound.claims[0].value.min = (rebound.claims[0].value.min ?? 0) + 1
        #expect(!boundPrepared.fits(rebound))
    }
}

/// `sortedByID` against the plain sort it replaces.
struct ClaimOrderTests {
    @Test("id order by packed prefixes equals the plain stable sort", arguments: 0..<10)
    func sortedByIDMatchesPlainSort(seed: Int) {
        var g = ScaleEquivalenceTests.Generator(state: UInt64(seed) &+ 99)
        // Hex ids as extraction makes them, ids sharing 16-byte prefixes, short ids, duplicates, and (for odd seeds)
        // a non-ASCII id that sends the whole batch to the plain sort.
        var ids: [String] = []
        for _ in 0..<300 {
            switch g.int(5) {
            case 0: ids.append("c-" + String(g.next(), radix: 16))
            case 1: ids.append("c-0123456789abcd" + String(g.int(50)))
            case 2: ids.append(String(g.int(30)))
            case 3: ids.append(ids.isEmpty ? "x" : g.pick(ids))
            default: ids.append("feed-row-" + String(g.int(1000)) + "-" + String(g.int(9)))
            }
        }
        if seed % 2 == 1 { ids.append("c-é" + String(g.int(9))) }
        // Quotes tell claims with one id apart, so stability is checked too.
        let claims = ids.enumerated().map { i, id in
            var c = money(id, doc: "d", billions: 1)
            c.quote = "claim \(i)"
            return c
        }
        let plain = claims.sorted { $0.id < $1.id }
        let fast = claims.sortedByID()
        #expect(fast.map(\.id) == plain.map(\.id))
        #expect(fast.map(\.quote) == plain.map(\.quote))
    }
}
