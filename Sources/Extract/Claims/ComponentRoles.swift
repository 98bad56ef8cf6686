public import ClaimModel
import Foundation

/// Marks a value the text presents as a part of another value of the same sentence with the role
/// `component-of:<metric of the whole>`, which the reconcile stage reads ("50 percent tariffs, including a 25% duty
/// linked to Russian crude": the 25% is a component, not a rival figure for the tariffs).
public enum ComponentRoles {
    /// Cues between a whole and a smaller value after it that make the later value a part of the whole.
    ///
    /// Source: common English phrasing of inclusion ("including", "of which", "comprising"), written for this rule.
    static let partAfterWhole: [[String]] = [
        ["including"], ["includes"], ["included"], ["of", "which"], ["comprising"], ["comprises"], ["made", "up", "of"],
        ["consisting", "of"], ["among", "them"], ["incl"],
    ]
    /// Cues between a smaller value and a whole after it that make the earlier value a part of the whole.
    static let partBeforeWhole: [[String]] = [
        ["of", "the"], ["out", "of"], ["part", "of"], ["within"], ["within", "the"], ["as", "part", "of"], ["part", "of", "the"],
        ["out", "of", "the"], ["of", "a", "total"], ["of", "the", "total"], ["share", "of"], ["share", "of", "the"],
    ]
    /// Most words allowed between the two values, so that unrelated values of a long sentence are not paired.
    static let maximumGap = 12

    /// Sets `role` on the parts among `claims` found in one sentence; claims that already have a role are left alone.
    ///
    /// `sentenceStart` is the sentence's offset in the document (code points), so that claim spans map into `sentenceText`.
    public static func assign(_ claims: inout [Claim], sentenceText: String, sentenceStart: Int) {
        let scalars = Array(sentenceText.unicodeScalars)
        func words(_ from: Int, _ to: Int) -> [String]? {
            let a = from - sentenceStart, b = to - sentenceStart
            guard a >= 0, b <= scalars.count, a <= b else { return nil }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[a..<b])
            return String(text).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let order = claims.indices.sorted { claims[$0].span[0] < claims[$1].span[0] }
        for (n, i) in order.enumerated() {
            for j in order[(n + 1)...] {
                let first = claims[i], second = claims[j]
                guard first.span.count == 2, second.span.count == 2, first.value.dimension == second.value.dimension,
                      first.value.dimension != .date, first.value.unit == second.value.unit,
                      let a = point(first), let b = point(second), a != b,
                      let between = words(first.span[1], second.span[0]), between.count <= maximumGap else { continue }
                if b < a, second.role == nil, endsWithCue(between, partAfterWhole) {
                    claims[j].role = "component-of:\(first.metric)"
                } else if a < b, first.role == nil, endsWithCue(between, partBeforeWhole) {
                    claims[i].role = "component-of:\(second.metric)"
                }
            }
        }
    }

    /// Whether `words` end with one of the cues, articles aside ("tariffs, including a" ends with "including").
    static func endsWithCue(_ words: [String], _ cues: [[String]]) -> Bool {
        let filler: Set<String> = ["a", "an", "the", "its", "their", "this", "that", "some"]
        var trimmed = words
        while let last = trimmed.last, filler.contains(last) { trimmed.removeLast() }
        return cues.contains { cue in Array(trimmed.suffix(cue.count)) == cue || Array(words.suffix(cue.count)) == cue }
    }

    /// The value as one number: the exact value, a range's midpoint, or its one bound.
    static func point(_ claim: Claim) -> Decimal? {
        switch (claim.value.min, claim.value.max) {
        case let (a?, b?): return (a + b) / 2
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }
}
