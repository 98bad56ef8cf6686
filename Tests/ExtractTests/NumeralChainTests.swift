@testable import Extract
import Foundation
import Testing

/// Digit chains ("1,234,567", "1 000 000") are read from a bounded number of groups, so a long list of numbers joined
/// by commas costs linear time (the recognizers fuzz target once took over 20 s on 2,800 of them: every position walked
/// the rest of the list).
@Suite("numeral digit chains")
struct NumeralChainTests {
    @Test("a chain longer than any number is cut after maxGroups groups")
    func bounded() throws {
        let groups = NumeralRules.maxGroups + 8
        let t = Tokenizer.tokenize("1" + String(repeating: ",000", count: groups - 1))
        let chain = try #require(NumeralRules.digitChain(t, at: 0))
        // Group k (0-based) ends at token 2k: the chain stops at the last group it may read.
        #expect(chain.next == 2 * NumeralRules.maxGroups - 1)
        #expect(chain.text == "1" + String(repeating: "000", count: NumeralRules.maxGroups - 1))
    }

    @Test("numbers up to the bound read whole")
    func ordinaryNumbers() throws {
        let r = Recognizer()
        let longest = "1" + String(repeating: ",000", count: NumeralRules.maxGroups - 1)
        let cases: [(String, String)] = [
            ("1,234,567", "1234567"), ("12,34,567", "1234567"), ("1.234.567,89", "1234567.89"), ("1 000", "1000"),
            (longest, "1" + String(repeating: "000", count: NumeralRules.maxGroups - 1)),
        ]
        for (text, digits) in cases {
            let found = r.numbers(text, ordinals: false)
            let value = try #require(Decimal(string: digits))
            #expect(found.count == 1 && found.first?.text == text && found.first?.value.min == value,
                    "\(text): \(found.map { "\($0.text) = \($0.value.min.map { "\($0)" } ?? "nil")" })")
        }
    }

    @Test("a long comma list still gives every number")
    func longList() {
        let n = 3_000
        let text = (1...n).map { String($0 % 10) }.joined(separator: ",")
        let found = Recognizer().numbers(text, ordinals: false)
        #expect(found.count == n)
        #expect(found.allSatisfy { $0.text.count == 1 })
    }
}
