public import ArgumentParser
import ClaimModel
import Extract
import Foundation
import Pipeline

/// `claimtrack recognize --vectors FILE.jsonl`: runs the recognizer of each case's kind and prints what it found.
public struct RecognizeCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "recognize",
        abstract: "Recognize numbers, percentages, ordinals, money, dates and physical quantities in test vectors (one JSON line per case)."
    )

    /// The vectors file: one `{"id","kind","input","reference"?}` object a line.
    @Option(name: .long, help: "A JSONL file of cases: {\"id\",\"kind\",\"input\",\"reference\"?}.")
    public var vectors: String

    /// Creates the command (used by the argument parser).
    public init() {}

    /// Reads the vectors and prints one result line per case; bad lines are reported on stderr and skipped.
    public func run() throws {
        guard let data = FileManager.default.contents(atPath: vectors), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read '\(vectors)': expected a readable UTF-8 JSONL file")
        }
        let recognizer = Recognizer()
        var out = ""
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = obj["id"] as? String, let kind = obj["kind"] as? String, let input = obj["input"] as? String else {
                FileHandle.standardError.write(Data("\(vectors):\(lineNumber): not a case object with string 'id', 'kind' and 'input'\n".utf8))
                continue
            }
            let reference = (obj["reference"] as? String).flatMap(CalendarDay.init(iso:))
            let found = RecognizeCommand.found(kind: kind, input: input, reference: reference, recognizer: recognizer)
            out += "{\"id\":\(JSONValue.quote(id)),\"found\":[\(found.joined(separator: ","))]}\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The found items of one case as JSON objects, in the vectors' conventions.
    static func found(kind: String, input: String, reference: CalendarDay?, recognizer: Recognizer) -> [String] {
        // The older kinds run without the Units pack, so "$80 a barrel" stays the money it was and no unit reading can
        // take tokens from a date.
        let plain = Recognizer(options: RecognizerOptions(kinds: Set(MentionKind.allCases).subtracting([.quantity]),
                                                          counts: recognizer.options.counts, bareYears: recognizer.options.bareYears))
        func item(_ m: Mention, value: String, unit: String? = nil) -> String {
            var s = "{\"text\":\(JSONValue.quote(m.text)),\"start\":\(m.start),\"end\":\(m.end),\"value\":\(value)"
            if let unit { s += ",\"unit\":\(JSONValue.quote(unit))" }
            return s + "}"
        }
        switch kind {
        case "number", "ordinal":
            return recognizer.numbers(input, ordinals: kind == "ordinal").compactMap { m in
                m.value.min.map { item(m, value: "\($0)") }
            }
        case "percent", "money":
            let k: MentionKind = kind == "money" ? .money : .percent
            return plain.recognize(input).filter { $0.kind == k }.compactMap { m in
                guard let v = m.value.min ?? m.value.max else { return nil }
                return item(m, value: "\(v)", unit: k == .money ? m.value.unit : nil)
            }
        case "dimension", "temperature":
            // Physical quantities in the unit as written; a flow ("500,000 barrels a day") is reported as its amount,
            // as the units vectors expect, and prices ("$80 a barrel") are money, not dimensions.
            let wantsTemperature = kind == "temperature"
            return recognizer.recognize(input).filter { m in
                m.kind == .quantity && m.value.dimension != .price && (m.value.dimension == .temperature) == wantsTemperature
            }.compactMap { m in
                guard let v = m.value.min ?? m.value.max else { return nil }
                let head = recognizer.quantityHead(of: m)
                var s = "{\"text\":\(JSONValue.quote(head.text)),\"start\":\(head.start),\"end\":\(head.end),\"value\":\(v)"
                s += ",\"unit\":\(JSONValue.quote(head.unit))}"
                return s
            }
        case "date", "daterange":
            guard let reference else { return [] }
            return plain.anchoredDates(input, reference: reference).map { d in
                if d.isDay, let f = d.first { return item(d.mention, value: JSONValue.quote(f.iso)) }
                let a = d.first.map { JSONValue.quote($0.iso) } ?? "null"
                let b = d.exclusiveEnd.map { JSONValue.quote($0.iso) } ?? "null"
                return item(d.mention, value: "[\(a),\(b)]")
            }
        default:
            return []
        }
    }
}
