import Foundation

/// A problem in a structured claim feed, with the 1-based line it was found on.
public struct FuseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line of the feed.
    public var line: Int
    /// What was wrong, lower-case, culprit in single quotes.
    public var message: String
    /// Creates an error for a line.
    public init(line: Int, message: String) { self.line = line; self.message = message }
    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}

/// Reconciles a structured `object attribute value source` feed into one value per object and attribute.
///
/// Values are normalised by a kind detected per attribute (times, numbers, name lists, codes), then an
/// iterative weighted vote estimates each source's accuracy (truth discovery); sources found to copy one
/// another vote as one witness.
public enum Fuser {
    /// Tuning of the vote; the defaults are what `claimtrack fuse` uses.
    public struct Options: Sendable, Equatable {
        /// Accuracy every source starts from.
        public var prior: Double = 0.8
        /// Pseudo-observations pulling an estimated accuracy towards `prior` (few claims, little movement).
        public var priorWeight: Double = 2
        /// Rounds of vote / accuracy re-estimation.
        public var iterations: Int = 10
        /// Items two sources must share before they can be judged copies.
        public var copyMinimumShared: Int = 20
        /// Share of shared items two copies agree on (same normal form).
        public var copyAgreement: Double = 0.95
        /// Share of the items where either is wrong on which both give the same wrong value.
        public var copySharedErrors: Double = 0.6
        /// How much leaving a name out of a list counts against that name, relative to writing it; nil estimates
        /// it from the feed (see `FeedVote.omissionRatio`).
        public var omissionWeight: Double?
        /// How values are chosen.
        public var method: Method = .truthDiscovery
        /// Creates the defaults.
        public init() {}
    }

    /// The ways `fuse` can choose a value.
    public enum Method: String, Sendable, CaseIterable {
        /// Iterative weighted vote with per-source accuracies and copy detection (the default).
        case truthDiscovery = "truth-discovery"
        /// One vote per source on each value's normal form; the baseline benchmarks compare against.
        case majority
    }

    /// Reads a `object attribute value source` TSV and returns `object attribute value` rows, one per object+attribute.
    public static func fuse(tsv: String) throws -> [(object: String, attribute: String, value: String)] {
        try fuse(tsv: tsv, options: Options())
    }

    /// Same as `fuse(tsv:)` with explicit options.
    public static func fuse(tsv: String, options: Options) throws -> [(object: String, attribute: String, value: String)] {
        let feed = try FeedTable(tsv: tsv)
        var vote = FeedVote(feed: feed, options: options)
        switch options.method {
        case .truthDiscovery: vote.run()
        case .majority: vote.runMajority()
        }
        return vote.winners()
    }
}

/// A parsed feed: interned objects, attributes and sources, one first claim per source and item.
struct FeedTable {
    struct Claim { var item: Int; var source: Int; var raw: Int }
    var items: [(object: String, attribute: String)] = []
    var attributeOfItem: [Int] = []
    var attributes: [String] = []
    var sources: [String] = []
    var raws: [String] = []
    var claims: [Claim] = []

    init(tsv: String) throws {
        var itemIndex: [String: Int] = [:]
        var attributeIndex: [String: Int] = [:]
        var sourceIndex: [String: Int] = [:]
        var rawIndex: [String: Int] = [:]
        var seen = Set<Int>()
        var headerSeen = false
        let bytes = Array(tsv.utf8)
        var lineNumber = 0
        var lineStart = 0
        var fieldEnds: [Int] = []
        // Byte-level splitting: Foundation's string helpers dominate the run time on large feeds.
        func field(_ from: Int, _ to: Int) -> String {
            var a = from, b = to
            while a < b, bytes[a] == 32 { a += 1 }
            while b > a, bytes[b - 1] == 32 || bytes[b - 1] == 13 { b -= 1 }
            return String(decoding: bytes[a..<b], as: UTF8.self)
        }
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            fieldEnds.removeAll(keepingCapacity: true)
            var blank = true
            for i in lineStart..<lineEnd {
                if bytes[i] == 9 { fieldEnds.append(i) } else if bytes[i] != 32 && bytes[i] != 13 { blank = false }
            }
            if blank { continue }
            fieldEnds.append(lineEnd)
            var fields: [String] = []
            var from = lineStart
            for e in fieldEnds.prefix(4) { fields.append(field(from, e)); from = e + 1 }
            let shown = String(decoding: bytes[lineStart..<min(lineEnd, lineStart + 80)], as: UTF8.self)
            if !headerSeen {
                headerSeen = true
                guard fields.map({ $0.lowercased() }) == ["object", "attribute", "value", "source"] else {
                    throw FuseError(line: lineNumber, message: "expected the tab-separated header 'object attribute value source', found '\(shown)'")
                }
                continue
            }
            guard fields.count >= 4 else {
                throw FuseError(line: lineNumber, message: "expected 4 tab-separated fields, found \(fields.count) in '\(shown)'")
            }
            let object = fields[0], attribute = fields[1], value = fields[2], source = fields[3]
            guard !object.isEmpty else { throw FuseError(line: lineNumber, message: "empty object in '\(shown)'") }
            guard !value.isEmpty else { continue }  // an empty value is not a claim
            let key = object + "\t" + attribute
            let item: Int
            if let i = itemIndex[key] { item = i } else {
                item = items.count; itemIndex[key] = item; items.append((object, attribute))
                let a: Int
                if let x = attributeIndex[attribute] { a = x } else { a = attributes.count; attributeIndex[attribute] = a; attributes.append(attribute) }
                attributeOfItem.append(a)
            }
            let s: Int
            if let x = sourceIndex[source] { s = x } else { s = sources.count; sourceIndex[source] = s; sources.append(source) }
            // Keep a source's first claim per item: a second listing of the same thing is not a second witness.
            guard seen.insert(item &* 1_000_003 &+ s).inserted else { continue }
            let r: Int
            if let x = rawIndex[value] { r = x } else { r = raws.count; rawIndex[value] = r; raws.append(value) }
            claims.append(Claim(item: item, source: s, raw: r))
        }
        if !headerSeen { throw FuseError(line: 1, message: "expected the tab-separated header 'object attribute value source', found an empty file") }
    }
}
