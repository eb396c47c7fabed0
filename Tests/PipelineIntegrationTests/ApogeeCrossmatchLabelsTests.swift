import CatalogueTestSupport
@testable import Pipeline
import Store
import Testing

/// The APOGEE label source: which crossmatch run a set comes from (the requested one, which must be complete,
/// or the latest complete one) and what its plan records.
@Suite struct ApogeeCrossmatchLabelsTests {
    /// One spectrum with an APOGEE star 0.3 arcsec away and a preprocessing; returns a complete DR15 run.
    static func completeRun(_ db: PostgresConnection) throws -> Int {
        try TestRows.preprocessing(db)
        try TestRows.spectrum(db, obsid: 1, ra: 10, dec: 20)
        try TestRows.apogeeStar(db, id: "2M1", ra: 10 + TestRows.raOffset(arcsec: 0.3, dec: 20), dec: 20)
        return try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db).runID
    }

    @Test func withoutACompleteRunThereIsNothingToSelectFrom() async throws {
        try await FreshDatabase.run { db throws -> Void in
            #expect(throws: TrainingSetError.noCompleteCrossmatch) { try ApogeeCrossmatchLabels.resolveRun(nil, db: db) }
            let started = try TestRows.crossmatchRun(db)
            #expect(throws: TrainingSetError.noCompleteCrossmatch) { try ApogeeCrossmatchLabels.resolveRun(nil, db: db) }
            #expect(throws: TrainingSetError.crossmatchNotComplete(started)) { try ApogeeCrossmatchLabels.resolveRun(started, db: db) }
            #expect(throws: TrainingSetError.unknownCrossmatchRun(started + 1)) {
                try ApogeeCrossmatchLabels.resolveRun(started + 1, db: db)
            }
        }
    }

    @Test func theLatestCompleteRunIsUsedUnlessOneIsRequested() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let run = try Self.completeRun(db)
            try TestRows.crossmatchRun(db)  // newer, but still running
            let latest = try ApogeeCrossmatchLabels.resolveRun(nil, db: db)
            #expect(latest.0 == run && latest.1 == "DR15")
            #expect(try ApogeeCrossmatchLabels.resolveRun(run, db: db).0 == run)
        }
    }

    @Test func thePlanRecordsTheRunItsReleaseAndTheLabels() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let run = try Self.completeRun(db)
            let criteria = TrainingSetCriteria(labels: [.teff, .logg], snrgMinimum: 0, ranges: [:], validationFraction: 0)
            let plan = try ApogeeCrossmatchLabels(criteria: criteria).plan(db: db)
            #expect(plan.crossmatchRunID == run && plan.reportSource == nil && plan.members == nil)
            #expect(plan.labelSet == "apogee-dr15" && plan.sourceName == "apogee-dr15" && plan.labelNames == ["teff", "logg"])
            #expect(plan.labelSource == "apogee_star release DR15 via crossmatch run \(run)")
            #expect(plan.preprocessingID == (try TestRows.preprocessing(db)))
            #expect(plan.catalogueID == nil, "no APOGEE catalogue is registered")
        }
    }
}
