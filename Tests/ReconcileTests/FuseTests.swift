import Foundation
import Testing
@testable import Reconcile

@Suite struct FuseTests {
    @Test func votesOnNormalisedValuesAndWritesOneSourceSpelling() throws {
        let tsv = """
        object\tattribute\tvalue\tsource
        F1\tdeparture\t7:10 PM\ta
        F1\tdeparture\t2011-12-01 19:10\tb
        F1\tdeparture\t7:40 PM\tc
        F1\tgate\tb-12\ta
        F1\tgate\tB12\tb
        F1\tgate\tC4\tc
        F2\tdeparture\t10:05 AM\ta
        F2\tdeparture\t10:05a\tb
        F2\tgate\tB1\ta
        B1\tauthors\tKnuth, Donald E.\ta
        B1\tauthors\tDonald E. Knuth\tb
        B1\tauthors\tNot Available\tc
        N1\tpopulation\t1,234\ta
        N1\tpopulation\t1234\tb
        N1\tpopulation\t4321\tc

        """
        let rows = try Fuser.fuse(tsv: tsv)
        let map = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.object)/\($0.attribute)", $0.value) })
        #expect(["7:10 PM", "2011-12-01 19:10"].contains(map["F1/departure"]))
        #expect(["b-12", "B12"].contains(map["F1/gate"]))
        #expect(["Knuth, Donald E.", "Donald E. Knuth"].contains(map["B1/authors"]))
        #expect(["1,234", "1234"].contains(map["N1/population"]))
        #expect(rows.count == 6)
    }

    @Test func valueKinds() {
        #expect(FeedValues.minutesOfDay("1:55pDec 1") == 13 * 60 + 55)
        #expect(FeedValues.minutesOfDay("Thu., Dec.01, 2011 1:55 p.m.") == 13 * 60 + 55)
        #expect(FeedValues.minutesOfDay("12:10 AM") == 10)
        #expect(FeedValues.minutesOfDay("2011-12-01 19:10") == 19 * 60 + 10)
        #expect(FeedValues.minutesOfDay("F78") == nil)
        #expect(FeedValues.number("$1,234") == 1234)
        #expect(FeedValues.key("Knuth, Donald E.", kind: .names) == FeedValues.key("Donald E Knuth (Author)", kind: .names))
        #expect(FeedValues.detectKind(of: ["F78", "D5", "B84N", "4", "--"]) == .code)
        #expect(FeedValues.detectKind(of: ["Knuth, Donald E.", "Donald Knuth", "Pohl, Ira"]) == .names)
    }

    @Test func copiesSharingErrorsAreGrouped() throws {
        // Two copies share the same wrong values; three independent sources are right but for their own slips.
        var lines = ["object\tattribute\tvalue\tsource"]
        for i in 0..<30 {
            let truth = "\(100 + i)"
            let copied = i % 3 == 0 ? "\(900 + i)" : truth
            for (g, slip) in [("good1", 1), ("good2", 2), ("good3", 3)] {
                lines.append("o\(i)\tx\t\(i % 5 == slip ? "\(500 + i)" : truth)\t\(g)")
            }
            lines += ["o\(i)\tx\t\(copied)\tcopyA", "o\(i)\tx\t\(copied)\tcopyB"]
        }
        var vote = FeedVote(feed: try FeedTable(tsv: lines.joined(separator: "\n")), options: Fuser.Options())
        vote.run()
        #expect(vote.copyGroups == [["copyA", "copyB"]])
        #expect(vote.winners().allSatisfy { $0.value.hasPrefix("1") })
    }

    @Test func badFeedNamesTheLine() {
        #expect(throws: FuseError(line: 1, message: "expected the tab-separated header 'object attribute value source', found 'a\tb'")) {
            try Fuser.fuse(tsv: "a\tb\n")
        }
        do {
            _ = try Fuser.fuse(tsv: "object\tattribute\tvalue\tsource\nx\ty\n")
            Issue.record("expected an error")
        } catch let e as FuseError {
            #expect(e.line == 2)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func sharedBenchmarksStayAboveFloors() throws {
        let shared = repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared/data/truth")
        guard FileManager.default.fileExists(atPath: shared.path) else {
            print("skipping: shared benchmark data not found at '\(shared.path)'")
            return
        }
        let text = try String(contentsOf: shared.appendingPathComponent("flight/claims.tsv"), encoding: .utf8)
        let truthText = try String(contentsOf: shared.appendingPathComponent("flight/truth_dev.tsv"), encoding: .utf8)
        let rows = try Fuser.fuse(tsv: text)
        var predicted: [String: String] = [:]
        for r in rows { predicted["\(r.object)\t\(r.attribute)"] = r.value }
        var items = 0, matched = 0
        for line in truthText.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3 else { continue }
            items += 1
            guard let p = predicted["\(f[0])\t\(f[1])"] else { continue }
            if f[1].hasSuffix("departure") || f[1].hasSuffix("arrival") {
                if FeedValues.minutesOfDay(p) == FeedValues.minutesOfDay(f[2]) { matched += 1 }
            } else if FeedValues.code(p) == FeedValues.code(f[2]) { matched += 1 }
        }
        #expect(items > 0)
        #expect(Double(matched) / Double(items) >= 0.96)
    }
}
