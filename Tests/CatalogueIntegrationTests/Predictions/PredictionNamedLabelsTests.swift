import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Migration 0031 (issue 18): the named label columns of `prediction` set by trigger from the label arrays,
/// filled for rows written before it, their indexes serving the page query in order, `labels_current`
/// not reading the spectra when no spectrum column is asked for, and `label_flag_counts`.
@Suite("Prediction named labels")
struct PredictionNamedLabelsTests {
    static let named = ["teff", "logg", "m_h", "feh", "alpha_m", "c_m", "n_m"]

    /// The named columns of one prediction, in ``named`` order (NULL as nil).
    static func namedColumns(modelID: Int, obsid: Int64, db: PostgresConnection) throws -> [Float?] {
        let row = try #require(try db.query("""
            SELECT teff, logg, m_h, feh, alpha_m, c_m, n_m FROM prediction WHERE model_id = \(modelID) AND obsid = \(obsid)
            """).first)
        return try (0..<7).map { try row.decode(Float?.self, at: $0) }
    }

    @Test func theTriggerCopiesEachNamedLabelByTheModelsLabelOrder() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                let apogee = try TestRows.model(db, preprocessingID: pp, labelSet: "apogee", labelNames: ["m_h", "teff", "logg", "n_m"])
                let lasp = try TestRows.model(db, preprocessingID: pp, labelSet: "lasp", labelNames: ["teff", "logg", "feh", "vmic"])
                try TestRows.spectrum(db, obsid: 1)
                try TestRows.prediction(db, modelID: apogee, obsid: 1, labels: [-1.5, 4500, 2.1, 0.3], formalErrors: [0.1, 50, 0.1, 0.1])
                try TestRows.prediction(db, modelID: lasp, obsid: 1, labels: [6100, 4.2, -0.4, 1.2], formalErrors: [80, 0.1, 0.1, 0.1])
                #expect(try Self.namedColumns(modelID: apogee, obsid: 1, db: db) == [4500, 2.1, -1.5, nil, nil, nil, 0.3])
                #expect(try Self.namedColumns(modelID: lasp, obsid: 1, db: db) == [6100, 4.2, nil, -0.4, nil, nil, nil])

                // A writer cannot make a named column disagree with the array; a new array moves it.
                try db.execute("UPDATE prediction SET m_h = 0.5 WHERE model_id = \(apogee)")
                #expect(try Self.namedColumns(modelID: apogee, obsid: 1, db: db)[2] == -1.5)
                try db.execute("UPDATE prediction SET labels = '{-2, 4400, 1.9, 0.2}' WHERE model_id = \(apogee)")
                #expect(try Self.namedColumns(modelID: apogee, obsid: 1, db: db) == [4400, 1.9, -2, nil, nil, nil, 0.2])

                // The staged batch path (COPY into a temporary copy, then INSERT ... SELECT *) goes through it too.
                try TestRows.spectrum(db, obsid: 2)
                try db.executeScript("CREATE TEMP TABLE staged (LIKE prediction INCLUDING DEFAULTS)", name: "staging table")
                try db.execute("""
                    INSERT INTO staged (model_id, obsid, labels, formal_errors, n_pixels, iterations, status, m_h)
                    VALUES (\(apogee), 2, '{-0.7, 5000, 3.0, 0.1}', '{0.1, 50, 0.1, 0.1}', 10, 3, 'converged', 99)
                    """)
                try db.execute("INSERT INTO prediction SELECT * FROM staged")
                #expect(try Self.namedColumns(modelID: apogee, obsid: 2, db: db) == [5000, 3.0, -0.7, nil, nil, nil, 0.1])
            }
        }
    }

    @Test func theMigrationFillsPredictionsWrittenBeforeIt() async throws {
        try await TestDatabase.withFresh(migrated: false) { database in
            try await database.withConnection { db in
                let all = try Migration.load(from: TestDatabase.migrationsDirectory())
                let before = all.filter { $0.version < 31 }
                #expect(before.count < all.count && all.contains { $0.name == "0031_prediction_named_labels.sql" })
                _ = try MigrationRunner(migrations: before).migrate(db)
                let model = try TestRows.model(db, labelNames: ["teff", "logg", "m_h", "alpha_m"])
                try TestRows.spectrum(db, obsid: 7)
                try TestRows.prediction(db, modelID: model, obsid: 7, labels: [4800, 2.4, -1.1, 0.25], formalErrors: [40, 0.1, 0.05, 0.02])

                let report = try MigrationRunner(migrations: all).migrate(db)
                #expect(report.applied.first == "0031_prediction_named_labels.sql")
                #expect(try Self.namedColumns(modelID: model, obsid: 7, db: db) == [4800, 2.4, -1.1, nil, 0.25, nil, nil])
            }
        }
    }

    /// 3,000 spectra with predictions by an old and a current model: the page of metal-poor giants reads the
    /// [M/H] index in order (no sort), answers as the arrays do, and the counts by flag equal a count of rows.
    @Test func thePageQueryReadsTheIndexInOrderAndTheCountsAgree() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                let names = ["teff", "logg", "m_h"]
                let old = try TestRows.model(db, preprocessingID: pp, labelNames: names, ready: true)
                let current = try TestRows.model(db, preprocessingID: pp, labelNames: names, ready: true)
                try db.execute("SELECT setseed(0.25)")
                try db.execute("""
                    INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, designation, file_layout, n_pixels, file_path, file_sha256,
                                                 file_bytes, header)
                    SELECT n, 360 * random(), 60 * random(), 50, 'J' || n, 'image', 3909, 'f/' || n, md5(n::text) || md5(n::text), 1, '{}'
                    FROM generate_series(1, 3000) n
                    """)
                for model in [old, current] {
                    try db.execute("""
                        INSERT INTO prediction (model_id, obsid, labels, formal_errors, n_pixels, iterations, status, flags)
                        SELECT \(model), obsid, ARRAY[4000 + 2000 * random(), 1 + 4 * random(), -2.5 + 3 * random()]::real[],
                               '{40, 0.1, 0.05}', 10, 3, 'converged', (ARRAY[0, 0, 0, 1, 2, 5, 4096])[1 + floor(7 * random())::int]
                        FROM lamost_spectrum
                        """)
                }
                try ModelPromotionQueries.insert(labelSet: "labels", modelID: current, previous: nil, decidedBy: "user",
                                                 reasons: JSONB(encoding: [String: String]()), db: db)
                try db.executeScript("ANALYZE lamost_spectrum; ANALYZE prediction", name: "analyse")

                let page = ScaleBenchmarkQueries.statement(.metalPoorGiantsPage, inputs: .init(obsids: [], designations: [], positions: []), k: 0)
                let plan = try db.query("EXPLAIN " + page).rows.map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                // Each model's partition (migration 0035) read through its [M/H] index in order, merged.
                #expect(plan.contains("prediction_m\(current)_m_h_idx"), "\(plan)")
                // Through the index of the clean predictions (migration 0036): `flags = 0` is its predicate, so
                // no flagged row is read and filtered out.
                #expect(!plan.contains("flags = 0"), "\(plan)")
                // The only sort is model_current's DISTINCT ON over the promotions, none of the predictions (a
                // Merge Append of the partitions' ordered index scans also prints a Sort Key, and sorts nothing).
                let lines = plan.split(separator: "\n")
                let sortKeys = zip(lines, lines.dropFirst()).filter { $0.0.contains("Sort  (") }.map(\.1)
                #expect(!sortKeys.isEmpty && sortKeys.allSatisfy { $0.contains("label_set") }, "\(plan)")
                let obsids = try db.query(page).rows.map { try $0.decode(Int64.self, at: 0) }
                let expected = try db.query("""
                    SELECT obsid FROM prediction
                    WHERE model_id = \(current) AND labels[3] < -1 AND labels[2] < 3.5 AND flags = 0 ORDER BY labels[3] LIMIT 100
                    """).rows.map { try $0.decode(Int64.self, at: 0) }
                #expect(obsids.count == 100 && obsids == expected)

                // No spectrum column asked for: the spectra are not read.
                let countsPlan = try db.query("EXPLAIN SELECT label_set, count(*) FROM labels_current GROUP BY label_set").rows
                    .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                #expect(!countsPlan.contains("lamost_spectrum"), "\(countsPlan)")

                let counts = try db.query("SELECT bit, n_spectra, label_set, model_id FROM label_flag_counts ORDER BY bit").rows.map {
                    (try $0.decode(Int.self, at: 0), try $0.decode(Int64.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(Int.self, at: 3))
                }
                let direct = try db.query("""
                    SELECT f.bit, count(*) FROM prediction p JOIN flag_bits f ON p.flags & (1 << f.bit) <> 0
                    WHERE p.model_id = \(current) GROUP BY f.bit ORDER BY f.bit
                    """).rows.map { (try $0.decode(Int.self, at: 0), try $0.decode(Int64.self, at: 1)) }
                #expect(counts.map(\.0) == direct.map(\.0) && counts.map(\.1) == direct.map(\.1))
                #expect(counts.map(\.0) == [0, 1, 2, 12])
                #expect(counts.allSatisfy { $0.2 == "labels" && $0.3 == current })
            }
        }
    }
}
