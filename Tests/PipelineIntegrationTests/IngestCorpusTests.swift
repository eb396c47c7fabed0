import Formats
import Foundation
import Logging
import Pipeline
import Queue
import SLAMNumerics
import Simulator
import Store
import StoreTestSupport
import Testing

/// The bad-input corpus of issue 16: the real LAMOST fixtures (through a symbolic link) and a small mock
/// survey mixed with more than 50 broken files, one or more per defect class, enqueued in default
/// batches and ingested by two workers running the real `ingest_lamost` handler. Every good file is
/// stored, every bad file has exactly one rejection whose code and text say what is wrong and name it,
/// files coerced with a note are stored with that note, and no job is dead.
@Suite("Bad-input corpus through two workers", .serialized)
struct IngestCorpusTests {
    /// What one broken file must give.
    struct Expected: Sendable {
        var path: String
        var stage = "ingest_lamost"
        var code: String
        /// Text the reason must contain (besides starting with the path).
        var text: String
    }

    /// The corpus under construction.
    struct Corpus {
        let dir: URL
        var bad: [Expected] = []
        /// Files stored with a note: path and the note's text.
        var noted: [(path: String, note: String)] = []
        var fiber = 0

        mutating func next() -> (URL, LamostSpectrum) {
            fiber += 1
            let url = dir.appendingPathComponent(String(format: "spec-57003-CORPUS_sp04-%03d.fits", fiber))
            var spectrum = LamostIngestorTests.syntheticSpectrum(obsid: 70_000 + Int64(fiber), fiber: fiber)
            spectrum.metadata.planid = "CORPUS"
            return (url, spectrum)
        }

        mutating func image(_ code: String, _ text: String, stage: String = "ingest_lamost", rows: Int = 5,
                            edit: (inout LamostSpectrum) -> Void = { _ in },
                            cards: (inout [HeaderCard]) -> Void = { _ in },
                            wavelength: (inout [Float]) -> Void = { _ in }) throws {
            var (url, spectrum) = next()
            edit(&spectrum)
            try IngestRejectionTests.writeImage(spectrum, to: url, rows: rows, cards: cards, wavelength: wavelength)
            bad.append(Expected(path: url.path, stage: stage, code: code, text: text))
        }

        mutating func bytes(_ name: String, _ data: Data, _ code: String, _ text: String) throws {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            bad.append(Expected(path: url.path, code: code, text: text))
        }

        /// A good file with one byte replaced in the card starting with `prefix`; returns path and card number.
        mutating func patched(_ prefix: String, offset: Int, byte: UInt8, edit: (inout LamostSpectrum) -> Void = { _ in })
            throws -> (String, Int) {
            var (url, spectrum) = next()
            edit(&spectrum)
            try IngestRejectionTests.writeImage(spectrum, to: url)
            var data = [UInt8](try Data(contentsOf: url))
            let key = Array(prefix.utf8)
            var card = 0
            while Array(data[(card * 80)..<(card * 80 + key.count)]) != key { card += 1 }
            data[card * 80 + offset] = byte
            try Data(data).write(to: url)
            return (url.path, card + 1)
        }
    }

    static func set(_ key: String, _ value: HeaderValue) -> (inout [HeaderCard]) -> Void {
        { cards in if let i = cards.firstIndex(where: { $0.key == key }) { cards[i].value = value } }
    }

    static func remove(_ key: String) -> (inout [HeaderCard]) -> Void {
        { cards in cards.removeAll { $0.key == key } }
    }

    /// Writes the broken (and noted) files into `dir`; `mock` are the mock survey's spectra (sorted).
    static func makeCorpus(in dir: URL, mock: [String]) throws -> Corpus {
        var c = Corpus(dir: dir)
        let good = try Data(contentsOf: URL(fileURLWithPath: mock[0]))
        // Cut short, empty, not FITS.
        var (url, spectrum) = c.next()
        try LamostSpectrumWriter.write(spectrum, to: url)
        let plain = try Data(contentsOf: url)
        try c.bytes("spec-57003-CORPUS_sp04-901.fits", plain.prefix(plain.count / 2), "truncated", "truncated")
        try c.bytes("spec-57003-CORPUS_sp04-902.fits", plain.prefix(1000), "truncated", "truncated")
        try c.bytes("spec-57003-CORPUS_sp04-903.fits.gz", good.prefix(good.count / 2), "truncated", "truncated")
        try FileManager.default.removeItem(at: url)
        try c.bytes("spec-57003-CORPUS_sp04-904.fits", Data(), "empty_file", "file is empty")
        try c.bytes("spec-57003-CORPUS_sp04-905.fits", Data("not a spectrum at all\n".utf8), "not_fits", "not a FITS file")
        var generator = SystemRandomNumberGenerator()
        try c.bytes("spec-57003-CORPUS_sp04-906.fits", Data((0..<2880).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) }),
                    "not_fits", "not a FITS file")
        // Wrong dimensions.
        try c.image("wrong_dimensions", "expected 2 axes", rows: 4)
        try c.image("wrong_dimensions", "expected 2 axes", rows: 1)
        // Pixels no preprocessing can use: all-NaN flux, negative ivar, zero ivar, all masked, +Inf flux.
        try c.image("too_few_good_pixels", "good pixels", stage: "preprocess", edit: { $0.flux = $0.flux.map { _ in .nan } })
        try c.image("too_few_good_pixels", "good pixels", stage: "preprocess", edit: { $0.ivar = $0.ivar.map { _ in -1 } })
        try c.image("too_few_good_pixels", "good pixels", stage: "preprocess", edit: { $0.ivar = $0.ivar.map { _ in 0 } })
        (url, spectrum) = c.next()
        spectrum.andMask = spectrum.andMask.map { _ in 1 }
        try LamostSpectrumWriter.write(spectrum, to: url)
        c.bad.append(Expected(path: url.path, stage: "preprocess", code: "too_few_good_pixels", text: "good pixels"))
        try c.image("non_monotonic_wavelength", "wavelength not increasing at pixel 101", wavelength: { $0.swapAt(100, 101) })
        // An empty primary HDU and a table without the spectrum's columns.
        (url, spectrum) = c.next()
        let table = try FITSFile.create(url: url)
        try table.createEmptyPrimary()
        try table.writeCards(LamostSpectrumWriter.headerCards(for: spectrum.metadata))
        try table.createBinaryTable(name: "OTHER", columns: [FITSColumnSpec(name: "X", format: "1E")], rowCount: 1)
        try table.write(column: 0, floats: [1])
        try table.close()
        c.bad.append(Expected(path: url.path, code: "table_not_found", text: "no binary table with columns FLUX"))
        try c.image("too_few_good_pixels", "good pixels", stage: "preprocess", edit: { $0.flux = $0.flux.map { _ in .infinity } })
        // Missing keywords.
        for key in ["RA", "DEC", "LMJD", "PLANID", "SPID", "FIBERID", "COEFF0", "COEFF1"] {
            try c.image("missing_keyword", "lacks keyword \(key)", cards: remove(key))
        }
        // Absurd header values.
        try c.image("invalid_position", "RA 400.0", edit: { $0.metadata.ra = 400 })
        try c.image("invalid_position", "DEC -100.0", edit: { $0.metadata.dec = -100 })
        try c.image("non_finite_keyword", "keyword RA is not finite", cards: set("RA", .double(.nan)))
        try c.image("invalid_keyword", "keyword COEFF1 has invalid value '-0.0001'", cards: set("COEFF1", .double(-1e-4)))
        try c.image("invalid_keyword", "keyword RA has invalid value 'twelve'", cards: set("RA", .string("twelve")))
        try c.image("invalid_keyword", "keyword LMJD has invalid value '1.5'", cards: set("LMJD", .double(1.5)))
        try c.image("invalid_keyword", "keyword SPID has invalid value 'x'", cards: set("SPID", .string("x")))
        try c.image("invalid_keyword", "keyword FIBERID has invalid value", cards: set("FIBERID", .double(1e30)))
        try c.image("invalid_redshift", "redshift", stage: "preprocess", edit: { $0.metadata.z = -2 })
        // Values out of their columns' range.
        for (key, value) in [("SPID", 40000), ("SPID", -1), ("FIBERID", 32768), ("LMJD", 2_147_483_648), ("LMJD", -5)] {
            let range = key == "LMJD" ? "0..2147483647" : "0..32767"
            try c.image("out_of_range", "\(key) \(value) out of range \(range) (keyword \(key), card ",
                        cards: set(key, .int(Int64(value))))
        }
        // Invalid OBSIDs.
        for value: HeaderValue in [.string("abc"), .double(1.5), .double(1e20), .int(0), .int(-7)] {
            try c.image("invalid_keyword", "keyword OBSID = ", cards: set("OBSID", value))
        }
        // A 30,000-card header.
        try c.image("header_too_large", "header has 30", cards: { cards in
            for i in 0..<30_000 { cards.append(HeaderCard(String(format: "X%07d", i), .int(Int64(i)))) }
        })
        // Non-ASCII bytes in needed cards: the value of COEFF1, the keyword of COEFF0.
        let (coeff1, coeff1Card) = try c.patched("COEFF1  =", offset: 29, byte: 0xC3)
        c.bad.append(Expected(path: coeff1, code: "non_ascii_byte", text: "non-ASCII byte 0xC3 in card \(coeff1Card) (keyword COEFF1)"))
        let (coeff0, coeff0Card) = try c.patched("COEFF0  =", offset: 3, byte: 0xE9)
        c.bad.append(Expected(path: coeff0, code: "non_ascii_byte", text: "non-ASCII byte 0xE9 in card \(coeff0Card)"))
        // Two headers CFITSIO refuses (BITPIX 12), right after truncated files: each reason names only itself.
        for name in ["spec-57003-CORPUS_sp04-907.fits", "spec-57003-CORPUS_sp04-908.fits"] {
            var bytes = [UInt8](plain)
            bytes.replaceSubrange(80..<110, with: Array("BITPIX  =                   12".utf8))
            try c.bytes(name, Data(bytes), "cfitsio", "status 211")
        }
        // Symbolic links that loop on themselves or point nowhere, and a directory loop (no file at all).
        let fm = FileManager.default
        let loop = dir.appendingPathComponent("spec-57003-CORPUS_sp04-909.fits")
        try fm.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)
        c.bad.append(Expected(path: loop.path, code: "symlink_loop", text: "symbolic link loop"))
        let dangling = dir.appendingPathComponent("spec-57003-CORPUS_sp04-910.fits")
        try fm.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("gone.fits").path)
        c.bad.append(Expected(path: dangling.path, code: "dangling_symlink", text: "does not exist"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("again").path, withDestinationPath: dir.path)
        // Duplicate OBSIDs of mock spectra: an older release (loses), a newer release (wins: the mock file
        // loses), an older pipeline version in the same batch as its original (loses).
        func copy(of path: String, as name: String, edit: (inout LamostSpectrumMetadata) -> Void) throws -> String {
            var spectrum = try LamostSpectrumReader.read(url: URL(fileURLWithPath: path))
            edit(&spectrum.metadata)
            spectrum.flux = spectrum.flux.map { $0 * 1.01 }
            let url = dir.appendingPathComponent(name)
            try LamostSpectrumWriter.write(spectrum, to: url)
            return url.path
        }
        let late = mock[mock.count - 3], replacedMock = mock[mock.count - 2], early = mock[1]
        let older = try copy(of: late, as: "spec-57003-DUPOLD_sp04-001.fits") { $0.dataRelease = "LAMOST DR3" }
        c.bad.append(Expected(path: older, code: "duplicate_obsid",
                              text: "is also in \(late) (different content), which is kept: the higher data release is kept ('LAMOST DR5' over 'LAMOST DR3')"))
        let newer = try copy(of: replacedMock, as: "spec-57003-DUPNEW_sp04-002.fits") { $0.dataRelease = "LAMOST DR9" }
        c.bad.append(Expected(path: replacedMock, code: "duplicate_obsid",
                              text: "is also in \(newer) (different content), which is kept: the higher data release is kept ('LAMOST DR9' over 'LAMOST DR5')"))
        let stale = try copy(of: early, as: "spec-57003-DUPSTALE_sp04-003.fits") { $0.pipelineVersion = "v2.6.4" }
        c.bad.append(Expected(path: stale, code: "duplicate_obsid",
                              text: "is also in \(early) (different content), which is kept: the newer pipeline version is kept ('v2.9.7' over 'v2.6.4')"))
        // Stored with a note: MJD and SNRG beyond their columns, a NUL byte in DESIG, a non-ASCII byte in
        // a card nobody needs.
        (url, spectrum) = c.next()
        spectrum.metadata.mjd = 3_000_000_000
        try LamostSpectrumWriter.write(spectrum, to: url)
        c.noted.append((url.path, "MJD 3000000000 out of range 0..2147483647"))
        (url, spectrum) = c.next()
        spectrum.metadata.snr.g = 1e39
        try LamostSpectrumWriter.write(spectrum, to: url)
        c.noted.append((url.path, "SNRG 1e+39 exceeds the largest real"))
        let (nul, nulCard) = try c.patched("DESIG   =", offset: 15, byte: 0)
        c.noted.append((nul, "NUL byte in card \(nulCard) (keyword DESIG) removed"))
        let (accent, accentCard) = try c.patched("ORIGIN  =", offset: 14, byte: 0xE9)
        c.noted.append((accent, "non-ASCII byte 0xE9 in card \(accentCard) (keyword ORIGIN)"))
        return c
    }

    @Test func everyGoodFileIsStoredAndEveryBadFileHasOneAccurateRejection() async throws {
        let real = TestPaths.realLamost
        let realFiles = try FileManager.default.contentsOfDirectory(atPath: real.path).filter { $0.hasPrefix("spec-") }
        try #require(realFiles.count == 5, "real LAMOST fixtures not found at \(real.path)")
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let corpusDir = root.appendingPathComponent("corpus")
        let badDir = corpusDir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: badDir, withIntermediateDirectories: true)
        // The real fixtures through a symbolic link, the mock survey as written.
        try FileManager.default.createSymbolicLink(atPath: corpusDir.appendingPathComponent("real").path, withDestinationPath: real.path)
        let configuration = MockSurveyConfiguration(stars: 170, seed: 16, repeatFraction: 0.1, includeLASP: false)
        let survey = root.appendingPathComponent("survey")
        _ = try await MockSurvey(configuration: configuration).write(to: survey, workers: 2)
        try FileManager.default.moveItem(at: survey.appendingPathComponent(MockSurvey.spectraFolder),
                                         to: corpusDir.appendingPathComponent("mock"))
        let mock = try IngestFileList.expand([corpusDir.appendingPathComponent("mock").path])
        let corpus = try Self.makeCorpus(in: badDir, mock: mock)
        #expect(corpus.bad.count >= 50)

        let files = try IngestFileList.expand([corpusDir.path])
        let badPaths = Set(corpus.bad.map(\.path))
        let good = files.filter { !badPaths.contains($0) }
        // The bad files include one mock spectrum (displaced by a newer release); the newer copy is good.
        #expect(files.count == mock.count + 5 + (corpus.bad.count - 1) + corpus.noted.count + 1)
        #expect(good.contains { $0.hasPrefix(corpusDir.path + "/real/") })

        try await TestDatabase.withFresh { db in
            let jobs = try await db.withConnection { try IngestLamostJob.enqueue(paths: files, db: $0) }
            #expect(jobs.count == (files.count + 199) / 200 && jobs.count >= 2)
            var logger = Logger(label: "test.corpus")
            logger.logLevel = .critical
            let configuration = WorkerConfiguration(kinds: [JobKind.ingestLamost], concurrency: 1, pollIntervalSeconds: 0.1,
                                                    untilEmpty: true, untilEmptyHorizonSeconds: 0)
            let (factory, quiet) = (db.factory, logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await Queue.Worker(configuration: configuration, registry: JobKind.registry(), database: factory,
                                               logger: quiet).run()
                    }
                }
                try await group.waitForAll()
            }

            try await db.withConnection { conn in
                let states = try conn.query("SELECT state::text, count(*) FROM job GROUP BY 1").rows.map {
                    (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1))
                }
                #expect(states.map(\.0) == ["completed"], "\(states)")
                var stored = Set<String>()
                for row in try conn.query("SELECT file_path FROM lamost_spectrum").rows { stored.insert(try row.decode(String.self, at: 0)) }
                let missing = good.filter { !stored.contains($0) }
                #expect(missing.isEmpty, "good files not stored: \(missing)")
                var rejections: [String: [(stage: String, code: String, reason: String)]] = [:]
                for row in try conn.query("SELECT source, stage, reason_code, reason FROM rejection").rows {
                    rejections[try row.decode(String.self, at: 0), default: []].append(
                        (try row.decode(String.self, at: 1), try row.decode(String.self, at: 2), try row.decode(String.self, at: 3)))
                }
                for expected in corpus.bad {
                    let found = rejections[expected.path] ?? []
                    #expect(found.count == 1, "\(expected.path): \(found.count) rejections \(found.map(\.reason))")
                    guard let r = found.first else { continue }
                    #expect(r.stage == expected.stage && r.code == expected.code, "\(expected.code): got \(r.stage)/\(r.code): \(r.reason)")
                    #expect(r.reason.hasPrefix(expected.path + ":"), "reason does not start with its file: \(r.reason)")
                    #expect(r.reason.contains(expected.text), "\(expected.code): '\(expected.text)' not in '\(r.reason)'")
                    // No reason quotes another file of the corpus (CFITSIO's message stack, cleared per file),
                    // except a duplicate's, which names the file kept.
                    if r.code == "duplicate_obsid" { continue }
                    let others = r.reason.replacingOccurrences(of: expected.path, with: "")
                    #expect(!others.contains(badDir.path + "/spec-"), "reason quotes another file: \(r.reason)")
                }
                // Good files are stored; some may fail preprocessing (the real DR8 file has 462 masked
                // pixels), which is a preprocess rejection beside the stored row. Nothing else is rejected.
                let unexpected = rejections.keys.filter { !badPaths.contains($0) }.filter { path in
                    rejections[path]?.contains { $0.stage != "preprocess" } ?? false
                }
                #expect(unexpected.isEmpty, "rejected though good: \(unexpected.map { ($0, rejections[$0]?.map(\.reason) ?? []) })")
                for (path, note) in corpus.noted {
                    let notes = try conn.query("SELECT array_to_string(notes, ' | ') FROM lamost_spectrum WHERE file_path = $1", [path])
                        .first?.decode(String.self, at: 0)
                    #expect(notes?.contains(note) == true, "\(path): '\(note)' not in \(notes ?? "no row")")
                }
            }
        }
    }
}
