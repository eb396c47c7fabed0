import Formats
import Foundation
import Logging
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// The label loaders as jobs: one kind per loader; a bad table ends its job for good with the reason,
/// and leaves a failed load row.
@Suite("Label catalogue load jobs") struct LoadLabelsJobTests {
    @Test func loadJobsWriteACatalogueOrFailWithTheirReason() async throws {
        let good = try LabelCatalogueLoaderTests.write(LabelCatalogueLoaderTests.laspCSV)
        let bad = try LabelCatalogueLoaderTests.write("obsid,T\n1,hot\n")
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            let (ok, failing) = try await factory.withConnection { conn in
                (try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .lasp, path: good, name: "lasp-dr5", release: "DR5", mapping: .lasp), db: conn),
                 try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .table, path: bad, name: "mine", release: "",
                                                               mapping: .init(obsidColumn: "obsid", labels: [.init(name: "teff", column: "T")])),
                                             db: conn))
            }
            #expect(JobKind.registry().kinds.contains(JobKind.loadLabelsLASP))
            try await PipelineEndToEndTests.follow(factory)([], [JobKind.loadLabelsLASP, JobKind.loadLabelsTable], "", nil)
            try await db.withConnection { conn in
                let states = try conn.query("SELECT id, kind, state, coalesce(last_error, '') FROM job ORDER BY id").rows.map {
                    (try $0.decode(Int.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3))
                }
                #expect(states.map(\.1) == ["load_labels_lasp", "load_labels_table"])
                #expect(states.first { $0.0 == ok.id }?.2 == "completed")
                let dead = try #require(states.first { $0.0 == failing.id })
                #expect(dead.2 == "dead" && dead.3.contains("not numeric"))
                #expect(try TinyModelWorld.count(conn, "SELECT count(*) FROM label_catalogue") == 1)
                let load = try conn.query("SELECT status, error, job_id FROM label_catalogue_load WHERE name = 'mine'").first
                #expect(try load?.decode(String.self, at: 0) == "failed")
                #expect(try load?.decode(String.self, at: 1).contains("'hot'") == true)
                #expect(try load?.decode(Int.self, at: 2) == failing.id)
            }
        }
    }

    @Test func apogeeLoadJobLoadsAllStarAndRegistersTheCatalogue() async throws {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("allStar.fits")
        try ApogeeAllStarWriter.write(ApogeeIngestorTests.stars(), to: file)
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            _ = try await factory.withConnection { conn in
                try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .apogee, path: file.path, name: "apogee-dr15", release: "DR15",
                                                              apogeeColumns: "dr15"), db: conn)
            }
            try await PipelineEndToEndTests.follow(factory)([], [JobKind.loadLabelsApogee], "", nil)
            try await db.withConnection { conn in
                let entry = try #require(try LabelCatalogueRegistry.find("apogee-dr15", db: conn))
                #expect(entry.kind == .apogee && entry.apogeeRelease == "DR15" && entry.keyKind == "position")
                #expect(try entry.rows == TinyModelWorld.count(conn, "SELECT count(*) FROM apogee_star") && entry.rows >= 2)
                #expect(entry.labelNames == ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"])
            }
        }
    }
}
