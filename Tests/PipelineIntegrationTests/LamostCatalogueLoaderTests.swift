import Formats
import Foundation
import Pipeline
import SLAMNumerics
import Simulator
import Store
import Testing

@Suite("LAMOST catalogue load")
struct LamostCatalogueLoaderTests {
    /// The catalogue rows without load times, job ids and file paths, as one checksum, with the count.
    static func fingerprint(_ db: PostgresConnection) throws -> [String] {
        let row = try db.query("""
            SELECT count(*)::text,
                   md5(string_agg(row(obsid, designation, obsdate, lmjd, planid, spid, fiberid, ra, dec, snru, snrg, snrr,
                                      snri, snrz, class, subclass, z, teff, teff_err, logg, logg_err, feh, feh_err, rv,
                                      data_release)::text, ',' ORDER BY obsid)),
                   (SELECT count(*) FROM rejection)::text
            FROM lamost_catalogue
            """).first
        return try (0..<3).map { try row?.decode(String?.self, at: $0) ?? "NULL" }
    }

    @Test func mockSurveyCatalogueLoadsFromFITSAndCSVAlikeAndReloadsIdempotently() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: 12, seed: 5))
        let written = try await survey.write(to: dir, workers: 2)
        let fits = dir.appendingPathComponent(MockSurvey.catalogueFITS).path
        let csv = dir.appendingPathComponent(MockSurvey.catalogueCSV).path
        let spectra = try IngestFileList.expand([dir.appendingPathComponent(MockSurvey.spectraFolder).path])
        try await FreshDatabase.run { db in
            let ingested = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2)
                .ingest(paths: spectra, connection: db)
            let loader = LamostCatalogueLoader(release: "DR5")
            let first = try loader.load(path: fits, connection: db, jobID: 7)
            #expect(first.rows == written.spectra)
            #expect(first.loaded == written.spectra)
            #expect(first.rejected == 0)
            #expect(first.matchedSpectra == ingested.ingested)
            let afterFITS = try Self.fingerprint(db)
            #expect(afterFITS[0] == String(written.spectra))

            // Reloading the same file, or the CSV of the same catalogue, changes no value.
            let again = try loader.load(path: fits, connection: db)
            #expect(again.loaded == written.spectra)
            #expect(try Self.fingerprint(db) == afterFITS)
            _ = try loader.load(path: csv, connection: db)
            #expect(try Self.fingerprint(db) == afterFITS)
            let file = try db.query("SELECT DISTINCT catalogue_file FROM lamost_catalogue").rows.map { try $0.decode(String.self, at: 0) }
            #expect(file == [csv])

            // The AFGK catalogue adds the LASP parameters; reloading the general one (without those
            // columns) keeps them.
            try #require(written.laspRows > 0)
            _ = try loader.load(path: dir.appendingPathComponent(MockSurvey.laspFITS).path, connection: db)
            let teff = "SELECT count(teff) FROM lamost_catalogue"
            #expect(try db.query(teff).first?.decode(Int.self, at: 0) == written.laspRows)
            _ = try loader.load(path: fits, connection: db)
            #expect(try db.query(teff).first?.decode(Int.self, at: 0) == written.laspRows)

            // Catalogue values agree with the spectra's headers (the mock writes both from one truth).
            let disagree = try db.query("""
                SELECT count(*) FROM lamost_spectrum_catalogue v JOIN lamost_spectrum s ON s.obsid = v.spectrum_obsid
                WHERE v.lmjd <> s.lmjd OR v.planid <> s.planid OR v.spid <> s.spid OR v.fiberid <> s.fiberid
                   OR abs(v.ra - s.ra) > 1e-6
                """).first?.decode(Int.self, at: 0)
            #expect(disagree == 0)
        }
    }

    @Test func badRowsBecomeRejectionsAndTheRestLoads() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("cat.csv")
        try """
            obsid,designation,lmjd,planid,spid,fiberid,ra,dec,snrg,class,z,teff
            101,J000000.00+000000.0,57000,PLAN,1,1,10.5,20.25,55.5,STAR,0.0001,5100
            102,,57000,PLAN,1,2,10.5,95,30,STAR,-9999,-9999
            101,,57000,PLAN,1,3,11,21,30,STAR,0.0001,
            103,,57000,PLAN,1,40000,11,21,30,STAR,0.0001,
            104,,57000,PLAN,1,5,12,22,0,Unknown,-9999,

            """.write(to: csv, atomically: true, encoding: .utf8)
        try await FreshDatabase.run { db in
            let summary = try LamostCatalogueLoader(release: "DR5").load(path: csv.path, connection: db)
            #expect(summary.rows == 5 && summary.loaded == 2 && summary.rejected == 3)
            let rejections = try db.query("SELECT stage, source, object, reason_code FROM rejection ORDER BY source").rows
            let found = try rejections.map { [try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1),
                                              try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3)] }
            #expect(found == [
                ["ingest_catalogue", csv.path + "#2", "102", "invalid_position"],
                ["ingest_catalogue", csv.path + "#3", "101", "duplicate_obsid"],
                ["ingest_catalogue", csv.path + "#4", "103", "invalid_value"],
            ])
            let kept = try db.query("SELECT obsid, teff, snrg, z, class, data_release FROM lamost_catalogue ORDER BY obsid").rows
            #expect(kept.count == 2)
            #expect(try kept[0].decode(Float?.self, at: 1) == 5100)
            #expect(try kept[1].decode(Float?.self, at: 2) == nil)  // S/N 0 means missing
            #expect(try kept[1].decode(Double?.self, at: 3) == nil)  // -9999 sentinel
            #expect(try kept[1].decode(String.self, at: 5) == "DR5")
            // A second load of the same file replaces its rejections instead of adding to them.
            _ = try LamostCatalogueLoader(release: "DR5").load(path: csv.path, connection: db)
            #expect(try db.query("SELECT count(*) FROM rejection").first?.decode(Int.self, at: 0) == 3)
        }
    }

    @Test func malformedCSVThrowsAClearErrorAndWritesNothing() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let noObsid = dir.appendingPathComponent("no-obsid.csv")
        try "obsid,ra,dec\n1,10,20\n,11,21\n".write(to: noObsid, atomically: true, encoding: .utf8)
        let notANumber = dir.appendingPathComponent("text-obsid.csv")
        try "obsid,ra,dec\n1,10,20\nabc,11,21\n".write(to: notANumber, atomically: true, encoding: .utf8)
        let noColumn = dir.appendingPathComponent("no-column.csv")
        try "id,ra,dec\n1,10,20\n".write(to: noColumn, atomically: true, encoding: .utf8)
        try await FreshDatabase.run { db in
            for (url, code) in [(noObsid, "invalid_csv"), (notANumber, "invalid_csv"), (noColumn, "missing_column")] {
                do {
                    _ = try LamostCatalogueLoader().load(path: url.path, connection: db)
                    Issue.record("\(url.lastPathComponent) loaded")
                } catch let error as FITSError {
                    #expect(error.code == code, "\(error)")
                    #expect(error.description.contains(url.lastPathComponent))
                }
            }
            let counts = try db.query("SELECT (SELECT count(*) FROM lamost_catalogue) + (SELECT count(*) FROM rejection)")
            #expect(try counts.first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func pilotSpectrumWithSyntheticObsidIsMatchedByFileIdentity() async throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.realLamost.path))?
            .filter { $0.hasPrefix("spec-") }.sorted().map { TestPaths.realLamost.appendingPathComponent($0).path } ?? []
        try #require(files.count == 5)
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await FreshDatabase.run { db in
            _ = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: files, connection: db)
            let pilot = try #require(try db.query("""
                SELECT obsid, lmjd, planid, spid, fiberid FROM lamost_spectrum WHERE obsid_synthetic
                """).first)
            let spectrumObsid = try pilot.decode(Int64.self, at: 0)
            let csv = dir.appendingPathComponent("pilot.csv")
            try """
                obsid,lmjd,planid,spid,fiberid,ra,dec
                555000123,\(try pilot.decode(Int.self, at: 1)),\(try pilot.decode(String.self, at: 2)),\(try pilot.decode(Int.self, at: 3)),\(try pilot.decode(Int.self, at: 4)),10,20

                """.write(to: csv, atomically: true, encoding: .utf8)
            let summary = try LamostCatalogueLoader(release: "DR1").load(path: csv.path, connection: db)
            #expect(summary.matchedSpectra == 1)
            let match = try db.query("SELECT spectrum_obsid, obsid FROM lamost_spectrum_catalogue").rows
            #expect(match.count == 1)
            #expect(try match.first?.decode(Int64.self, at: 0) == spectrumObsid)
            #expect(try match.first?.decode(Int64.self, at: 1) == 555_000_123)
            // The spectrum keeps its key.
            #expect(try db.query("SELECT count(*) FROM lamost_spectrum WHERE obsid = $1", [spectrumObsid]).first?.decode(Int.self, at: 0) == 1)
        }
    }
}
