public import ClaimModel
public import Foundation

/// A stage type the runner can build: how to decode its options and make it.
public struct StageFactory: Sendable {
    /// The `type` string in `pipeline.json`.
    public let type: String
    /// The option keys the type accepts (for the docs check).
    public let optionKeys: [String]
    /// The default options as JSON (for `claimtrack check --defaults` and docs).
    public let defaultOptions: JSONValue
    let make: @Sendable (JSONValue, String) -> Result<ConfiguredStage, ConfigError>

    /// A factory for a stage type whose options' `CodingKeys` list every key.
    public init<S: Stage>(_ stage: S.Type) {
        type = S.type
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let defaults = (try? JSONParser.parse(Array((try? encoder.encode(S.Options.defaults)) ?? Data("{}".utf8)))) ?? .object([])
        defaultOptions = defaults
        if case .object(let members) = defaults { optionKeys = members.map(\.key) } else { optionKeys = [] }
        let knownKeys = optionKeys
        make = { json, path in
            let (result, checked) = StrictDecoder.decodeNotingKeyChecks(S.Options.self, from: json, path: path)
            // For option types whose CodingKeys cannot be listed, keys the encoded defaults lack are unknown.
            var unknown: [ConfigIssue] = []
            if case .object(let members) = json, !knownKeys.isEmpty, !checked.contains(path) {
                for m in members where !knownKeys.contains(m.key) {
                    unknown.append(PipelineConfig.unknownKey(m.key, path: path, known: knownKeys.sorted()))
                }
            }
            switch result {
            case .failure(let error):
                return .failure(ConfigError(unknown + error.issues))
            case .success where !unknown.isEmpty:
                return .failure(ConfigError(unknown))
            case .success(let options):
                do {
                    let stage = try S(options: options)
                    return .success(ConfiguredStage(id: "", type: S.type, options: options, readsDocumentText: S.readsDocumentText) { (batch: consuming Batch, context) in
                        try await stage.run(consume batch, in: context)
                    })
                } catch let error as ConfigError {
                    return .failure(error)
                } catch {
                    return .failure(ConfigError(path: path, found: json.snippet(), expected: "\(error)"))
                }
            }
        }
    }
}

extension StageOptions {
    /// Decodes these options from JSON, strictly.
    public static func strictlyDecoded(from json: JSONValue, path: String = "$") -> Result<Self, ConfigError> {
        StrictDecoder.decode(Self.self, from: json, path: path)
    }
}

/// A stage built from config, ready to run.
public struct ConfiguredStage: Sendable {
    /// The `id` from `pipeline.json`.
    public var id: String
    /// The stage type.
    public let type: String
    /// The decoded options (for config hashing and inspection).
    public let options: any StageOptions
    /// Whether the stage reads the documents' full text (`Stage.readsDocumentText`).
    public let readsDocumentText: Bool
    let body: @Sendable (consuming Batch, StageContext) async throws -> Batch

    /// Runs the stage. The batch is handed over (consumed), so a stage that changes claims in place does not keep the
    /// caller's copy of every claim alive beside its own.
    public func run(_ batch: consuming Batch, in context: StageContext) async throws -> Batch {
        try await body(consume batch, context)
    }
}

/// `pipeline.json`: a version and an ordered list of stages.
public struct PipelineConfig: Sendable {
    /// The only version this build reads.
    public static let supportedVersion = 1
    public var version: Int
    public var stages: [ConfiguredStage]
    /// The optional top-level `"store"` object: where the run history lives.
    public var store: StoreSettings = .defaults
    /// The optional top-level `"run"` object: per-document time limit and concurrency.
    public var run: RunSettings = .defaults

    /// Options of the first stage of a type, if present.
    public func options<O: StageOptions>(_ type: O.Type) -> O? {
        stages.lazy.compactMap { $0.options as? O }.first
    }

    /// Reads and validates a config file, collecting every problem.
    public static func load(contentsOf url: URL, factories: [StageFactory]) -> Result<PipelineConfig, ConfigError> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ConfigError(path: "$", found: "no readable file at '\(url.path)'", expected: "a pipeline.json file"))
        }
        return parse(Array(data), factories: factories)
    }

    /// Parses and validates config bytes, collecting every problem.
    public static func parse(_ bytes: [UInt8], factories: [StageFactory]) -> Result<PipelineConfig, ConfigError> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return .failure(ConfigError(path: "$", found: "invalid JSON (\(error))", expected: "a JSON object"))
        }
        return validate(json, factories: factories)
    }

    /// Validates a parsed config against the known stage types.
    public static func validate(_ json: JSONValue, factories: [StageFactory]) -> Result<PipelineConfig, ConfigError> {
        var issues: [ConfigIssue] = []
        guard case .object(let members) = json else {
            return .failure(ConfigError(path: "$", found: json.snippet(), expected: "an object with 'version' and 'stages'"))
        }
        let topKeys = ["version", "stages", "store", "run"]
        var version = supportedVersion
        var store = StoreSettings.defaults
        var run = RunSettings.defaults
        var stagesJSON: [JSONValue] = []
        var seenTop = Set<String>()
        for m in members {
            if !seenTop.insert(m.key).inserted {
                issues.append(ConfigIssue(path: "$.\(m.key)", found: m.value.snippet(), expected: "each key once (duplicate key)"))
            }
            switch m.key {
            case "version":
                if case .number(_, let text) = m.value, let v = Int(text), v == supportedVersion {
                    version = v
                } else {
                    issues.append(ConfigIssue(path: "$.version", found: m.value.snippet(), expected: "\(supportedVersion)"))
                }
            case "stages":
                if case .array(let items) = m.value { stagesJSON = items } else {
                    issues.append(ConfigIssue(path: "$.stages", found: m.value.snippet(), expected: "an array of stages"))
                }
            case "store":
                switch decodeSettings(StoreSettings.self, m.value, path: "$.store") {
                case .success(let value):
                    store = value
                    issues.append(contentsOf: value.issues(at: "$.store"))
                case .failure(let error): issues.append(contentsOf: error.issues)
                }
            case "run":
                switch decodeSettings(RunSettings.self, m.value, path: "$.run") {
                case .success(let value):
                    run = value
                    issues.append(contentsOf: value.issues(at: "$.run"))
                case .failure(let error): issues.append(contentsOf: error.issues)
                }
            default:
                issues.append(unknownKey(m.key, path: "$", known: topKeys))
            }
        }
        if !seenTop.contains("version") {
            issues.append(ConfigIssue(path: "$.version", found: "missing", expected: "\(supportedVersion)"))
        }
        if !seenTop.contains("stages") {
            issues.append(ConfigIssue(path: "$.stages", found: "missing", expected: "an array of stages"))
        }
        let byType = Dictionary(factories.map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
        var stages: [ConfiguredStage] = []
        var ids = Set<String>()
        for (index, item) in stagesJSON.enumerated() {
            let path = "$.stages[\(index)]"
            guard case .object(let fields) = item else {
                issues.append(ConfigIssue(path: path, found: item.snippet(), expected: "an object with 'id', 'type' and 'options'"))
                continue
            }
            var id: String?
            var type: String?
            var options: JSONValue = .object([])
            for f in fields {
                switch f.key {
                case "id":
                    if case .string(let s) = f.value, !s.isEmpty { id = s } else {
                        issues.append(ConfigIssue(path: "\(path).id", found: f.value.snippet(), expected: "a non-empty string"))
                    }
                case "type":
                    if case .string(let s) = f.value {
                        if byType[s] != nil { type = s } else {
                            let known = byType.keys.sorted()
                            let hint = StrictDecoder.suggestion(for: s, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                            issues.append(ConfigIssue(path: "\(path).type", found: f.value.snippet(),
                                                      expected: "one of " + known.map { "'\($0)'" }.joined(separator: ", ") + hint))
                        }
                    } else {
                        issues.append(ConfigIssue(path: "\(path).type", found: f.value.snippet(), expected: "a stage type string"))
                    }
                case "options":
                    if case .object = f.value { options = f.value } else {
                        issues.append(ConfigIssue(path: "\(path).options", found: f.value.snippet(), expected: "an object"))
                    }
                default:
                    issues.append(unknownKey(f.key, path: path, known: ["id", "type", "options"]))
                }
            }
            if !fields.contains(where: { $0.key == "id" }) {
                issues.append(ConfigIssue(path: "\(path).id", found: "missing", expected: "a non-empty string"))
            }
            if !fields.contains(where: { $0.key == "type" }) {
                issues.append(ConfigIssue(path: "\(path).type", found: "missing", expected: "a stage type string"))
            }
            if let id, !ids.insert(id).inserted {
                issues.append(ConfigIssue(path: "\(path).id", found: JSONValue.quote(id), expected: "an id not used by another stage"))
            }
            guard let type, let factory = byType[type] else { continue }
            switch factory.make(options, "\(path).options") {
            case .failure(let error): issues.append(contentsOf: error.issues)
            case .success(var stage):
                stage.id = id ?? type
                stages.append(stage)
            }
        }
        if issues.isEmpty, stagesJSON.isEmpty {
            issues.append(ConfigIssue(path: "$.stages", found: "[]", expected: "at least one stage"))
        }
        return issues.isEmpty ? .success(PipelineConfig(version: version, stages: stages, store: store, run: run))
            : .failure(ConfigError(issues))
    }

    /// Decodes a top-level settings object strictly; anything but an object is an error at `path`.
    private static func decodeSettings<S: StageOptions>(_ type: S.Type, _ json: JSONValue, path: String) -> Result<S, ConfigError> {
        guard case .object = json else {
            return .failure(ConfigError(path: path, found: json.snippet(), expected: "an object"))
        }
        return S.strictlyDecoded(from: json, path: path)
    }

    static func unknownKey(_ key: String, path: String, known: [String]) -> ConfigIssue {
        let hint = StrictDecoder.suggestion(for: key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
        return ConfigIssue(path: "\(path).\(key)", found: "unknown key '\(key)'",
                           expected: "one of " + known.map { "'\($0)'" }.joined(separator: ", ") + hint)
    }
}
