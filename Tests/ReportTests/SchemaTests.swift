import ClaimModel
import Foundation
import Testing
@testable import Report

/// Whether `python3` with the `jsonschema` module can be run here (CI installs it).
let pythonJSONSchemaAvailable: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import jsonschema"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}()

/// `docs/report.schema.json`, found from this file's place in the package.
let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/report.schema.json")

/// Validates each JSON file against the schema with Python's Draft 2020-12 validator; returns the errors per file.
func validate(_ files: [URL]) throws -> [[String]] {
    let script = """
    import json, sys
    from jsonschema import Draft202012Validator
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    out = []
    for path in sys.argv[2:]:
        doc = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        out.append(["/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors])
    print(json.dumps(out))
    """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, schemaURL.path] + files.map(\.path)
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "validator failed: \(errText)")
    return (try? JSONDecoder().decode([[String]].self, from: data)) ?? []
}

@Suite("report.json against docs/report.schema.json",
       .enabled(if: pythonJSONSchemaAvailable, "needs python3 with the 'jsonschema' module (pip install jsonschema); CI installs it"))
struct SchemaTests {
    @Test("a report with every status, quarantine and unresolved dates validates")
    func reportValidates() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json")
        try ReportWriter.writeAtomically(try ReportWriter.json(Fixture.report), to: file)
        var all = ReportOptions.defaults
        all.includeAllClaims = true
        let full = ReportWriter.makeReport(Fixture.batch, context: Fixture.context(), options: all)
        let fullFile = folder.appendingPathComponent("full.json")
        try ReportWriter.writeAtomically(try ReportWriter.json(full), to: fullFile)
        let empty = ReportWriter.makeReport(Batch(), context: Fixture.context())
        let emptyFile = folder.appendingPathComponent("empty.json")
        try ReportWriter.writeAtomically(try ReportWriter.json(empty), to: emptyFile)
        let errors = try validate([file, fullFile, emptyFile])
        #expect(errors == [[], [], []])
    }

    @Test("the schema rejects broken reports")
    func schemaRejects() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try ReportWriter.json(Fixture.report)
        // Each mutation breaks one contract rule.
        let mutations: [(String, (inout [String: Any]) -> Void)] = [
            ("run without id", { r in var run = r["run"] as? [String: Any] ?? [:]; run["id"] = nil; r["run"] = run }),
            ("unknown fact status", { r in r["facts"] = edit(r["facts"], 0) { $0["status"] = "maybe" } }),
            ("published not YYYY-MM-DD", { r in r["documents"] = edit(r["documents"], 0) { $0["published"] = "6 Dec 2025" } }),
            ("unknown modality", { r in r["claims"] = edit(r["claims"], 0) { $0["modality"] = "rumoured" } }),
            ("confidence above 1", { r in r["facts"] = edit(r["facts"], 0) { $0["confidence"] = 1.5 } }),
            ("value without min", { r in
                r["claims"] = edit(r["claims"], 0) { c in
                    var v = c["value"] as? [String: Any] ?? [:]; v["min"] = nil; c["value"] = v
                }
            }),
            ("wrong schemaVersion", { r in r["schemaVersion"] = 2 }),
        ]
        var files: [URL] = []
        for (i, (_, mutate)) in mutations.enumerated() {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(good)) as? [String: Any])
            mutate(&object)
            let url = folder.appendingPathComponent("bad-\(i).json")
            try JSONSerialization.data(withJSONObject: object).write(to: url)
            files.append(url)
        }
        let errors = try validate(files)
        #expect(errors.count == mutations.count)
        for (i, found) in errors.enumerated() {
            #expect(!found.isEmpty, "schema accepted a report with \(mutations[i].0)")
        }
    }
}

/// Applies `change` to the object at `index` of a JSON array.
private func edit(_ array: Any?, _ index: Int, _ change: (inout [String: Any]) -> Void) -> [Any] {
    var items = array as? [Any] ?? []
    guard index < items.count, var object = items[index] as? [String: Any] else { return items }
    change(&object)
    items[index] = object
    return items
}
