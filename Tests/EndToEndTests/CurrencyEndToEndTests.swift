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
    var command = try RunCommand.parse([
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
