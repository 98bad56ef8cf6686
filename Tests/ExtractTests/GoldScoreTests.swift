import ClaimModel
import Foundation
@testable import Extract
import Testing

/// One expected claim of the hand-written gold.
struct GoldClaim: Decodable {
    var text: String
    var metric: String?
    var modality: String
    var period: String?
}

struct GoldFile: Decodable {
    var documents: [String: [GoldClaim]]
}

/// Precision and recall of claim extraction against a gold file, with field accuracy on matched claims.
struct ExtractionScore: CustomStringConvertible {
    var gold = 0, predicted = 0, matched = 0, metricRight = 0, metricJudged = 0, modalityRight = 0, periodRight = 0
    var precision: Double { predicted == 0 ? 0 : Double(matched) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
    var metricAccuracy: Double { metricJudged == 0 ? 0 : Double(metricRight) / Double(metricJudged) }
    var modalityAccuracy: Double { matched == 0 ? 0 : Double(modalityRight) / Double(matched) }
    var periodAccuracy: Double { matched == 0 ? 0 : Double(periodRight) / Double(matched) }
    var description: String {
        String(format: "claims: precision %.3f recall %.3f (%d matched of %d gold, %d predicted); metric %.3f, modality %.3f, period %.3f",
               precision, recall, matched, gold, predicted, metricAccuracy, modalityAccuracy, periodAccuracy)
    }

    /// Matches gold and predicted claims in text order by overlapping value text.
    mutating func add(gold: [GoldClaim], predicted: [Claim]) {
        self.gold += gold.count
        self.predicted += predicted.count
        var used = Set<Int>()
        for g in gold {
            guard let index = predicted.indices.first(where: { i in
                !used.contains(i) && (predicted[i].text.contains(g.text) || g.text.contains(predicted[i].text))
            }) else { continue }
            used.insert(index)
            let p = predicted[index]
            matched += 1
            if let metric = g.metric {
                metricJudged += 1
                if p.metric == metric { metricRight += 1 }
            }
            if p.modality.rawValue == g.modality { modalityRight += 1 }
            let predictedPeriod = p.period?.text
            let samePeriod = zip([g.period], [predictedPeriod]).allSatisfy { a, b in
                guard let a, let b else { return a == nil && b == nil }
                return a.contains(b) || b.contains(a)
            }
            if samePeriod {
                periodRight += 1
            }
        }
    }
}

@Suite("claim extraction quality")
struct GoldScoreTests {
    @Test("precision and recall on the five sample articles stay above their floors")
    func samplesGold() throws {
        let url = repoRoot.appendingPathComponent("Tests/ExtractTests/Fixtures/samples-gold.json")
        let gold = try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: url))
        var score = ExtractionScore()
        for (name, expected) in gold.documents.sorted(by: { $0.key < $1.key }) {
            score.add(gold: expected, predicted: try claims(name))
        }
        print("samples gold — \(score)")
        // Floors only go up: raise them when the method improves.
        #expect(score.precision >= 0.95)
        #expect(score.recall >= 0.80)
        #expect(score.metricAccuracy >= 0.95)
        #expect(score.modalityAccuracy >= 0.95)
        #expect(score.periodAccuracy >= 0.95)
    }
}
