import Foundation

/// A read-only map from words to values, for the rule packs' word lists.
///
/// The grammars look words up many times per token; a `Dictionary<String, _>` pays for a SipHash of the word
/// (seeded per process, a few hundred instructions) on every look-up. Nearly every word asked for is a small string
/// (at most 15 UTF-8 bytes, stored inline in the `String` value, the same bits for the same text), so for those the
/// table hashes and compares the value's two machine words: a handful of instructions. Any other string goes through
/// FNV-1a over its UTF-8 bytes and a full string comparison. Whether small strings really are laid out that way is
/// checked when a table is built (`SmallStrings.layoutHolds`); if not, every look-up takes the byte path. Either way the
/// answers are those of the dictionary it replaces, for keys that no other sequence of code points spells canonically
/// equivalently (a `Dictionary` would also match "e" + U+0301 to a key "é"): ASCII words, and the few non-ASCII keys
/// in use ("µg", "元", "ரூ"); a test checks every table's keys for this.
struct WordTable<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    private struct Entry: Sendable {
        var hash: UInt64
        var word: String
        var value: Value
    }

    private let entries: [Entry]
    /// Open-addressing slots: 0 empty, else 1 + the index of an entry.
    private let slots: [Int32]
    private let mask: Int
    /// The small words by their two machine words: slots (as above) and the words' bits, side by side.
    private let smallSlots: [Int32]
    private let smallBits: [UInt64]
    /// Whether the small-string path is used (see the type's comment).
    private let fast: Bool

    init(_ pairs: [(String, Value)]) {
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for (word, value) in pairs {
            // A repeated key keeps its last value, as a dictionary built by assignment would.
            if let k = seen[word] { entries[k].value = value; continue }
            seen[word] = entries.count
            entries.append(Entry(hash: WordTable.hash(word), word: word, value: value))
        }
        var size = 8
        while size < 2 * entries.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (k, e) in entries.enumerated() {
            var i = Int(truncatingIfNeeded: e.hash) & (size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = Int32(k + 1)
        }
        // Small words, re-created from their bytes so each has the inline form.
        var small: [(bits: (UInt64, UInt64), entry: Int)] = []
        for (k, e) in entries.enumerated() where e.word.utf8.count <= 15 {
            let b = SmallStrings.bits(String(decoding: Array(e.word.utf8), as: UTF8.self))
            small.append((b, k))
        }
        let fast = SmallStrings.layoutHolds && small.allSatisfy { SmallStrings.isSmall($0.bits) }
        var smallSlots = [Int32](repeating: 0, count: size)
        var smallBits = [UInt64](repeating: 0, count: 2 * size)
        if fast {
            for (b, k) in small {
                var i = WordTable.mix(b) & (size - 1)
                while smallSlots[i] != 0 { i = (i + 1) & (size - 1) }
                smallSlots[i] = Int32(k + 1)
                smallBits[2 * i] = b.0
                smallBits[2 * i + 1] = b.1
                // Keep the inline form as the stored word too, so `entries` and the small index agree.
                entries[k].word = String(decoding: Array(entries[k].word.utf8), as: UTF8.self)
            }
        }
        self.entries = entries
        self.slots = slots
        self.smallSlots = smallSlots
        self.smallBits = smallBits
        self.fast = fast
        mask = size - 1
    }

    @inline(__always) static func mix(_ b: (UInt64, UInt64)) -> Int {
        let h = (b.0 &* 0x9E37_79B9_7F4A_7C15) ^ (b.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }


    init(_ dictionary: [String: Value]) {
        self.init(dictionary.map { ($0.key, $0.value) })
    }

    init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes.
    @inline(__always) static func hash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The value stored for `word`, if any.
    subscript(_ word: String) -> Value? {
        let b = SmallStrings.bits(word)
        if fast, SmallStrings.isSmall(b) {
            // Same bits, same text; a small word cannot equal a longer key.
            var i = WordTable.mix(b) & mask
            while true {
                let s = smallSlots[i]
                if s == 0 { return nil }
                if smallBits[2 * i] == b.0, smallBits[2 * i + 1] == b.1 { return entries[Int(s) - 1].value }
                i = (i + 1) & mask
            }
        }
        let h = WordTable.hash(word)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            let e = entries[Int(s) - 1]
            if e.hash == h, e.word == word { return e.value }
            i = (i + 1) & mask
        }
    }

    /// Every word in the table.
    var keys: [String] { entries.map(\.word) }
    var count: Int { entries.count }
}

/// A read-only set of words with `WordTable`'s look-up.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    private let table: WordTable<Bool>

    init<S: Sequence>(_ words: S) where S.Element == String {
        table = WordTable(words.map { ($0, true) })
    }

    init(arrayLiteral elements: String...) {
        self.init(elements)
    }

    /// Whether `word` is in the set.
    @inline(__always) func contains(_ word: String) -> Bool { table[word] != nil }

    var words: [String] { table.keys }
}

/// The inline form of short strings that `WordTable` relies on, and the check that it holds.
enum SmallStrings {
    /// A string value's two machine words.
    @inline(__always) static func bits(_ s: String) -> (UInt64, UInt64) { unsafeBitCast(s, to: (UInt64, UInt64).self) }

    /// Whether the words are those of an inline (small) string: bit 61 of the second word on 64-bit platforms.
    @inline(__always) static func isSmall(_ b: (UInt64, UInt64)) -> Bool { b.1 & (1 << 61) != 0 }

    /// Whether small strings have the layout the fast path relies on: inline, one set of bits per text however the
    /// string was made, different bits for different texts, and longer strings not inline.
    static let layoutHolds: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        let made = [
            String(decoding: Array("march".utf8), as: UTF8.self), "MARCH".lowercased(),
            String(String.UnicodeScalarView("march".unicodeScalars)), String("xmarchx".dropFirst().dropLast()),
        ]
        let b = bits("march")
        return isSmall(b) && made.allSatisfy { bits($0) == b } && bits("marci") != b && bits("") != b
            && !isSmall(bits(String(repeating: "march", count: 4)))
    }()
}
