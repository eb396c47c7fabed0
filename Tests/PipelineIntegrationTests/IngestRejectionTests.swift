import Formats
import Foundation
import Pipeline
import SLAMNumerics
import Store
import Testing

/// One small hand-made file per rejection reason the LAMOST ingest can write (the reader's and the
/// preprocessing's), all ingested in one batch; each rejection row is checked for stage, reason code
/// and object.
@Suite("LAMOST ingest rejections")
struct IngestRejectionTests {
    /// A hand-made file and the rejection it must give (`object` nil when the obsid is not known yet).
    struct Case: Sendable {
        var path: String
        var stage: String
        var code: String
        var object: String?
    }

    /// Writes a 5 x N image with the writer's header cards for `spectrum`, `edit` applied to the cards
    /// and `rows` image rows (5 normally).
    static func writeImage(_ spectrum: LamostSpectrum, to url: URL, rows: Int = 5,
                           cards edit: (inout [HeaderCard]) -> Void = { _ in },
                           wavelength: (inout [Float]) -> Void = { _ in }) throws {
        var cards = LamostSpectrumWriter.headerCards(for: spectrum.metadata)
        edit(&cards)
        var wave = spectrum.wavelength.map { Float($0) }
        wavelength(&wave)
        let n = spectrum.flux.count
        let file = try FITSFile.create(url: url)
        try file.createFloatImage(shape: [n, rows])
        try file.writeCards(cards)
        let data = spectrum.flux + spectrum.ivar + wave + [Float](repeating: 0, count: 2 * n)
        try file.writeImage(Array(data.prefix(rows * n)))
        try file.close()
    }

    static func setValue(_ key: String, _ value: HeaderValue) -> (inout [HeaderCard]) -> Void {
        { cards in if let i = cards.firstIndex(where: { $0.key == key }) { cards[i].value = value } }
    }

    /// Every case, written into `dir` (files named like real spectra, fibre = case number).
    static func makeCases(in dir: URL) throws -> [Case] {
        var cases: [Case] = []
        func url(_ fiber: Int, _ suffix: String = ".fits") -> URL {
            dir.appendingPathComponent(String(format: "spec-57000-TESTPLAN_sp01-%03d", fiber) + suffix)
        }
        func spectrum(_ fiber: Int) -> LamostSpectrum {
            LamostIngestorTests.syntheticSpectrum(obsid: 7000 + Int64(fiber), fiber: fiber)
        }
        // Reader: a required keyword missing, unparsable, not finite.
        try writeImage(spectrum(1), to: url(1), cards: { $0.removeAll { $0.key == "COEFF1" } })
        cases.append(Case(path: url(1).path, stage: "ingest_lamost", code: "missing_keyword"))
        try writeImage(spectrum(2), to: url(2), cards: setValue("RA", .string("twelve")))
        cases.append(Case(path: url(2).path, stage: "ingest_lamost", code: "invalid_keyword"))
        try writeImage(spectrum(3), to: url(3), cards: setValue("DEC", .double(.nan)))
        cases.append(Case(path: url(3).path, stage: "ingest_lamost", code: "non_finite_keyword"))
        // Reader: 4 image rows; a wavelength row that goes backwards.
        try writeImage(spectrum(4), to: url(4), rows: 4)
        cases.append(Case(path: url(4).path, stage: "ingest_lamost", code: "wrong_dimensions"))
        try writeImage(spectrum(5), to: url(5), wavelength: { $0.swapAt(100, 101) })
        cases.append(Case(path: url(5).path, stage: "ingest_lamost", code: "non_monotonic_wavelength"))
        // Reader: an empty primary and a table without the spectrum columns.
        let table = try FITSFile.create(url: url(6))
        try table.createEmptyPrimary()
        try table.writeCards(LamostSpectrumWriter.headerCards(for: spectrum(6).metadata))
        try table.createBinaryTable(name: "OTHER", columns: [FITSColumnSpec(name: "X", format: "1E")], rowCount: 1)
        try table.write(column: 0, floats: [1])
        try table.close()
        cases.append(Case(path: url(6).path, stage: "ingest_lamost", code: "table_not_found"))
        // Reader: table layout whose array columns differ in length.
        let ragged = try FITSFile.create(url: url(12))
        try ragged.createEmptyPrimary()
        try ragged.writeCards(LamostSpectrumWriter.headerCards(for: spectrum(12).metadata))
        let names = ["FLUX", "IVAR", "WAVELENGTH", "ANDMASK", "ORMASK"]
        try ragged.createBinaryTable(name: "SPECTRUM", columns: names.map { FITSColumnSpec(name: $0, format: $0 == "IVAR" ? "39E" : "40E") },
                                     rowCount: 1)
        for (column, name) in names.enumerated() {
            let count = name == "IVAR" ? 39 : 40
            try ragged.write(column: column, floats: name == "WAVELENGTH" ? (0..<count).map { 4000 + Float($0) } : [Float](repeating: 1, count: count))
        }
        try ragged.close()
        cases.append(Case(path: url(12).path, stage: "ingest_lamost", code: "inconsistent_arrays"))
        // Ingest: no OBSID and a file name without the identity; a position out of range.
        var anonymous = spectrum(7)
        anonymous.metadata.obsid = nil
        let anonymousURL = dir.appendingPathComponent("renamed-by-someone.fits")
        try LamostSpectrumWriter.write(anonymous, to: anonymousURL)
        cases.append(Case(path: anonymousURL.path, stage: "ingest_lamost", code: "missing_keyword"))
        var farAway = spectrum(8)
        farAway.metadata.ra = 400
        try LamostSpectrumWriter.write(farAway, to: url(8))
        cases.append(Case(path: url(8).path, stage: "ingest_lamost", code: "invalid_position", object: "7008"))
        // Preprocessing: no redshift (Z = -9999, class Unknown); a 300 A hole; no good pixel at all.
        var noZ = spectrum(9)
        noZ.metadata.z = nil
        noZ.metadata.objectClass = "Unknown"
        try LamostSpectrumWriter.write(noZ, to: url(9))
        cases.append(Case(path: url(9).path, stage: "preprocess", code: "no_redshift", object: "7009"))
        var holed = spectrum(10)
        for i in holed.wavelength.indices where (4500...4800).contains(holed.wavelength[i]) { holed.ivar[i] = 0 }
        try LamostSpectrumWriter.write(holed, to: url(10))
        cases.append(Case(path: url(10).path, stage: "preprocess", code: "too_many_bad_pixels", object: "7010"))
        var dead = spectrum(11)
        dead.ivar = [Float](repeating: 0, count: dead.ivar.count)
        try LamostSpectrumWriter.write(dead, to: url(11))
        cases.append(Case(path: url(11).path, stage: "preprocess", code: "too_few_good_pixels", object: "7011"))
        // Preprocessing: a redshift that is not a redshift (z <= -1).
        var blueshifted = spectrum(13)
        blueshifted.metadata.z = -2
        try LamostSpectrumWriter.write(blueshifted, to: url(13))
        cases.append(Case(path: url(13).path, stage: "preprocess", code: "invalid_redshift", object: "7013"))
        return cases
    }

    @Test func everyRejectionReasonIsWrittenWithStageCodeAndObject() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = try Self.makeCases(in: dir)
        let good = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-100.fits.gz")
        try LamostSpectrumWriter.write(LamostIngestorTests.syntheticSpectrum(obsid: 7100, fiber: 100), to: good)
        let ingestor = LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2)
        try await FreshDatabase.run { db in
            let summary = try ingestor.ingest(paths: cases.map(\.path) + [good.path], connection: db, jobID: 42)
            #expect(summary.rejected == cases.count { $0.stage == "ingest_lamost" })
            #expect(summary.preprocessingRejected == cases.count { $0.stage == "preprocess" })
            #expect(summary.ingested == 1 + summary.preprocessingRejected)
            #expect(summary.preprocessed == 1)
            let rows = try db.query("SELECT source, stage, reason_code, object, reason, job_id FROM rejection")
            var bySource: [String: (stage: String, code: String, object: String?, reason: String, job: Int64?)] = [:]
            for row in rows.rows {
                bySource[try row.decode(String.self, at: 0)] = (
                    try row.decode(String.self, at: 1), try row.decode(String.self, at: 2),
                    try row.decode(String?.self, at: 3), try row.decode(String.self, at: 4), try row.decode(Int64?.self, at: 5))
            }
            #expect(bySource.count == cases.count)
            for c in cases {
                let row = bySource[c.path]
                #expect(row?.stage == c.stage, "\(c.code): \(c.path)")
                #expect(row?.code == c.code, "\(c.path): \(row?.reason ?? "no rejection row")")
                #expect(row?.object == c.object, "\(c.code)")
                #expect(row?.reason.isEmpty == false)
                #expect(row?.job == 42)
            }
            // Spectra refused by preprocessing keep their lamost_spectrum row, without a preprocessed one.
            let kept = try db.query("""
                SELECT count(*) FROM lamost_spectrum s
                WHERE s.obsid IN (7009, 7010, 7011, 7013)
                  AND NOT EXISTS (SELECT 1 FROM spectrum_preprocessed p WHERE p.obsid = s.obsid)
                """)
            #expect(try kept.first?.decode(Int.self, at: 0) == 4)
            let noZ = try db.query("SELECT z, class FROM lamost_spectrum WHERE obsid = 7009").first
            #expect(try noZ?.decode(Double?.self, at: 0) == nil)
            #expect(try noZ?.decode(String?.self, at: 1) == "Unknown")
        }
    }
}
