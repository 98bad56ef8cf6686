/// A match of a lexicon phrase over words (inclusive word indices).
struct PhraseMatch: Hashable {
    var first: Int
    var last: Int
    var value: String
    var phrase: String
}

/// Phrases (lower-case word sequences) mapped to values, matched longest-first over a sentence's words.
struct PhraseLexicon: Sendable {
    private var byFirstWord: [String: [(words: [String], value: String, phrase: String)]] = [:]

    init(_ entries: [(String, String)]) {
        for (phrase, value) in entries {
            let words = WordTokenizer.words(Array(phrase.lowercased().unicodeScalars)).words.map(\.lower)
            guard let head = words.first else { continue }
            byFirstWord[head, default: []].append((words, value, phrase))
        }
        for key in byFirstWord.keys {
            // Longest first; ties by value so matching is deterministic whatever the dictionary order.
            byFirstWord[key]?.sort { ($0.words.count, $1.value) > ($1.words.count, $0.value) }
        }
    }

    /// Non-overlapping matches, longest first at each position.
    func matches(in words: [Word]) -> [PhraseMatch] {
        var result: [PhraseMatch] = []
        var i = 0
        while i < words.count {
            var matched = false
            for candidate in byFirstWord[words[i].lower] ?? [] {
                let n = candidate.words.count
                guard i + n <= words.count else { continue }
                var ok = true
                for k in 0..<n where words[i + k].lower != candidate.words[k] {
                    // Possessives match their base ("india's" for "india").
                    if k == n - 1, words[i + k].lower == candidate.words[k] + "'s" || words[i + k].lower == candidate.words[k] + "’s" { continue }
                    ok = false
                    break
                }
                if ok {
                    result.append(PhraseMatch(first: i, last: i + n - 1, value: candidate.value, phrase: candidate.phrase))
                    i += n
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return result
    }
}
