import ClaimModel
import Foundation
@testable import FuzzTargets
import Testing

/// Inputs that crashed, hung or broke a contract in a fuzz target (see Fuzz/README.md), replayed on every test run
/// through the very function the libFuzzer target calls per input (`FuzzTargets`), each in a child process so a
/// crash fails its own test case with the signal instead of taking the test runner down.
@Suite("fuzz regressions", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    static let folder = repoRoot.appendingPathComponent("Tests/EndToEndTests/FuzzRegressions")

    /// The kept inputs of one target, by path relative to `folder`.
    static func files(_ target: String) -> [String] {
        let dir = folder.appendingPathComponent(target)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(file)))
    }

    @Test("both targets have kept inputs")
    func keptInputs() {
        // An empty or misnamed folder would make the parameterised tests below pass by running nothing.
        #expect(Self.files("html").count >= 4)
        #expect(Self.files("recognizers").count >= 4)
    }

    @Test("the HTML and text readers survive every kept input", arguments: files("html"))
    func html(_ file: String) async throws {
        let bytes = try Self.bytes(file)
        await #expect(processExitsWith: .success, "\(file) crashed the readers") { [bytes = bytes as [UInt8]] in
            FuzzTargets.html(bytes)
        }
    }

    @Test("the recognizers survive every kept input", arguments: files("recognizers"))
    func recognizers(_ file: String) async throws {
        let bytes = try Self.bytes(file)
        await #expect(processExitsWith: .success, "\(file) crashed the recognizers") { [bytes = bytes as [UInt8]] in
            FuzzTargets.recognizers(bytes)
        }
    }

    @Test("a broken mention contract fails its replay")
    func replayDetectsCrashes() async {
        // The replay is only worth having if a trap in the child is seen as a failure: a mention whose text is not
        // the input at its span is what the recognizers' contract check must trap on.
        await #expect(processExitsWith: .failure) {
            let wrong = Mention(kind: .number, text: "42", start: 0, end: 2, value: ClaimValue(dimension: .number, min: 42, max: 42))
            FuzzTargets.check(wrong, Array("41 apples".unicodeScalars), "probe")
        }
        await #expect(processExitsWith: .success) {
            let right = Mention(kind: .number, text: "41", start: 0, end: 2, value: ClaimValue(dimension: .number, min: 41, max: 41))
            FuzzTargets.check(right, Array("41 apples".unicodeScalars), "probe")
        }
    }
}
