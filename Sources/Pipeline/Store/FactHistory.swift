public import ClaimModel
import Foundation
import GRDB

/// A fact's value as an earlier night's run reported it.
public struct PastFactValue: Sendable, Equatable {
    /// The as-of date of that run.
    public var asOf: CalendarDay
    /// That run's id.
    public var runID: String
    /// The fact's status that night.
    public var status: FactStatus
    /// The fact's reconciled value that night.
    public var value: ClaimValue

    public init(asOf: CalendarDay, runID: String, status: FactStatus, value: ClaimValue) {
        self.asOf = asOf; self.runID = runID; self.status = status; self.value = value
    }
}

extension RunStore {
    /// The values the given facts had on earlier nights: for each as-of date before `asOf`, the run of that date that
    /// completed last, at most the latest `nights` such dates; by fact id, oldest night first. A fact absent on a
    /// night, or whose stored row cannot be read, has no entry for it.
    public func factHistory(ids: [String], before asOf: CalendarDay, nights: Int = 30) throws -> [String: [PastFactValue]] {
        guard !ids.isEmpty, nights > 0 else { return [:] }
        return try queue.read { db in
            // The last completed run of each earlier as-of date, newest dates first.
            var runs: [(id: String, day: CalendarDay)] = []
            var seen = Set<String>()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, as_of FROM runs WHERE status = 'completed' AND as_of < ?
                ORDER BY as_of DESC, finished_at DESC, rowid DESC
                """, arguments: [asOf.iso])
            while let row = try rows.next(), runs.count < nights {
                let id: String = row[0], day: String = row[1]
                guard !seen.contains(day), let calendarDay = CalendarDay(iso: day) else { continue }
                seen.insert(day)
                runs.append((id, calendarDay))
            }
            guard !runs.isEmpty else { return [:] }
            let wanted = Set(ids)
            let decoder = JSONDecoder()
            var out: [String: [PastFactValue]] = [:]
            let statement = try db.cachedStatement(sql: "SELECT id, status, value_json FROM facts WHERE run_id = ?")
            // Oldest night first; each run's facts are read by its key, and only the wanted ones decoded.
            for run in runs.reversed() {
                let facts = try Row.fetchCursor(statement, arguments: [run.id])
                while let row = try facts.next() {
                    let id: String = row[0]
                    guard wanted.contains(id), let status = FactStatus(rawValue: row[1]) else { continue }
                    let json: String = row[2]
                    guard let value = try? decoder.decode(ClaimValue.self, from: Data(json.utf8)) else { continue }
                    out[id, default: []].append(PastFactValue(asOf: run.day, runID: run.id, status: status, value: value))
                }
            }
            return out
        }
    }
}
