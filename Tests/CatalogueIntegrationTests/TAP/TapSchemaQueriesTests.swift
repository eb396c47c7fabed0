import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Migration 0027's published schema and the TAP_SCHEMA generated from it.
@Suite("TAP schema queries")
struct TapSchemaQueriesTests {
    static let publishedViews = ["slam.flag_bits", "slam.labels", "slam.labels_history", "slam.model_precision", "slam.models",
                                 "slam.spectra"]
    static let tapSchemaTables = ["tap_schema.columns", "tap_schema.key_columns", "tap_schema.keys", "tap_schema.schemas",
                                  "tap_schema.tables"]

    /// The columns of `relation` (schema-qualified) from pg_catalog, in order, with their comments.
    static func catalogueColumns(_ db: PostgresConnection, _ relation: String) throws -> [(String, String?)] {
        try db.query("""
            SELECT a.attname::text, col_description(a.attrelid, a.attnum)
            FROM pg_attribute a WHERE a.attrelid = \(relation)::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """).rows.map { (try $0.decode(String.self, at: 0), try $0.decode(String?.self, at: 1)) }
    }

    @Test func everyPublishedViewIsListedWithEveryColumnAndItsComment() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let tables = try TapSchemaQueries.publishedTables(db: db)
                #expect(tables.map(\.qualifiedName) == Self.publishedViews + Self.tapSchemaTables)
                let views = try db.query("""
                    SELECT 'slam.' || c.relname FROM pg_class c WHERE c.relnamespace = 'slam'::regnamespace AND c.relkind = 'v' ORDER BY 1
                    """).rows.map { try $0.decode(String.self, at: 0) }
                #expect(views == Self.publishedViews)
                for table in tables {
                    let expected = try Self.catalogueColumns(db, table.qualifiedName)
                    #expect(table.columns.map(\.name) == expected.map(\.0), "\(table.qualifiedName)")
                    #expect(table.columns.map(\.description) == expected.map(\.1), "\(table.qualifiedName)")
                    #expect(table.columns.allSatisfy { $0.description?.isEmpty == false }, "\(table.qualifiedName): a column lacks a comment")
                    #expect(table.description?.isEmpty == false, "\(table.qualifiedName)")
                    #expect(table.tableName == String(table.qualifiedName.split(separator: ".")[1]))
                    #expect(table.tableType == (table.schemaName == "slam" ? "view" : "table"))
                }
                // Published views hold scalars only: no column is an array (arraysize * is for strings).
                let arrays = tables.flatMap { t in t.columns.filter { $0.arraysize != nil && $0.datatype != "char" }.map { "\(t.qualifiedName).\($0.name)" } }
                #expect(arrays == [])
                // Every metadata row names a real column.
                let strays = try db.query("""
                    SELECT m.table_name || '.' || m.column_name FROM tap_schema_column_meta m
                    LEFT JOIN tap_schema.columns c USING (table_name, column_name) WHERE c.column_name IS NULL ORDER BY 1
                    """).rows.map { try $0.decode(String.self, at: 0) }
                #expect(strays == [])
            }
        }
    }

    @Test func labelColumnsCarryTypesUnitsAndUCDs() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let labels = try #require(try TapSchemaQueries.publishedTable("slam.labels", db: db))
                func describe(_ name: String) -> [String?] {
                    guard let c = labels.column(name) else { return ["missing"] }
                    return [c.datatype, c.arraysize, c.xtype, c.unit, c.ucd, c.principal ? "principal" : nil, c.indexed ? "indexed" : nil]
                }
                #expect(describe("obsid") == ["long", nil, nil, nil, "meta.id;meta.main", "principal", "indexed"])
                #expect(describe("designation") == ["char", "*", nil, nil, "meta.id", "principal", "indexed"])
                #expect(describe("ra") == ["double", nil, nil, "deg", "pos.eq.ra;meta.main", "principal", "indexed"])
                #expect(describe("dec") == ["double", nil, nil, "deg", "pos.eq.dec;meta.main", "principal", "indexed"])
                #expect(describe("snrg") == ["float", nil, nil, nil, "stat.snr;em.opt.B", "principal", nil])
                #expect(describe("model_id") == ["int", nil, nil, nil, "meta.id;meta.software", nil, "indexed"])
                #expect(describe("teff") == ["float", nil, nil, "K", "phys.temperature.effective", "principal", nil])
                #expect(describe("teff_err") == ["float", nil, nil, "K", "stat.error;phys.temperature.effective", "principal", nil])
                #expect(describe("logg") == ["float", nil, nil, "log(cm.s**-2)", "phys.gravity", "principal", nil])
                #expect(describe("logg_err") == ["float", nil, nil, "log(cm.s**-2)", "stat.error;phys.gravity", "principal", nil])
                #expect(describe("m_h") == ["float", nil, nil, "dex", "phys.abund.Z", "principal", nil])
                #expect(describe("m_h_err") == ["float", nil, nil, "dex", "stat.error;phys.abund.Z", "principal", nil])
                #expect(describe("feh") == ["float", nil, nil, "dex", "phys.abund.Fe", "principal", nil])
                #expect(describe("feh_err") == ["float", nil, nil, "dex", "stat.error;phys.abund.Fe", "principal", nil])
                #expect(describe("alpha_m") == ["float", nil, nil, "dex", "phys.abund", "principal", nil])
                #expect(describe("c_m_err") == ["float", nil, nil, "dex", "stat.error;phys.abund", nil, nil])
                #expect(describe("flags") == ["int", nil, nil, nil, "meta.code.qual", "principal", nil])
                #expect(describe("created_at") == ["char", "*", "timestamp", nil, "time.processing", nil, nil])
                #expect(labels.column("teff")?.description == "Effective temperature, K.")
                #expect(labels.columns.allSatisfy { !$0.std })
                // labels_history has the same columns and is_current.
                let history = try #require(try TapSchemaQueries.publishedTable("slam.labels_history", db: db))
                #expect(history.columns.map(\.name) == labels.columns.map(\.name) + ["is_current"])
                #expect(Array(history.columns.dropLast()) == labels.columns.map { column in
                    var c = column
                    c.description = history.column(column.name)?.description
                    return c
                })
                #expect(history.column("is_current")?.datatype == "boolean")
            }
        }
    }

    @Test func tapSchemaDescribesItselfAndTheKeys() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let columns = try #require(try TapSchemaQueries.publishedTable("tap_schema.columns", db: db))
                #expect(columns.columns.map(\.name) == ["table_name", "column_name", "utype", "ucd", "unit", "description", "datatype",
                                                        "arraysize", "xtype", "size", "principal", "indexed", "std", "column_index"])
                #expect(columns.columns.allSatisfy { $0.std && $0.principal })
                #expect(columns.column("size")?.datatype == "int")
                #expect(columns.column("table_name")?.indexed == true)
                let schemas = try db.query("SELECT schema_name, schema_index FROM tap_schema.schemas ORDER BY schema_index").rows
                    .map { "\(try $0.decode(String.self, at: 0)):\(try $0.decode(Int.self, at: 1))" }
                #expect(schemas == ["slam:1", "tap_schema:2"])
                let keys = try db.query("""
                    SELECT k.key_id || ' ' || k.from_table || '.' || c.from_column || ' -> ' || k.target_table || '.' || c.target_column
                    FROM tap_schema.keys k JOIN tap_schema.key_columns c USING (key_id) ORDER BY 1
                    """).rows.map { try $0.decode(String.self, at: 0) }
                #expect(keys == [
                    "labels_history_model slam.labels_history.model_id -> slam.models.model_id",
                    "labels_history_spectrum slam.labels_history.obsid -> slam.spectra.obsid",
                    "labels_model slam.labels.model_id -> slam.models.model_id",
                    "labels_spectrum slam.labels.obsid -> slam.spectra.obsid",
                    "model_precision_model slam.model_precision.model_id -> slam.models.model_id",
                    "tap_columns_table tap_schema.columns.table_name -> tap_schema.tables.table_name",
                    "tap_key_columns_key tap_schema.key_columns.key_id -> tap_schema.keys.key_id",
                    "tap_keys_from_table tap_schema.keys.from_table -> tap_schema.tables.table_name",
                    "tap_keys_target_table tap_schema.keys.target_table -> tap_schema.tables.table_name",
                    "tap_tables_schema tap_schema.tables.schema_name -> tap_schema.schemas.schema_name",
                ])
            }
        }
    }

    /// Columns named by a reserved word of the query language are published delimited ("size"), found by
    /// their database name; the foreign keys come with the table that holds them.
    @Test func reservedColumnNamesArePublishedDelimitedAndKeysComeWithTheirTables() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TapSchemaQueries.refresh(delimiting: ["SIZE", "BIT"], db: db)
                let names = try db.query("""
                    SELECT column_name FROM tap_schema.columns
                    WHERE table_name IN ('tap_schema.columns', 'slam.flag_bits') AND column_name LIKE '"%'
                    ORDER BY 1
                    """).rows.map { try $0.decode(String.self, at: 0) }
                #expect(names == ["\"bit\"", "\"size\""])
                let columns = try #require(try TapSchemaQueries.publishedTable("tap_schema.columns", db: db))
                #expect(columns.column("size")?.name == "\"size\"" && columns.column("size")?.databaseName == "size")
                let labels = try #require(try TapSchemaQueries.publishedTable("slam.labels", db: db))
                #expect(labels.foreignKeys.map { "\($0.keyID) \($0.targetTable) \($0.columns.map { "\($0.fromColumn)=\($0.targetColumn)" })" }
                        == ["labels_model slam.models [\"model_id=model_id\"]", "labels_spectrum slam.spectra [\"obsid=obsid\"]"])
                try TapSchemaQueries.refresh(delimiting: [], db: db)
                #expect(try TapSchemaQueries.publishedTable("tap_schema.columns", db: db)?.column("size")?.name == "size")
            }
        }
    }

    /// A view added to schema slam (and its comments) is published by the next refresh, and a dropped one
    /// disappears; refreshing twice changes nothing.
    @Test func refreshPublishesTheViewsOfSchemaSlamAsTheyAre() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let before = try TapSchemaQueries.publishedTables(db: db)
                #expect(try TapSchemaQueries.refresh(delimiting: [], db: db) == before.reduce(0) { $0 + $1.columns.count })
                #expect(try TapSchemaQueries.publishedTables(db: db) == before)

                try db.executeScript("""
                    CREATE VIEW slam.zz_extra AS SELECT 1::smallint AS s, now() AS t, 2.5::real AS r, true AS b;
                    COMMENT ON VIEW slam.zz_extra IS 'Extra.';
                    COMMENT ON COLUMN slam.zz_extra.s IS 'A short.';
                    """, name: "add a view")
                #expect(try TapSchemaQueries.refresh(delimiting: [], db: db) == before.reduce(0) { $0 + $1.columns.count } + 4)
                let extra = try #require(try TapSchemaQueries.publishedTable("slam.zz_extra", db: db))
                #expect(extra.description == "Extra.")
                #expect(extra.columns.map { "\($0.name) \($0.datatype) \($0.arraysize ?? "-") \($0.xtype ?? "-") \($0.description ?? "-")" }
                        == ["s short - - A short.", "t char * timestamp -", "r float - - -", "b boolean - - -"])

                try db.executeScript("DROP VIEW slam.zz_extra", name: "drop the view")
                try TapSchemaQueries.refresh(delimiting: [], db: db)
                #expect(try TapSchemaQueries.publishedTables(db: db) == before)
            }
        }
    }

    /// The views show what the tables hold: current labels with published errors, every model version, the
    /// registry with its fixed hyperparameters, the precision table with its unit.
    @Test func publishedViewsShowTheCatalogue() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                try TestRows.spectrum(db, obsid: 7, ra: 120.5, dec: -3.25, snrg: 42, designation: "J7", objectClass: "STAR")
                let set = try TestRows.trainingSet(db, preprocessingID: pp)
                let settings = #"{"hyperparameters":{"fixed":{"c":4,"epsilon":0.05,"gamma":0.1}},"validationFolds":5}"#
                let old = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, settings: settings, ready: true)
                let new = try TestRows.model(db, trainingSetID: set, preprocessingID: pp,
                                             settings: #"{"hyperparameters":{"defaultGrid":{"folds":3}},"validationFolds":2}"#, ready: true)
                try TestRows.prediction(db, modelID: old, obsid: 7, labels: [4500, 2.0], formalErrors: [40, 0.05])
                try TestRows.prediction(db, modelID: new, obsid: 7, labels: [4600, 2.5], formalErrors: [40, 0.05],
                                        calibratedErrors: [55, 0.125], flags: 5)
                try ModelPromotionQueries.insert(labelSet: "labels", modelID: new, previous: nil, decidedBy: "user", reasons: JSONB("{}"), db: db)
                try ModelPrecisionQueries.write(modelID: new, [
                    ModelPrecisionRow(label: "teff", scope: "all", snrMin: 0, snrMax: 1e6, count: 5, bias: 1, scatter: 50,
                                      robustScatter: 45, errorCalibration: 1.25),
                ], db: db)

                let labels = try db.query("""
                    SELECT obsid, designation, ra, dec, label_set, model_id, teff::float8, teff_err::float8, logg::float8,
                           logg_err::float8, m_h, flags, fit_status FROM slam.labels
                    """).rows
                #expect(labels.count == 1)
                let row = try #require(labels.first)
                #expect(try row.decode(Int64.self, "obsid") == 7 && row.decode(String?.self, "designation") == "J7")
                #expect(try row.decode(Double.self, "ra") == 120.5 && row.decode(Double.self, "dec") == -3.25)
                #expect(try row.decode(String.self, "label_set") == "labels" && row.decode(Int.self, "model_id") == new)
                #expect(try [row.decode(Double.self, "teff"), row.decode(Double.self, "teff_err"), row.decode(Double.self, "logg"),
                             row.decode(Double.self, "logg_err")] == [4600, 55, 2.5, 0.125])
                #expect(try row.decode(Float?.self, "m_h") == nil)
                #expect(try row.decode(Int.self, "flags") == 5 && row.decode(String.self, "fit_status") == "converged")

                let history = try db.query("""
                    SELECT model_id, teff::float8, teff_err::float8, is_current FROM slam.labels_history ORDER BY model_id
                    """).rows.map { "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(Double.self, at: 1)) \(try $0.decode(Double.self, at: 2)) \(try $0.decode(Bool.self, at: 3))" }
                #expect(history == ["\(old) 4500.0 40.0 false", "\(new) 4600.0 55.0 true"])

                let models = try db.query("""
                    SELECT model_id, is_current, label_names, hyperparameter_search, svr_c, svr_epsilon, svr_gamma, grid_folds, validation_folds
                    FROM slam.models ORDER BY model_id
                    """).rows.map { r in
                        [try r.decode(Int.self, at: 0).description, try r.decode(Bool.self, at: 1).description, try r.decode(String.self, at: 2),
                         try r.decode(String?.self, at: 3) ?? "-", (try r.decode(Double?.self, at: 4)).map { "\($0)" } ?? "-",
                         (try r.decode(Double?.self, at: 5)).map { "\($0)" } ?? "-", (try r.decode(Double?.self, at: 6)).map { "\($0)" } ?? "-",
                         (try r.decode(Int?.self, at: 7)).map { "\($0)" } ?? "-", (try r.decode(Int?.self, at: 8)).map { "\($0)" } ?? "-"]
                            .joined(separator: " ")
                    }
                #expect(models == ["\(old) false teff,logg fixed 4.0 0.05 0.1 - 5", "\(new) true teff,logg default_grid - - - 3 2"])

                let precision = try db.query("""
                    SELECT model_id, label, label_unit, scope, n, scatter FROM slam.model_precision
                    """).rows.map { "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(String.self, at: 1)) \(try $0.decode(String.self, at: 2)) \(try $0.decode(String.self, at: 3)) \(try $0.decode(Int.self, at: 4)) \(try $0.decode(Double.self, at: 5))" }
                #expect(precision == ["\(new) teff K all 5 50.0"])

                let spectra = try db.query("SELECT obsid, class, snrg::float8 FROM slam.spectra").rows
                    .map { "\(try $0.decode(Int64.self, at: 0)) \(try $0.decode(String?.self, at: 1) ?? "-") \(try $0.decode(Double.self, at: 2))" }
                #expect(spectra == ["7 STAR 42.0"])
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM slam.flag_bits") == CatalogueWorld.count(db, "SELECT count(*) FROM flag_bits"))
            }
        }
    }
}
