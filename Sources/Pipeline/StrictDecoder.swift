/// Decodes `Decodable` values from a `JSONValue`, collecting every problem with its JSON path instead of stopping at the first.
///
/// Conventions it relies on: options decode each key with `decodeIfPresent(…) ?? defaults.key`, so a bad or missing key
/// is recorded and decoding carries on with the default; `CodingKeys` are `CaseIterable`, so unknown keys are found
/// (with a suggestion) as soon as an object is opened.
public enum StrictDecoder {
    /// Decodes `T` from `value`; returns the value only when no issue was found.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String) -> Result<T, ConfigError> {
        decodeNotingKeyChecks(type, from: value, path: path).result
    }

    /// Like `decode`, also telling which object paths had their keys checked (their `CodingKeys` are listable).
    static func decodeNotingKeyChecks<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String)
        -> (result: Result<T, ConfigError>, checkedPaths: Set<String>) {
        let state = DecodeState()
        let result = run(type, value, path, state)
        return (result, state.checkedPaths)
    }

    private static func run<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: String, _ state: DecodeState) -> Result<T, ConfigError> {
        let decoder = ValueDecoder(value: value, path: path, state: state)
        do {
            let result = try T(from: decoder)
            if state.issues.isEmpty { return .success(result) }
        } catch is RecordedError {
            // Already recorded where it happened.
        } catch {
            state.issues.append(ConfigIssue(path: path, found: value.snippet(), expected: "\(error)"))
        }
        return .failure(ConfigError(state.issues))
    }

    /// The closest of `candidates` to `word` by edit distance, when close enough to be a likely typo.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where j <= y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}

/// Thrown after an issue has been recorded, so callers up the chain do not record it again.
struct RecordedError: Error {}

/// Issues collected during one decode.
final class DecodeState {
    var issues: [ConfigIssue] = []
    /// Objects whose unknown keys were checked against listable `CodingKeys`.
    var checkedPaths = Set<String>()
    func record(_ path: String, _ found: JSONValue?, _ expected: String) {
        issues.append(ConfigIssue(path: path, found: found.map { $0.snippet() } ?? "missing", expected: expected))
    }
}

func childPath(_ path: String, _ key: any CodingKey) -> String {
    if let index = key.intValue { return "\(path)[\(index)]" }
    let name = key.stringValue
    let plain = name.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    return plain && !name.isEmpty ? "\(path).\(name)" : "\(path)[\(JSONValue.quote(name))]"
}

/// What a Swift type looks like in JSON, for messages.
func expectedDescription(_ type: Any.Type) -> String {
    switch type {
    case is Bool.Type: return "true or false"
    case is String.Type: return "a string"
    case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: return "an integer"
    case is Double.Type, is Float.Type: return "a number"
    default: return "a value of type '\(type)'"
    }
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: String
    let state: DecodeState
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            state.record(path, value, "an object")
            throw RecordedError()
        }
        return KeyedDecodingContainer(ObjectContainer<Key>(members: members, path: path, state: state))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            state.record(path, value, "an array")
            throw RecordedError()
        }
        return ArrayContainer(items: items, path: path, state: state)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ScalarContainer(value: value, path: path, state: state) }
}

/// Decodes the scalar types JSON can hold, recording a mismatch with what was found.
func decodeScalar<T>(_ type: T.Type, _ value: JSONValue, _ path: String, _ state: DecodeState) throws -> T {
    func fail() -> RecordedError {
        state.record(path, value, expectedDescription(type))
        return RecordedError()
    }
    switch value {
    case .bool(let b): if let r = b as? T { return r }
    case .string(let s): if let r = s as? T { return r }
    case .number(let d, let text):
        if type == Double.self, let r = d as? T { return r }
        if type == Float.self, let r = Float(d) as? T { return r }
        if type == Int.self, let i = Int(text), let r = i as? T { return r }
        if type == Int64.self, let i = Int64(text), let r = i as? T { return r }
        if type == Int32.self, let i = Int32(text), let r = i as? T { return r }
        if type == UInt.self, let i = UInt(text), let r = i as? T { return r }
    default: break
    }
    throw fail()
}

struct ScalarContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let path: String
    let state: DecodeState
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeScalar(type, value, path, state) }
    func decode(_ type: String.Type) throws -> String { try decodeScalar(type, value, path, state) }
    func decode(_ type: Double.Type) throws -> Double { try decodeScalar(type, value, path, state) }
    func decode(_ type: Float.Type) throws -> Float { try decodeScalar(type, value, path, state) }
    func decode(_ type: Int.Type) throws -> Int { try decodeScalar(type, value, path, state) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeScalar(type, value, path, state) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeScalar(type, value, path, state) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeScalar(type, value, path, state) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeScalar(type, value, path, state) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeScalar(type, value, path, state) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeScalar(type, value, path, state) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeScalar(type, value, path, state) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeScalar(type, value, path, state) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeScalar(type, value, path, state) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeNested(type, value, path, state)
    }
}

/// Decodes a nested value; a failure below that was not recorded yet (an enum's unknown raw value) is recorded here.
func decodeNested<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: String, _ state: DecodeState) throws -> T {
    switch type {
    case is Bool.Type, is String.Type, is Int.Type, is Double.Type, is Int64.Type, is Int32.Type, is Float.Type, is UInt.Type:
        return try decodeScalar(type, value, path, state)
    default: break
    }
    do {
        return try T(from: ValueDecoder(value: value, path: path, state: state))
    } catch let error as RecordedError {
        throw error
    } catch {
        state.record(path, value, expectedOneOf(type) ?? "a valid '\(type)'")
        throw RecordedError()
    }
}

/// For enums whose cases can be listed, "one of 'a', 'b'".
func expectedOneOf(_ type: Any.Type) -> String? {
    guard let listable = type as? any ConfigEnumeration.Type else { return nil }
    return "one of " + listable.allowedValues.map { "'\($0)'" }.joined(separator: ", ")
}

/// An option type whose valid values can be listed in error messages.
public protocol ConfigEnumeration {
    /// Every accepted JSON value, as written.
    static var allowedValues: [String] { get }
}

extension ConfigEnumeration where Self: CaseIterable & RawRepresentable, RawValue == String {
    public static var allowedValues: [String] { allCases.map(\.rawValue) }
}

struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let path: String
    let state: DecodeState
    let lookup: [String: JSONValue]
    var codingPath: [any CodingKey] { [] }

    init(members: [(key: String, value: JSONValue)], path: String, state: DecodeState) {
        self.members = members
        self.path = path
        self.state = state
        var lookup: [String: JSONValue] = [:]
        var seen = Set<String>()
        for m in members {
            if !seen.insert(m.key).inserted {
                state.record("\(path).\(m.key)", m.value, "each key once (duplicate key)")
            }
            lookup[m.key] = m.value
        }
        self.lookup = lookup
        // Unknown keys are reported up front when the key set is known.
        if let known = (Key.self as? any CaseIterable.Type).map({ allKeyNames($0) }) {
            state.checkedPaths.insert(path)
            for m in members where !known.contains(m.key) {
                let hint = StrictDecoder.suggestion(for: m.key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                state.issues.append(ConfigIssue(
                    path: "\(path).\(m.key)", found: "unknown key '\(m.key)'",
                    expected: "one of " + known.sorted().map { "'\($0)'" }.joined(separator: ", ") + hint))
            }
        }
    }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }
    func contains(_ key: Key) -> Bool { lookup[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { (lookup[key.stringValue] ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let p = childPath(path, key)
        guard let v = lookup[key.stringValue] else {
            state.record(p, nil, "a value (required key)")
            throw RecordedError()
        }
        return try decodeNested(type, v, p, state)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = lookup[key.stringValue], v != .null else { return nil }
        // A bad value is recorded and the caller's default stands in, so decoding goes on and finds the other issues.
        return try? decodeNested(type, v, childPath(path, key), state)
    }


    // The standard library's default overloads for scalars would throw instead of recording; these route to the generic one.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type as Bool.Type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type as String.Type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type as Double.Type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(type as Float.Type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type as Int.Type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(type as Int8.Type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(type as Int16.Type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(type as Int32.Type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type as Int64.Type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(type as UInt.Type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(type as UInt8.Type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(type as UInt16.Type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(type as UInt32.Type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(type as UInt64.Type, key) }

    private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let v = lookup[key.stringValue], v != .null else { return nil }
        return try? decodeNested(type, v, childPath(path, key), state)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: lookup[key.stringValue] ?? .null, path: childPath(path, key), state: state).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: lookup[key.stringValue] ?? .null, path: childPath(path, key), state: state).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(members), path: path, state: state) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: lookup[key.stringValue] ?? .null, path: childPath(path, key), state: state)
    }
}

private func allKeyNames<C: CaseIterable>(_ type: C.Type) -> [String] {
    type.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
}

struct ArrayContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let path: String
    let state: DecodeState
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSONValue], path: String, state: DecodeState) {
        self.items = items; self.path = path; self.state = state
    }

    mutating func decodeNil() throws -> Bool {
        if !isAtEnd, items[currentIndex] == .null { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            state.record("\(path)[\(currentIndex)]", nil, "another element")
            throw RecordedError()
        }
        let index = currentIndex
        currentIndex += 1
        return try decodeNested(type, items[index], "\(path)[\(index)]", state)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let index = currentIndex
        currentIndex += 1
        return try ValueDecoder(value: items[index], path: "\(path)[\(index)]", state: state).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let index = currentIndex
        currentIndex += 1
        return try ValueDecoder(value: items[index], path: "\(path)[\(index)]", state: state).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let index = currentIndex
        currentIndex += 1
        return ValueDecoder(value: items[index], path: "\(path)[\(index)]", state: state)
    }
}
