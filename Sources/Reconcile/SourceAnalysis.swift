public import ClaimModel
import Foundation

/// Source names, copying between documents, and the witness classes that follow from it.
public enum SourceAnalysis {
    /// The outlet a sourcing line names ("Based On ANI Report" -> "ANI", "Source: aajtak" -> "aajtak"), or nil.
    public static func outlet(inAttribution line: String) -> String? {
        var s = line.trimmingCharacters(in: .whitespacesAndNewlines)
        // Lead-ins and tails that frame an outlet name in sourcing lines.
        let prefixes = ["based on", "source:", "sources:", "source -", "courtesy:", "courtesy of", "courtesy", "with inputs from",
                        "inputs from", "via", "from", "(c)", "©", "reported by", "according to"]
        let suffixes = ["report", "reports", "inputs", "input", "agency", "copy", "feed", "wire"]
        var changed = true
        while changed {
            changed = false
            let lower = s.lowercased()
            for p in prefixes where lower.hasPrefix(p) {
                s = String(s.dropFirst(p.count)).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)); changed = true; break
            }
            let lower2 = s.lowercased()
            for x in suffixes where lower2.hasSuffix(" " + x) {
                s = String(s.dropLast(x.count)).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)); changed = true; break
            }
        }
        if s.lowercased().hasPrefix("an ") || s.lowercased().hasPrefix("the ") {
            s = String(s.drop(while: { $0 != " " })).trimmingCharacters(in: .whitespaces)
        }
        return s.isEmpty ? nil : s
    }

    /// The name a document is counted under: its site, else the outlet of its first attribution, else its author,
    /// else its file name without extension.
    public static func sourceName(for document: Document) -> String {
        if let site = document.site?.trimmingCharacters(in: .whitespaces), !site.isEmpty { return site }
        for line in document.attributions { if let o = outlet(inAttribution: line) { return o } }
        if let author = document.author?.trimmingCharacters(in: .whitespaces), !author.isEmpty { return author }
        let file = document.path.split(separator: "/").last.map(String.init) ?? document.path
        if let dot = file.lastIndex(of: "."), dot > file.startIndex { return String(file[..<dot]) }
        return file
    }

    /// Word 5-grams of a text, hashed; used to find near-duplicate passages.
    static func shingles(_ text: String, size: Int = 5) -> Set<Int> {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard words.count >= size else { return [] }
        var out = Set<Int>()
        for i in 0...(words.count - size) {
            var h = Hasher()
            for w in words[i..<(i + size)] { h.combine(w) }
            out.insert(h.finalize())
        }
        return out
    }

    /// Who copies whom, by source name: attribution lines naming another outlet, and near-duplicate text.
    ///
    /// Of two near-duplicates the later-published one copies; when that cannot be told, each is marked as copying the other.
    /// `plain` finds them with `CopyDetection.plainNearDuplicates`, the reference, instead (the same links).
    ///
    /// `texts`, when given, are the texts of `documents`, which then come in id order, read by copy detection in place
    /// of `Document.text` (see `CopyDetection.Texts`: a releasing one frees each text as it is read for the last time).
    static func copies(documents: [Document], names: [String: String], overlap: Double, plain: Bool = false,
                       texts: CopyDetection.Texts? = nil,
                       stats: ((CopyDetection.Stats) -> Void)? = nil) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for d in documents {
            guard let name = names[d.id] else { continue }
            for line in d.attributions {
                if let o = outlet(inAttribution: line), o.lowercased() != name.lowercased() { out[name, default: []].insert(o) }
            }
        }
        // Given texts, the documents come in id order already (the texts follow it).
        let sorted = texts == nil ? documents.sorted { $0.id < $1.id } : documents
        // Pairs sharing enough 5-grams, found through an index rather than by comparing every pair (CopyDetection).
        let sortedNames = sorted.map { names[$0.id] }
        // Source names as numbers, and the links copying adds as number pairs beside `out`: whether a pair is settled
        // is asked for hundreds of thousands of pairs, and this way takes no string hashing or array.
        var numbers: [String: Int] = [:]
        for name in sortedNames.compactMap({ $0 }) where numbers[name] == nil { numbers[name] = numbers.count }
        let sources = numbers.count
        let number = sortedNames.map { $0.flatMap { numbers[$0] } }
        let nameOf = numbers.sorted { $0.value < $1.value }.map(\.key)
        var linked = Set<Int>()  // copier · sources + copied
        for (copier, copied) in out {
            guard let a = numbers[copier] else { continue }
            for name in copied { if let b = numbers[name] { linked.insert(a * sources + b) } }
        }
        // The links a pair adds (copier · sources + copied; -1 for none): the later-published copies; when that
        // cannot be told, each is marked as copying the other.
        func links(_ i: Int, _ j: Int) -> (Int, Int) {
            guard let a = number[i], let b = number[j], a != b else { return (-1, -1) }
            let pi = sorted[i].published, pj = sorted[j].published
            if let pi, let pj, pi != pj { return (pi < pj ? b * sources + a : a * sources + b, -1) }
            return (a * sources + b, b * sources + a)
        }
        // A pair is settled when every link it could add is already there (inserting again changes nothing).
        func settled(_ i: Int, _ j: Int) -> Bool {
            let (first, second) = links(i, j)
            return (first < 0 || linked.contains(first)) && (second < 0 || linked.contains(second))
        }
        func found(_ i: Int, _ j: Int) {
            let (first, second) = links(i, j)
            for link in [first, second] where link >= 0 && linked.insert(link).inserted {
                out[nameOf[link / sources], default: []].insert(nameOf[link % sources])
            }
        }
        let read = texts ?? CopyDetection.Texts(sorted.map(\.text), releasing: false)
        let counts = plain
            ? CopyDetection.plainNearDuplicates(texts: read, names: sortedNames, overlap: overlap, settled: settled, found: found)
            : CopyDetection.nearDuplicates(texts: read, names: sortedNames, overlap: overlap, settled: settled, found: found)
        stats?(counts)
        return out
    }

    /// Witness class per source name: sources linked by copying (directly or through a shared outlet) share one.
    static func witnessClasses(names: Set<String>, copies: [String: Set<String>]) -> [String: String] {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        let all = names.union(copies.keys).union(copies.values.flatMap { $0 })
        for n in all { parent[n] = n }
        for (a, targets) in copies {
            for b in targets {
                let ra = find(a), rb = find(b)
                if ra != rb { if ra < rb { parent[rb] = ra } else { parent[ra] = rb } }
            }
        }
        var out: [String: String] = [:]
        for n in names { out[n] = find(n) }
        return out
    }
}
