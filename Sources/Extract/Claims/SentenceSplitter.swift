/// A sentence as a code-point range of its document's text.
public struct SentenceSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    /// The sentence's text.
    public var text: String
    /// Index of the paragraph the sentence belongs to.
    public var paragraph: Int
}

/// Splits text into sentences at terminal punctuation and paragraph breaks, keeping code-point offsets.
public enum SentenceSplitter {
    /// Abbreviations after which a period does not end a sentence (common English and news usage).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "capt", "sgt", "gov", "sen", "rep",
        "rs", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig", "vol", "pp", "cf", "e.g", "i.e", "u.s", "u.k", "u.n",
        "a.m", "p.m", "mt", "ft", "km", "bn", "mn",
    ]

    /// The sentences of `text` in order; blank stretches are skipped.
    public static func split(_ text: String) -> [SentenceSpan] {
        let scalars = Array(text.unicodeScalars)
        var result: [SentenceSpan] = []
        var paragraph = 0
        var start = 0
        func emit(_ s: Int, _ e: Int) {
            var a = s, b = e
            while a < b, scalars[a].properties.isWhitespace { a += 1 }
            while b > a, scalars[b - 1].properties.isWhitespace { b -= 1 }
            guard b > a else { return }
            var str = String.UnicodeScalarView()
            str.append(contentsOf: scalars[a..<b])
            result.append(SentenceSpan(start: a, end: b, text: String(str), paragraph: paragraph))
        }
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if c == "\n" {
                // A line break ends a sentence (articles put headings, bylines and paragraphs on lines of their own).
                emit(start, i)
                var j = i
                var newlines = 0
                while j < n, scalars[j].properties.isWhitespace { if scalars[j] == "\n" { newlines += 1 }; j += 1 }
                if newlines >= 1 { paragraph += 1 }
                start = j
                i = j
                continue
            }
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                // Closing quotes and brackets stay with the sentence.
                while j < n, "\"'’”)]".unicodeScalars.contains(scalars[j]) { j += 1 }
                let atEnd = j >= n
                let followedBySpace = !atEnd && scalars[j].properties.isWhitespace
                if (atEnd || followedBySpace) && endsSentence(scalars, period: i, next: j) {
                    emit(start, j)
                    start = j
                    i = j
                    continue
                }
                // "interactions.A total" (a missing space before a capital) still ends the sentence.
                if c == ".", !atEnd, scalars[j].properties.isUppercase, i > 0, scalars[i - 1].properties.isLowercase,
                   !abbreviations.contains(previousWord(scalars, before: i)) , wordLength(scalars, before: i) > 2 {
                    emit(start, j)
                    start = j
                    i = j
                    continue
                }
            }
            i += 1
        }
        emit(start, n)
        return result
    }

    private static func wordLength(_ s: [Unicode.Scalar], before i: Int) -> Int {
        var k = i
        while k > 0, s[k - 1].properties.isAlphabetic { k -= 1 }
        return i - k
    }

    private static func previousWord(_ s: [Unicode.Scalar], before i: Int) -> String {
        var k = i
        while k > 0, s[k - 1].properties.isAlphabetic || s[k - 1] == "." { k -= 1 }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[k..<i])
        return String(v).lowercased()
    }

    private static func endsSentence(_ s: [Unicode.Scalar], period i: Int, next j: Int) -> Bool {
        guard s[i] == "." else { return true }
        let word = previousWord(s, before: i)
        if abbreviations.contains(word) {
            // "U.S." at a sentence end followed by a capitalised word is ambiguous; keep it unless a new paragraph follows.
            return false
        }
        // A single capital letter before the period is an initial ("Vladimir V. Putin").
        if word.count == 1, i > 0, s[i - 1].properties.isUppercase { return false }
        // The next non-space character must start a sentence: a capital, digit, quote or currency sign.
        var k = j
        while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 }
        guard k < s.count else { return true }
        let next = s[k]
        return next.properties.isUppercase || ("0"..."9").contains(next) || "\"'“‘$₹£€(".unicodeScalars.contains(next)
            || next == "\n"
    }
}
