import ClaimtrackCLI
import Foundation
import Pipeline
import Testing

@Suite("built-in stage registry and its docs")
struct ConfigRegistryTests {
    /// A one-stage config of `type` with `options`.
    func config(_ type: String, _ options: String) -> String {
        #"{"version":1,"stages":[{"id":"s","type":"\#(type)","options":\#(options)}]}"#
    }

    @Test("every stage type decodes {} options to its defaults", arguments: StageRegistry.builtIn.map(\.type))
    func emptyOptionsAreDefaults(_ type: String) throws {
        let factory = try #require(StageRegistry.builtIn.first { $0.type == type })
        let config = try PipelineConfig.parse(Array(config(type, "{}").utf8), factories: StageRegistry.builtIn).get()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let decoded = try JSONParser.parse(Array(try encoder.encode(config.stages[0].options)))
        #expect(decoded == factory.defaultOptions)
    }

    @Test("every stage type rejects an unknown option key with a suggestion", arguments: StageRegistry.builtIn.map(\.type))
    func unknownKeys(_ type: String) throws {
        let factory = try #require(StageRegistry.builtIn.first { $0.type == type })
        let key = try #require(factory.optionKeys.first)
        let typo = String(key.dropLast()) + "X"
        switch PipelineConfig.parse(Array(config(type, #"{"\#(typo)": 1}"#).utf8), factories: StageRegistry.builtIn) {
        case .success: Issue.record("'\(typo)' was accepted by '\(type)'")
        case .failure(let error):
            #expect(error.issues.contains { $0.path == "$.stages[0].options.\(typo)" && $0.expected.contains("did you mean '\(key)'") })
        }
    }

    @Test("docs/pipeline.md documents every stage type and every option key")
    func documented() throws {
        let docs = try String(contentsOf: repoRoot.appendingPathComponent("docs/pipeline.md"), encoding: .utf8)
        for factory in StageRegistry.builtIn {
            #expect(docs.contains("## `\(factory.type)`"), "stage type '\(factory.type)' has no section")
            for key in factory.optionKeys {
                #expect(docs.contains("| `\(key)` |"), "option '\(factory.type).\(key)' is not documented")
            }
        }
    }

    @Test("docs/pipeline.md documents the top-level store and run objects and every key in them")
    func topLevelDocumented() throws {
        let docs = try String(contentsOf: repoRoot.appendingPathComponent("docs/pipeline.md"), encoding: .utf8)
        for section in ["store", "run"] { #expect(docs.contains("## `\(section)`"), "'\(section)' has no section") }
        let keys = StoreSettings.CodingKeys.allCases.map(\.rawValue) + RunSettings.CodingKeys.allCases.map(\.rawValue)
        for key in keys { #expect(docs.contains("| `\(key)` |"), "top-level key '\(key)' is not documented") }
    }

    @Test("the shipped pipeline.json is valid and runs the five stages in order")
    func shippedConfig() throws {
        let config = try PipelineConfig.load(contentsOf: repoRoot.appendingPathComponent("pipeline.json"),
                                             factories: StageRegistry.builtIn).get()
        #expect(config.stages.map(\.type) == ["ingest", "extract", "normalize", "reconcile", "report"])
    }
}
