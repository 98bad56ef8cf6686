import ClaimModel
import ClaimtrackCLI
import Foundation
import Testing

/// Runs the real pipeline over the given articles only (a fresh temp inputs folder) and returns the report and outputs folder.
func runArticles(_ articles: [String: String], asOf: String = "2025-12-20") async throws -> (Report, URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimtrack-fx-\(UUID().uuidString)")
    let inputs = root.appendingPathComponent("inputs")
    try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    for (name, text) in articles { try Data(text.utf8).write(to: inputs.appendingPathComponent(name)) }
    let out = root.appendingPathComponent("outputs")
    let command = try RunCommand.parse([
        "--config", repoRoot.appendingPathComponent("pipeline.json").path,
        "--inputs", inputs.path, "--outputs", out.path, "--as-of", asOf, "--quiet",
    ])
    try await command.run()
    return (try loadReport(out), out)
}

/// Articles written for this test: the same fiscal year's India-Russia trade in rupees and in dollars.
enum FXArticles {
    static let rupees = """
         date 2025-06-10 

        Bilateral trade between India and Russia reached ₹5.6 lakh crore in FY2024-25, the commerce ministry said.
        """
    static let dollars = """
         date 2025-06-12 

        Bilateral trade between India and Russia reached $66.2 billion in FY2024-25, officials said.
        """
    static let different = """
         date 2025-06-15 

        Bilateral trade between India and Russia reached $90 billion in FY2024-25, a business lobby claimed.
        """
}

@Suite("currencies end to end", .serialized)
struct CurrencyEndToEndTests {
    /// The fact holding the rupee claim.
    func tradeFact(_ report: Report) -> (Fact, [String: Claim])? {
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let fact = report.facts.first(where: { f in
            (f.supporting + f.dissenting).contains { claims[$0]?.value.unit == "INR" }
        }) else { return nil }
        return (fact, claims)
    }

    @Test("rupees (lakh crore) and dollars for the same fiscal year meet in one fact through the bundled rate")
    func rupeesAndDollarsAgree() async throws {
        let (report, out) = try await runArticles(["a_rupees.txt": FXArticles.rupees, "b_dollars.txt": FXArticles.dollars])
        let (fact, claims) = try #require(tradeFact(report), "no fact holds the rupee claim: \(report.facts.map(\.explanation))")
        let units = Set((fact.supporting + fact.dissenting).compactMap { claims[$0]?.value.unit })
        print("fx e2e (2 articles): \(fact.status.rawValue): \(fact.explanation)")
        #expect(units == ["INR", "USD"])
        #expect(fact.status == .agreed)
        #expect(fact.explanation.contains("mixes currencies (INR, USD)"))
        #expect(fact.explanation.contains("1 INR = 0.0118"))
        #expect(fact.explanation.contains("2024-04..2025-03"))
        // The rupee claim keeps its own currency and value; the converted value sits beside it.
        let rupee = try #require((fact.supporting + fact.dissenting).compactMap { claims[$0] }.first { $0.value.unit == "INR" })
        #expect(rupee.value.min == Decimal(string: "5600000000000"))
        #expect(rupee.value.canonical?.unit == "USD")
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("at 1 INR = 0.0118"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("class=\"converted\""))
    }

    @Test("a clearly different dollar figure makes the fact a conflict")
    func differentDollarFigureConflicts() async throws {
        let (report, _) = try await runArticles(["a_rupees.txt": FXArticles.rupees, "b_dollars.txt": FXArticles.dollars,
                                                 "c_dollars.txt": FXArticles.different])
        let (fact, claims) = try #require(tradeFact(report))
        print("fx e2e (3 articles): \(fact.status.rawValue): \(fact.explanation)")
        #expect(fact.status == .conflict)
        let dissenting = fact.dissenting.compactMap { claims[$0] }
        #expect(dissenting.map(\.text) == ["$90 billion"])
        #expect(fact.explanation.contains("mixes currencies"))
    }

    @Test("roubles after March 2022 without a supplied rate stay uncompared, and the report says why")
    func roublesUncompared() async throws {
        let (report, _) = try await runArticles([
            "a_roubles.txt": " date 2023-05-10 \n\nBilateral trade between India and Russia reached 3 trillion roubles in 2022, the Russian side said.\n",
            "b_dollars.txt": " date 2023-05-12 \n\nBilateral trade between India and Russia reached $39 billion in 2022, officials said.\n",
        ], asOf: "2023-06-01")
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rouble = try #require(report.claims.first { $0.value.unit == "RUB" })
        #expect(rouble.value.canonical?.isConverted == false)
        let fact = try #require(report.facts.first { $0.supporting.contains(rouble.id) || $0.dissenting.contains(rouble.id) })
        #expect(!(fact.supporting + fact.dissenting).contains { claims[$0]?.value.unit == "USD" })
        #expect(fact.explanation.contains("not compared with figures in other currencies: no exchange rate for RUB"))
    }
}

/// Articles written for this test: the same physical quantities and prices stated in different units and currencies.
enum UnitArticles {
    static let first = """
         date 2025-04-08 

        The Kudankulam nuclear plant's new units will add 1.2 GW of capacity, the operator said.

        India imported 5.6 lakh barrels per day of Russian crude in March, shipping data showed.

        Russian crude was offered to Indian refiners at $80 a barrel in March, traders said.
        """
    static let second = """
         date 2025-04-09 

        The Kudankulam nuclear plant's new units will add 1,200 MW of capacity, officials said.

        India imported 560,000 bpd of Russian crude in March, according to tanker trackers.

        Russian crude was offered to Indian refiners at €71.5 a barrel in March, a trader said.
        """
}

@Suite("units end to end", .serialized)
struct UnitsEndToEndTests {
    /// The fact holding a claim whose text is `text`, with every claim of that fact.
    func fact(holding text: String, in report: Report) -> (Fact, [Claim])? {
        let claims = Dictionary(report.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let c = report.claims.first(where: { $0.text == text }),
              let f = report.facts.first(where: { $0.supporting.contains(c.id) || $0.dissenting.contains(c.id) }) else { return nil }
        return (f, (f.supporting + f.dissenting).compactMap { claims[$0] })
    }

    @Test("1.2 GW and 1,200 MW, 5.6 lakh barrels per day and 560,000 bpd, $80 and €71.5 a barrel each reconcile as one agreed fact")
    func equalQuantitiesAgree() async throws {
        let (report, _) = try await runArticles(["a.txt": UnitArticles.first, "b.txt": UnitArticles.second])
        for (text, other, mixes): (String, String, String?) in [("1.2 GW", "1,200 MW", "mixes units"), ("5.6 lakh barrels per day", "560,000 bpd", nil),
                                     ("$80 a barrel", "€71.5 a barrel", "mixes currencies")] {
            let (f, claims) = try #require(fact(holding: text, in: report), "no fact holds '\(text)': \(report.claims.map(\.text))")
            print("units e2e: \(text) ~ \(other): \(f.status.rawValue): \(f.explanation)")
            #expect(Set(claims.map(\.text)) == [text, other], "\(text): \(claims.map(\.text))")
            #expect(f.status == .agreed, "\(text): \(f.status) \(f.explanation)")
            // Both bpd forms are the same unit as written (bbl/d): nothing to say about mixing.
            if let mixes { #expect(f.explanation.contains(mixes), "\(text): \(f.explanation)") } else { #expect(!f.explanation.contains("mixes")) }
        }
        // The euro price is compared through the bundled rate for its month, named in the explanation.
        let (price, _) = try #require(fact(holding: "€71.5 a barrel", in: report))
        #expect(price.explanation.contains("1 EUR = 1.08"), "\(price.explanation)")
        #expect(price.explanation.contains("2025-03") || price.explanation.contains("2025-04"), "\(price.explanation)")
    }
}
