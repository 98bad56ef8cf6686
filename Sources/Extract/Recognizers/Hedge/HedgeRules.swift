import Foundation
public import ClaimModel

/// Hedge and bound words written before a value. Lists written for this project from common news usage.
enum HedgeRules {
    /// One- and two-word phrases and the approximation they set, longest first.
    static let phrases: [([String], Approximation)] = [
        (["in", "excess", "of"], .atLeast), (["no", "less", "than"], .atLeast), (["upwards", "of"], .atLeast),
        (["more", "than"], .atLeast), (["at", "least"], .atLeast), (["greater", "than"], .atLeast),
        (["higher", "than"], .atLeast), (["no", "more", "than"], .atMost), (["less", "than"], .atMost),
        (["fewer", "than"], .atMost), (["up", "to"], .atMost), (["at", "most"], .atMost), (["as", "much", "as"], .atMost),
        (["close", "to"], .approximate), (["an", "estimated"], .approximate), (["as", "many", "as"], .atMost),
        (["over"], .atLeast), (["surpassing"], .atLeast), (["exceeding"], .atLeast), (["above"], .atLeast),
        (["beyond"], .atLeast), (["topping"], .atLeast), (["crossing"], .atLeast), (["under"], .atMost),
        (["below"], .atMost), (["within"], .atMost), (["nearly"], .approximate), (["almost"], .approximate),
        (["approximately"], .approximate), (["about"], .approximate), (["around"], .approximate),
        (["some"], .approximate), (["roughly"], .approximate), (["approx"], .approximate), (["circa"], .approximate),
        (["estimated"], .approximate), (["reportedly"], .approximate), (["nearly"], .approximate),
    ]

    /// The hedge ending just before token `i`: approximation, hedge text, first token of the hedge.
    static func hedge(before i: Int, in t: [Token]) -> (Approximation, String, Int)? {
        for (words, approx) in phrases where words.count <= i {
            let s = i - words.count
            var ok = true
            for (k, w) in words.enumerated() where t[s + k].lower != w { ok = false; break }
            if ok { return (approx, words.joined(separator: " "), s) }
        }
        return nil
    }
}
