/// A word of a sentence with its code-point range (sentence-relative) and lower-cased form.
struct Word: Hashable {
    var lower: String
    var original: String
    var start: Int
    var end: Int
    /// Whether the word starts with a capital letter.
    var isCapitalized: Bool { original.unicodeScalars.first?.properties.isUppercase ?? false }
}

/// Splits a sentence into words (letters, digits, inner apostrophes and hyphens; "U.S." kept whole) and marks clause breaks.
enum WordTokenizer {
    static func words(_ scalars: [Unicode.Scalar]) -> (words: [Word], clauseBreaks: [Int]) {
        var words: [Word] = []
        var breaks: [Int] = []  // indices into `words` before which a clause break (, ; : — –) occurs
        var i = 0
        let n = scalars.count
        func isWordChar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < n {
            let c = scalars[i]
            if isWordChar(c) {
                var j = i + 1
                while j < n {
                    let d = scalars[j]
                    if isWordChar(d) { j += 1; continue }
                    // Inner apostrophes and hyphens join ("India's", "Russia-India"); a period joins initialisms ("U.S.").
                    if (d == "'" || d == "’" || d == "-"), j + 1 < n, isWordChar(scalars[j + 1]) { j += 2; continue }
                    if d == ".", j - i == 1 || (j >= 2 && scalars[j - 2] == "."), j + 1 < n, scalars[j + 1].properties.isUppercase,
                       j + 2 >= n || scalars[j + 2] == "." {
                        j += 2
                        if j < n, scalars[j] == "." { j += 1 }
                        continue
                    }
                    break
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[i..<j])
                let original = String(view)
                words.append(Word(lower: original.lowercased(), original: original, start: i, end: j))
                i = j
                continue
            }
            if c == "," || c == ";" || c == ":" || c == "—" || c == "–" || c == "(" || c == ")" {
                // A hyphen-like dash between digits is a range, not a clause break.
                let digitsAround = i > 0 && i + 1 < n && ("0"..."9").contains(scalars[i - 1]) && ("0"..."9").contains(scalars[i + 1])
                if !digitsAround { breaks.append(words.count) }
            }
            i += 1
        }
        return (words, breaks)
    }
}
