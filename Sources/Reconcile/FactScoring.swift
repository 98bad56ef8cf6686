import ClaimModel
import Foundation

/// A claim's value reduced to what `Compare.compatible` reads, with its tolerance intervals computed once.
///
/// `Compare.compatible` goes through this type, so the fast paths below and the plain comparison cannot drift apart.
struct ComparableValue {
    let unit: String?
    /// The canonical unit when Normalize converted the value, else nil.
    let canonicalUnit: String?
    /// The value's own interval widened by its tolerance.
    let plain: Span
    /// The canonical interval widened by the tolerance plus the rate spread, when converted.
    let canonical: Span?

    init(_ c: Claim, options: ReconcileOptions) {
        unit = c.value.unit
        plain = Span.of(c, options: options)
        if let k = c.value.canonical, k.isConverted {
            canonicalUnit = k.unit
            let rel = Decimal(c.approximation == .exact && c.hedge == nil ? options.tolerance : options.approximateTolerance)
            canonical = UnitComparison.span(c, relative: rel)
        } else {
            canonicalUnit = nil
            canonical = nil
        }
    }

    /// Whether the tolerance intervals overlap: canonical values when the units differ and both were converted to the
    /// same base, the values as stated otherwise.
    func compatible(_ o: ComparableValue) -> Bool {
        if unit != o.unit, let a = canonicalUnit, a == o.canonicalUnit, let x = canonical, let y = o.canonical {
            return x.overlaps(y)
        }
        return plain.overlaps(o.plain)
    }
}

/// Claims of one fact grouped by what every comparison reads (value, approximation, whether hedged), so each
/// comparison is made once per pair of distinct values rather than once per pair of claims.
///
/// Near-copies of one article state the same few values thousands of times; a fact of n claims with m distinct values
/// costs O(n + m²) here instead of O(n²).
struct ValueSignatures {
    private struct Key: Hashable {
        var value: ClaimValue
        var approximation: Approximation
        var hedged: Bool
    }

    /// Signature of each claim, by claim id.
    private(set) var of: [String: Int] = [:]
    /// One claim per signature (the first seen).
    private(set) var representative: [Claim] = []
    private(set) var comparable: [ComparableValue] = []
    private var agreeMemo: [Int: Bool] = [:]
    let options: ReconcileOptions

    init(_ claims: [Claim], options: ReconcileOptions) {
        self.options = options
        var keys: [Key: Int] = [:]
        of.reserveCapacity(claims.count)
        for c in claims {
            let key = Key(value: c.value, approximation: c.approximation, hedged: c.hedge != nil)
            if let s = keys[key] { of[c.id] = s; continue }
            let s = representative.count
            keys[key] = s
            of[c.id] = s
            representative.append(c)
            comparable.append(ComparableValue(c, options: options))
        }
    }

    var count: Int { representative.count }

    func compatible(_ a: Int, _ b: Int) -> Bool { comparable[a].compatible(comparable[b]) }

    /// `Compare.agree` of two signatures, memoised.
    mutating func agree(_ a: Int, _ b: Int) -> Bool {
        let key = a &* 1_000_003 &+ b
        if let known = agreeMemo[key] { return known }
        let r = Compare.agree(representative[a], representative[b], options: options)
        agreeMemo[key] = r
        return r
    }
}

/// Support and coherence of every candidate value of a pool, computed once per distinct value.
struct PoolScores {
    /// Pool signatures (indexes into `signatures`), in order of first appearance in the pool.
    private let sigs: [Int]
    private let local: [Int: Int]
    /// compatible(sigs[i], sigs[j]) as a bit matrix.
    private let matrix: [UInt64]
    private let words: Int
    /// Per pool signature: (witness class index, best weight of its claims in that class).
    private let classWeights: [[(Int, Double)]]
    /// Per distinct (value, approximation): its pool signatures in order of first appearance.
    private let byStatedValue: [[Int]]
    /// All pool claims share one unit, so compatibility is the overlap of one interval each.
    private let oneUnit: Bool
    private var supportMemo: [Int: Double] = [:]
    private var coherentMemo: [Int: Bool] = [:]
    private let table: ValueSignatures

    init(pool: [Claim], signatures: ValueSignatures, weight: (Claim) -> Double, witness: (Claim) -> String) {
        table = signatures
        var sigs: [Int] = []
        var local: [Int: Int] = [:]
        var classIndex: [String: Int] = [:]
        var weights: [[Int: Double]] = []
        var statedIndex: [StatedKey: Int] = [:]
        var byStated: [[Int]] = []
        for c in pool {
            let s = signatures.of[c.id]!
            let l: Int
            if let known = local[s] {
                l = known
            } else {
                l = sigs.count
                local[s] = l
                sigs.append(s)
                weights.append([:])
                let key = StatedKey(value: c.value, approximation: c.approximation)
                if let v = statedIndex[key] { byStated[v].append(l) } else { statedIndex[key] = byStated.count; byStated.append([l]) }
            }
            let k: Int
            let name = witness(c)
            if let known = classIndex[name] { k = known } else { k = classIndex.count; classIndex[name] = k }
            let w = weight(c)
            if w > (weights[l][k] ?? 0) { weights[l][k] = w }
        }
        let m = sigs.count
        let words = (m + 63) / 64
        var matrix = [UInt64](repeating: 0, count: m * words)
        for i in 0..<m {
            if signatures.compatible(sigs[i], sigs[i]) { matrix[i * words + i / 64] |= 1 << UInt64(i % 64) }
            for j in (i + 1)..<max(i + 1, m) where signatures.compatible(sigs[i], sigs[j]) {
                matrix[i * words + j / 64] |= 1 << UInt64(j % 64)
                matrix[j * words + i / 64] |= 1 << UInt64(i % 64)
            }
        }
        self.sigs = sigs
        self.local = local
        self.matrix = matrix
        self.words = words
        classWeights = weights.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        byStatedValue = byStated
        let units = Set(sigs.map { signatures.representative[$0].value.unit })
        oneUnit = units.count <= 1
    }

    private struct StatedKey: Hashable {
        var value: ClaimValue
        var approximation: Approximation
    }

    private func bit(_ i: Int, _ j: Int) -> Bool { matrix[i * words + j / 64] & (1 << UInt64(j % 64)) != 0 }

    /// Whether two pool claims are compatible, by signature.
    func compatible(_ a: Claim, _ b: Claim) -> Bool {
        guard let i = table.of[a.id].flatMap({ local[$0] }), let j = table.of[b.id].flatMap({ local[$0] }) else {
            return Compare.compatible(a, b, options: table.options)
        }
        return bit(i, j)
    }

    /// `FactBuilder.support(of: c, among: pool)`: per witness class, the best weight of a claim compatible with `c`.
    mutating func support(of c: Claim) -> Double {
        let i = local[table.of[c.id]!]!
        if let known = supportMemo[i] { return known }
        var best: [Int: Double] = [:]
        for j in 0..<sigs.count where bit(i, j) {
            for (k, w) in classWeights[j] where w > (best[k] ?? 0) { best[k] = w }
        }
        // Summed in class order: a dictionary's order differs between instances, and so would the last bit of the sum.
        let s = best.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        supportMemo[i] = s
        return s
    }

    /// `FactBuilder.isCoherent(pool.filter { compatible(c, $0) })`: the compatible claims, one per distinct stated value
    /// (the first in pool order), are pairwise compatible.
    mutating func coherent(_ c: Claim) -> Bool {
        let i = local[table.of[c.id]!]!
        if let known = coherentMemo[i] { return known }
        var chosen: [Int] = []
        for group in byStatedValue {
            if let first = group.first(where: { bit(i, $0) }) { chosen.append(first) }
        }
        var ok = true
        if oneUnit {
            // One unit: compatibility is interval overlap, and intervals overlap pairwise exactly when the largest lower
            // end is at most the smallest upper end.
            var lo: Decimal?
            var hi: Decimal?
            for j in chosen {
                let span = table.comparable[sigs[j]].plain
                if let l = span.lo, lo.map({ l > $0 }) ?? true { lo = l }
                if let h = span.hi, hi.map({ h < $0 }) ?? true { hi = h }
            }
            if let lo, let hi, lo > hi { ok = false }
        } else {
            outer: for a in chosen.indices {
                for b in chosen.indices where b > a && !bit(chosen[a], chosen[b]) { ok = false; break outer }
            }
        }
        coherentMemo[i] = ok
        return ok
    }
}

extension FactBuilder {
    /// `supersessions` in O(n log n + n·m): the same rules, with sorted lists and binary search instead of a scan of the
    /// whole group per claim.
    func fastSupersessions(_ claims: [Claim], signatures: inout ValueSignatures) -> [String: Claim] {
        var out = fastRevisions(claims, signatures: &signatures)
        // Non-hedged dated claims by (date, id); the firm (reported) ones and the forecasts/targets apart.
        let dated = claims.compactMap { y -> (Int, Claim)? in
            guard y.modality != .hedged, let dy = witnesses.published(y) else { return nil }
            return (dy.dayNumber, y)
        }.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
        let reported = dated.filter { $0.1.modality == .reported }
        let softer = dated.filter { $0.1.modality != .reported }
        var notAgreeing: [Int: [(Int, Claim)]] = [:]
        func firstAfter(_ list: [(Int, Claim)], _ day: Int) -> (Int, Claim)? {
            var lo = 0, hi = list.count
            while lo < hi { let mid = (lo + hi) / 2; if list[mid].0 > day { hi = mid } else { lo = mid + 1 } }
            return lo < list.count ? list[lo] : nil
        }
        for x in claims where (x.modality == .forecast || x.modality == .hedged) && out[x.id] == nil {
            guard let dx = witnesses.published(x)?.dayNumber else { continue }
            var found: (Int, Claim)?
            if x.modality == .hedged {
                found = firstAfter(dated, dx)
            } else {
                // A later forecast repeating the same figure confirms it; a firmer report or a different figure replaces it.
                let sx = signatures.of[x.id]!
                if notAgreeing[sx] == nil {
                    notAgreeing[sx] = softer.filter { !signatures.agree(sx, signatures.of[$0.1.id]!) }
                }
                let a = firstAfter(reported, dx), b = firstAfter(notAgreeing[sx] ?? [], dx)
                if let a, let b { found = (a.0, a.1.id) < (b.0, b.1.id) ? a : b } else { found = a ?? b }
            }
            if let found { out[x.id] = found.1 }
        }
        return out
    }

    /// `revisions` per source: each claim meets only its own source's later claims, filtered once per distinct value.
    func fastRevisions(_ claims: [Claim], signatures: inout ValueSignatures) -> [String: Claim] {
        var out: [String: Claim] = [:]
        var bySource: [String: [(Int, Claim)]] = [:]
        for y in claims {
            guard let dy = witnesses.published(y) else { continue }
            bySource[witnesses.source(y), default: []].append((dy.dayNumber, y))
        }
        for (_, list) in bySource {
            let sorted = list.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
            guard sorted.count > 1 else { continue }
            var qualifying: [Int: [(Int, Claim)]] = [:]
            for (dx, x) in sorted {
                let fx = FactBuilder.firmness(x.modality)
                let sx = signatures.of[x.id]!
                let key = sx * 3 + fx
                if qualifying[key] == nil {
                    qualifying[key] = sorted.filter { (_, y) in
                        let sy = signatures.of[y.id]!
                        return FactBuilder.firmness(y.modality) >= fx && !signatures.agree(sx, sy)
                            && !(x.value.isDate ? false : x.value.min == y.value.min && x.value.max == y.value.max)
                    }
                }
                let list = qualifying[key] ?? []
                var lo = 0, hi = list.count
                while lo < hi { let mid = (lo + hi) / 2; if list[mid].0 > dx { hi = mid } else { lo = mid + 1 } }
                while lo < list.count {
                    let y = list[lo].1
                    if y.id != x.id && y.document != x.document { out[x.id] = y; break }
                    lo += 1
                }
            }
        }
        return out
    }
}
