import ClaimModel
import Foundation
@testable import Reconcile
import Testing

/// A percentage claim of a metric, optionally with a role.
func share(_ id: String, doc: String, _ p: Decimal, metric: String = "tariffs", role: String? = nil, quote: String = "") -> Claim {
    Claim(id: id, document: doc, quote: quote, span: [0, 1], subject: "India", metric: metric,
          value: .exact(p, .percent, unit: "%"), approximation: .exact, modality: .reported, period: nil, speaker: nil,
          text: "\(p)%", role: role)
}

@Suite("same-source revisions supersede")
struct RevisionTests {
    @Test("a source's later figure supersedes its earlier one and the fact is not a conflict")
    func laterRevisionSupersedes() throws {
        let docs = [document("d-1", published: "2025-10-01", site: "wion"), document("d-2", published: "2025-12-01", site: "wion"),
                    document("d-3", published: "2025-12-02", site: "tass")]
        let r = try reconcile(docs, [money("c-old", doc: "d-1", billions: 63), money("c-new", doc: "d-2", billions: 68.7),
                                     money("c-other", doc: "d-3", billions: 68.7)])
        let fact = try #require(r.facts.first)
        #expect(fact.superseded == ["c-old"])
        #expect(fact.supersededBy["c-old"] == "c-new")
        #expect(fact.dissenting.isEmpty)
        #expect(fact.status == .agreed)
        #expect(fact.explanation.contains("revised by the same source"))
    }

    @Test("different sources with different figures still conflict")
    func otherSourcesDoNotRevise() throws {
        let docs = [document("d-1", published: "2025-10-01", site: "wion"), document("d-2", published: "2025-12-01", site: "tass")]
        let r = try reconcile(docs, [money("c-1", doc: "d-1", billions: 63), money("c-2", doc: "d-2", billions: 68.7)])
        #expect(r.facts.first?.status == .conflict)
        #expect(r.facts.first?.superseded.isEmpty == true)
    }

    @Test("a source repeating its figure supersedes nothing")
    func repetitionIsNotRevision() throws {
        let docs = [document("d-1", published: "2025-10-01", site: "wion"), document("d-2", published: "2025-12-01", site: "wion")]
        let r = try reconcile(docs, [money("c-1", doc: "d-1", billions: 68), money("c-2", doc: "d-2", billions: 68)])
        #expect(r.facts.first?.superseded.isEmpty == true)
    }
}

@Suite("components are linked, not conflicts")
struct ComponentTests {
    let docs = [document("d-whole", published: "2025-09-01", site: "reuters"), document("d-bare", published: "2025-09-02", site: "wion"),
                document("d-also", published: "2025-09-03", site: "hindu")]
    let quote = "50 percent tariffs, including a 25% duty linked to Russian crude"

    @Test("a stated component gets its own fact, a consistent check, and a mention in the whole's fact")
    func statedComponent() throws {
        let r = try reconcile(docs, [
            share("c-50", doc: "d-whole", 50, quote: quote),
            share("c-25", doc: "d-whole", 25, role: "component-of:tariffs", quote: quote),
            share("c-50b", doc: "d-also", 50),
        ])
        let whole = try #require(r.facts.first { $0.supporting.contains("c-50") })
        #expect(whole.status == .agreed)
        #expect(whole.dissenting.isEmpty)
        #expect(whole.explanation.contains("component"))
        let part = try #require(r.facts.first { $0.supporting.contains("c-25") })
        #expect(part.id != whole.id)
        #expect(part.label.contains("component of tariffs"))
        let check = try #require(r.checks.first { $0.kind == "component" })
        #expect(check.status == .consistent)
        #expect(Set(check.claims) == ["c-25", "c-50"])
    }

    @Test("another document's bare figure matching the component joins the component, not the whole")
    func bareFigureMatchesComponent() throws {
        let r = try reconcile(docs, [
            share("c-50", doc: "d-whole", 50, quote: quote),
            share("c-25", doc: "d-whole", 25, role: "component-of:tariffs", quote: quote),
            share("c-25b", doc: "d-bare", 25),
            share("c-50b", doc: "d-also", 50),
        ])
        let whole = try #require(r.facts.first { $0.supporting.contains("c-50") })
        #expect(!whole.supporting.contains("c-25b") && !whole.dissenting.contains("c-25b"))
        #expect(whole.status == .agreed)
        let part = try #require(r.facts.first { $0.supporting.contains("c-25") })
        #expect(part.supporting.contains("c-25b"))
        #expect(part.status == .agreed)
        #expect(part.explanation.contains("matches the component"))
    }

    @Test("without the role, the same figures are a conflict")
    func withoutRoleItConflicts() throws {
        let r = try reconcile(docs, [share("c-50", doc: "d-whole", 50), share("c-25b", doc: "d-bare", 25)])
        #expect(r.facts.first?.status == .conflict)
    }

    @Test("a part larger than its whole is an inconsistent check")
    func partLargerThanWhole() throws {
        let r = try reconcile(docs, [share("c-20", doc: "d-whole", 20), share("c-30", doc: "d-whole", 30, role: "component-of:tariffs")])
        #expect(r.checks.first { $0.kind == "component" }?.status == .inconsistent)
    }
}

@Suite("property: copies do not change values")
struct CopyInvarianceTests {
    static let texts = [
        "Bilateral trade between the two countries reached a record level this year, officials said on Tuesday in the capital.",
        "Trade has grown almost fivefold over the decade, driven by energy purchases and new payment arrangements between banks.",
        "Officials expect the leaders to sign several agreements on energy, defence and shipping during the annual summit.",
    ]

    /// Documents of three sources and their claims, some agreeing and some not.
    func corpus() -> (docs: [Document], claims: [Claim]) {
        let docs = [
            document("d-a", published: "2025-12-02", site: "alpha", text: Self.texts[0]),
            document("d-b", published: "2025-12-03", site: "beta", text: Self.texts[1]),
            document("d-c", published: "2025-12-04", site: "gamma", text: Self.texts[2]),
            document("d-a2", published: "2025-12-05", site: "alpha", text: Self.texts[2] + " Alpha adds its own closing line here."),
        ]
        let claims = [
            money("c-a", doc: "d-a", billions: 63), money("c-b", doc: "d-b", billions: 68.7), money("c-c", doc: "d-c", billions: 68.5),
            money("c-a2", doc: "d-a2", billions: 65, approximation: .atLeast, hedge: "over"),
            percent("c-p1", doc: "d-a", 36, period: nil), percent("c-p2", doc: "d-b", 40, period: nil),
            visit("c-v1", doc: "d-b", start: "2025-12-04", end: "2025-12-05"),
            visit("c-v2", doc: "d-c", start: "2025-12-05", end: "2025-12-06", modality: .hedged),
        ]
        return (docs, claims)
    }

    /// The corpus with every document of `source` copied verbatim under the name `copyName`.
    func withCopy(of source: String, as copyName: String) -> (docs: [Document], claims: [Claim]) {
        let (docs, claims) = corpus()
        var outDocs = docs, outClaims = claims
        for d in docs where d.site == source {
            var copy = d
            copy.id = d.id + "-copy"
            copy.path = copy.id + ".txt"
            copy.site = copyName
            outDocs.append(copy)
            for c in claims where c.document == d.id {
                var cc = c
                cc.id = c.id + "-copy"
                cc.document = copy.id
                outClaims.append(cc)
            }
        }
        return (outDocs, outClaims)
    }

    @Test("adding a copy of any source's documents under another name changes no fact's value or status",
          arguments: ["alpha", "beta", "gamma"])
    func copyChangesNoValue(source: String) throws {
        let (docs, claims) = corpus()
        let reference = try reconcile(docs, claims)
        let copied = withCopy(of: source, as: "copycat")
        let r = try reconcile(copied.docs, copied.claims)
        #expect(r.sources.first { $0.name == "copycat" }?.copiesFrom.contains(source) == true)
        let before = Dictionary(uniqueKeysWithValues: reference.facts.map { ($0.id, $0) })
        #expect(r.facts.count == reference.facts.count)
        for fact in r.facts {
            let old = try #require(before[fact.id])
            #expect(fact.value == old.value, "fact \(fact.label)")
            #expect(fact.status == old.status, "fact \(fact.label)")
        }
    }

    @Test("fuse: adding a verbatim copy of a source under another name changes no value")
    func fuseCopyChangesNoValue() throws {
        var lines = ["object\tattribute\tvalue\tsource"]
        // Five sources of varying quality over 40 items; "weak" is wrong often, so a copy of it must not tip items.
        for i in 0..<40 {
            let truth = "\(1000 + i)"
            lines.append("o\(i)\tx\t\(truth)\tgood1")
            lines.append("o\(i)\tx\t\(i % 4 == 0 ? "\(2000 + i)" : truth)\tgood2")
            lines.append("o\(i)\tx\t\(i % 2 == 0 ? "\(3000 + i)" : truth)\tweak")
            lines.append("o\(i)\tx\t\(i % 3 == 0 ? "\(3000 + i)" : truth)\tmid")
        }
        let base = lines.joined(separator: "\n")
        let reference = Dictionary(uniqueKeysWithValues: try Fuser.fuse(tsv: base).map { ($0.object + "/" + $0.attribute, $0.value) })
        for source in ["good1", "good2", "weak", "mid"] {
            let copy = lines.dropFirst().filter { $0.hasSuffix("\t" + source) }.map { $0.dropLast(source.count) + "copy-of-" + source }
            let r = try Fuser.fuse(tsv: ([base] + copy).joined(separator: "\n"))
            #expect(Dictionary(uniqueKeysWithValues: r.map { ($0.object + "/" + $0.attribute, $0.value) }) == reference, "copy of \(source)")
        }
    }
}

@Suite("fuse baseline")
struct MajorityTests {
    @Test("majority vote counts one vote per source on the normal form")
    func majority() throws {
        var options = Fuser.Options()
        options.method = .majority
        let tsv = "object\tattribute\tvalue\tsource\nN\tpop\t1,234\ta\nN\tpop\t1234\tb\nN\tpop\t999\tc\nN\tpop\t999\tc\n"
        let rows = try Fuser.fuse(tsv: tsv, options: options)
        #expect(rows.count == 1)
        #expect(["1,234", "1234"].contains(rows.first?.value))
    }
}
