import ClaimModel
import Foundation
@testable import Pipeline
import Testing

/// A stage type for config tests: options with scalars, a list, a map and an enum.
struct ToyOptions: StageOptions {
    enum Mode: String, Codable, CaseIterable, ConfigEnumeration { case fast, careful }
    var tolerance: Double
    var limit: Int
    var names: [String]
    var priors: [String: Double]
    var mode: Mode
    static let defaults = ToyOptions(tolerance: 0.02, limit: 10, names: ["a"], priors: [:], mode: .fast)
    enum CodingKeys: String, CodingKey, CaseIterable { case tolerance, limit, names, priors, mode }
    init(tolerance: Double, limit: Int, names: [String], priors: [String: Double], mode: Mode) {
        self.tolerance = tolerance; self.limit = limit; self.names = names; self.priors = priors; self.mode = mode
    }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.defaults
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? d.tolerance
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? d.limit
        names = try c.decodeIfPresent([String].self, forKey: .names) ?? d.names
        priors = try c.decodeIfPresent([String: Double].self, forKey: .priors) ?? d.priors
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? d.mode
    }
}

struct ToyStage: Stage {
    static let type = "toy"
    let options: ToyOptions
    init(options: ToyOptions) throws(ConfigError) {
        guard options.limit > 0 else { throw ConfigError(path: "limit", found: "\(options.limit)", expected: "a positive integer") }
        self.options = options
    }
    func run(_ input: Batch, in context: StageContext) async throws -> Batch {
        var b = input
        // The path notes whether the runner said a later stage reads document text.
        b.documents.append(Document(id: "d-\(options.limit)", path: "toy text-later=\(context.documentTextNeededLater)", format: .text))
        return b
    }
}

struct OtherStage: Stage {
    /// Options whose coding keys are not listable: unknown keys are found from the encoded defaults instead.
    struct Options: StageOptions {
        var depth = 1
        static let defaults = Options()
        enum CodingKeys: String, CodingKey { case depth }
        init() {}
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? Self.defaults.depth
        }
    }
    static let type = "other"
    static var readsDocumentText: Bool { false }
    init(options: Options) throws(ConfigError) {}
    func run(_ input: Batch, in context: StageContext) async throws -> Batch { input }
}

let factories = [StageFactory(ToyStage.self), StageFactory(OtherStage.self)]

func validate(_ text: String) -> Result<PipelineConfig, ConfigError> {
    PipelineConfig.parse(Array(text.utf8), factories: factories)
}

func issues(_ text: String) -> [String] {
    switch validate(text) {
    case .success: return []
    case .failure(let e): return e.issues.map(\.description)
    }
}

@Suite("pipeline config")
struct ConfigTests {
    @Test("empty options decode to the defaults")
    func emptyOptionsAreDefaults() throws {
        let decoded = try ToyOptions.strictlyDecoded(from: .object([])).get()
        #expect(decoded == ToyOptions.defaults)
    }

    @Test("a valid config builds its stages in order")
    func validConfig() throws {
        let config = try validate(#"{"version":1,"stages":[{"id":"a","type":"toy","options":{"limit":3,"mode":"careful"}},{"id":"b","type":"other"}]}"#).get()
        #expect(config.stages.map(\.id) == ["a", "b"])
        #expect(config.options(ToyOptions.self)?.limit == 3)
        #expect(config.options(ToyOptions.self)?.mode == .careful)
    }

    @Test("every problem is reported together with its path, the value found and what was expected")
    func collectsAllErrors() {
        let found = issues(#"""
        {"version": 2, "extra": 1, "stages": [
          {"id": "a", "type": "toy", "options": {"tolerence": 0.1, "limit": "ten", "names": [1, "b"], "priors": {"x": "high"}, "mode": "slow"}},
          {"id": "a", "type": "tyo"},
          {"type": "other", "option": {}}
        ]}
        """#)
        #expect(found == [
            "$.version: found 2, expected 1",
            "$.extra: found unknown key 'extra', expected one of 'version', 'stages', 'store', 'run'",
            "$.stages[0].options.tolerence: found unknown key 'tolerence', expected one of 'limit', 'mode', 'names', 'priors', 'tolerance' (did you mean 'tolerance'?)",
            "$.stages[0].options.limit: found \"ten\", expected an integer",
            "$.stages[0].options.names[0]: found 1, expected a string",
            "$.stages[0].options.priors.x: found \"high\", expected a number",
            "$.stages[0].options.mode: found \"slow\", expected one of 'fast', 'careful'",
            "$.stages[1].type: found \"tyo\", expected one of 'other', 'toy' (did you mean 'toy'?)",
            "$.stages[1].id: found \"a\", expected an id not used by another stage",
            "$.stages[2].option: found unknown key 'option', expected one of 'id', 'type', 'options' (did you mean 'options'?)",
            "$.stages[2].id: found missing, expected a non-empty string",
        ])
    }

    @Test("a stage rejects option values that decode but make no sense")
    func stageInitChecks() {
        #expect(issues(#"{"version":1,"stages":[{"id":"a","type":"toy","options":{"limit":0}}]}"#)
            == ["limit: found 0, expected a positive integer"])
    }

    @Test("an option type without listable keys still rejects unknown keys")
    func unknownKeysWithoutCaseIterable() {
        #expect(issues(#"{"version":1,"stages":[{"id":"o","type":"other","options":{"depht":1}}]}"#)
            == ["$.stages[0].options.depht: found unknown key 'depht', expected one of 'depth' (did you mean 'depth'?)"])
    }

    @Test("syntax errors name the line and column")
    func syntaxError() {
        let found = issues("{\n  \"version\": 1,\n  \"stages\": [,]\n}")
        #expect(found == ["$: found invalid JSON (line 3, column 14: unexpected character ',', expected a value), expected a JSON object"])
    }

    @Test("wrong top-level types and missing keys")
    func wrongShapes() {
        #expect(issues("[]") == ["$: found [], expected an object with 'version' and 'stages'"])
        #expect(issues("{}") == ["$.version: found missing, expected 1", "$.stages: found missing, expected an array of stages"])
        #expect(issues(#"{"version":1,"stages":{}}"#) == ["$.stages: found {}, expected an array of stages"])
        #expect(issues(#"{"version":1,"stages":[{"id":"a","type":"toy","options":[]}]}"#) == ["$.stages[0].options: found [], expected an object"])
    }

    @Test("the runner runs stages in config order")
    func runnerOrder() async throws {
        let config = try validate(#"{"version":1,"stages":[{"id":"one","type":"toy","options":{"limit":1}},{"id":"two","type":"toy","options":{"limit":2}}]}"#).get()
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 20)!, runID: "r", startedAt: "2025-12-20T00:00:00Z",
                                   inputs: dir, outputs: dir, projectDirectory: dir)
        let batch = try await Runner(config: config).run(context: context)
        #expect(batch.documents.map(\.id) == ["d-1", "d-2"])
    }

    @Test("a stage is told whether a later stage reads document text")
    func runnerTellsWhetherTextIsNeededLater() async throws {
        let config = try validate(#"{"version":1,"stages":[{"id":"one","type":"toy","options":{"limit":1}},{"id":"two","type":"other"},{"id":"three","type":"toy","options":{"limit":3}},{"id":"four","type":"other"}]}"#).get()
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 20)!, runID: "r", startedAt: "2025-12-20T00:00:00Z",
                                   inputs: dir, outputs: dir, projectDirectory: dir)
        let batch = try await Runner(config: config).run(context: context)
        // "three" reads text after "one"; only "other", which does not, follows "three".
        #expect(batch.documents.map(\.path) == ["toy text-later=true", "toy text-later=false"])
    }
}

@Suite("json parser")
struct JSONParserTests {
    @Test("keeps key order, number text and escapes")
    func parsesFaithfully() throws {
        let v = try JSONParser.parse(#"{"b": 1.50, "a": "x\u00e9\n", "c": [true, null]}"#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        #expect(members[0].value == .number(1.5, "1.50"))
        #expect(v.jsonText == #"{"b":1.50,"a":"xé\n","c":[true,null]}"#)
    }

    @Test("rejects malformed input", arguments: ["", "{", "[1,]", "01", "\"abc", "{\"a\" 1}", "nul", "1 2"])
    func rejects(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test("refuses nesting deeper than the limit instead of overflowing the stack")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }
}

@Suite("per-document isolation")
struct ForEachDocumentTests {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    @Test("a failing document is quarantined with the stage and reason; the others go on in order")
    func quarantinesFailures() async {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let context = StageContext(asOf: CalendarDay(year: 2025, month: 1, day: 1)!, runID: "r", startedAt: "",
                                   inputs: dir, outputs: dir, projectDirectory: dir, concurrency: 2)
        let docs = (0..<5).map { Document(id: "d\($0)", path: "p\($0)", format: .text, text: "\($0)") }
        let (out, results) = await context.forEachDocument(docs, stage: "extract") { doc in
            if doc.id == "d2" { throw Boom() }
            return doc.text
        }
        #expect(results == ["0", "1", nil, "3", "4"])
        #expect(out[2].status == .quarantined)
        #expect(out[2].error == "extract: boom")
        #expect(out.filter { $0.status == .ok }.count == 4)
    }
}
