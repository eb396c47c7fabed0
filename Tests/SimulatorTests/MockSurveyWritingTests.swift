import Foundation
import Formats
import Testing
@testable import Simulator

/// The files the generator writes read back with the project's readers, open with standard FITS tools,
/// and are byte-identical for the same seed.
@Suite(.serialized) struct MockSurveyWritingTests {
    typealias S = SimulatorTestSupport
    static let configuration = MockSurveyConfiguration(stars: 24, seed: 5, apogeeFraction: 0.9, repeatFraction: 0.25,
                                                       neighbourFraction: 0.3, badApogeeFraction: 0.2)

    func write(_ tag: String, configuration: MockSurveyConfiguration = Self.configuration, workers: Int = 2)
        async throws -> (MockSurvey, MockSurveySummary, URL)
    {
        let survey = try MockSurvey(configuration: configuration)
        let directory = S.temporaryDirectory(tag)
        let summary = try await survey.write(to: directory, workers: workers)
        return (survey, summary, directory)
    }

    @Test func spectraReadBackWithEveryKeywordAndArray() async throws {
        let (survey, summary, directory) = try await write("roundtrip")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(summary.spectra == survey.observations.count)
        for o in survey.observations {
            let (expected, result) = survey.spectrum(for: o)
            let url = directory.appendingPathComponent(MockSurvey.spectraFolder).appendingPathComponent(o.fileName)
            let read = try LamostSpectrumReader.read(url: url)
            #expect(read.metadata == expected.metadata)
            #expect(read.flux == expected.flux && read.ivar == expected.ivar)
            #expect(read.andMask == expected.andMask && read.orMask == expected.orMask)
            #expect(read.wavelengthSource == .imageRow)
            #expect(read.pixelCount == 3909)
            #expect(read.identity == LamostFileIdentity(lmjd: o.lmjd, planid: o.planid, spid: o.spid, fiberid: o.fiberid))
            #expect(read.metadata.obsid == o.obsid && read.metadata.mjd == o.lmjd - 1)
            #expect(read.metadata.snr.g == result.snr.g && read.metadata.z == result.z)
            for card in LamostSpectrumWriter.headerCards(for: expected.metadata) where card.key != "COMMENT" {
                #expect(read.header.value(card.key) == card.value, "\(o.fileName): keyword \(card.key)")
            }
        }
    }

    @Test func tablesReadBackWithTheFormatsReaders() async throws {
        let (survey, _, directory) = try await write("tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fitsCatalogue = try LamostCatalogue.read(url: directory.appendingPathComponent(MockSurvey.catalogueFITS))
        let csvCatalogue = try LamostCatalogue.read(url: directory.appendingPathComponent(MockSurvey.catalogueCSV))
        #expect(fitsCatalogue.map(\.obsid) == survey.observations.map(\.obsid))
        #expect(fitsCatalogue == csvCatalogue)
        #expect(fitsCatalogue.allSatisfy { $0.identity != nil && $0.snr.g != nil })

        let allStar = try ApogeeAllStarReader(url: directory.appendingPathComponent(MockSurvey.allStarFile)).readAll()
        #expect(allStar.count == survey.apogeeRows.count)
        for (read, planned) in zip(allStar, survey.apogeeRows) {
            #expect(read.apogeeID == planned.star.apogeeID)
            #expect(abs(read.ra - planned.star.ra) < 1e-9 && abs(read.dec - planned.star.dec) < 1e-9)
            #expect(read.aspcapFlag == planned.star.aspcapFlag & 0xFFFF_FFFF)
            #expect((read.teff == nil) == (planned.star.teff == nil))
            if let t = read.teff, let p = planned.star.teff { #expect(abs(t - p) < 0.01) }
            if let c = read.cM, let p = planned.star.cM { #expect(abs(c - p) < 1e-4) }
        }

        let lasp = try LamostCatalogue.read(url: directory.appendingPathComponent(MockSurvey.laspFITS))
        #expect(!lasp.isEmpty && lasp.allSatisfy { $0.teff != nil && $0.teffErr != nil && $0.feh != nil })

        let truth = try CatalogueTable.readCSV(url: directory.appendingPathComponent(MockSurvey.truthFile))
        #expect(truth.rowCount == survey.observations.count)
        for name in ["obsid", "star_id", "teff", "logg", "m_h", "alpha_m", "c_m", "n_m", "snrg", "rv", "ra", "dec",
                     "has_apogee"] {
            #expect(truth.columnNames.contains(name))
        }
    }

    @Test func sameSeedGivesTheSameBytes() async throws {
        let (_, _, first) = try await write("same-a", workers: 2)
        let (_, _, second) = try await write("same-b", workers: 3)
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let files = try Self.relativeFiles(first)
        #expect(files == (try Self.relativeFiles(second)))
        #expect(files.count > 30)
        for file in files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between two runs with the same seed")
        }
        var other = Self.configuration
        other.seed = 6
        let (_, _, third) = try await write("same-c", configuration: other)
        defer { try? FileManager.default.removeItem(at: third) }
        let a = try Data(contentsOf: first.appendingPathComponent(MockSurvey.truthFile))
        let c = try Data(contentsOf: third.appendingPathComponent(MockSurvey.truthFile))
        #expect(a != c)
    }

    static let fitsverify = ["/usr/bin/fitsverify", "/usr/local/bin/fitsverify"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: fitsverify != nil, "fitsverify is not installed (Debian package fitsverify)"))
    func filesPassFitsverify() async throws {
        let (survey, _, directory) = try await write("fitsverify")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spectra = survey.observations.prefix(3).map { MockSurvey.spectraFolder + "/" + $0.fileName }
        for file in [MockSurvey.allStarFile, MockSurvey.catalogueFITS, MockSurvey.laspFITS] + spectra {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Self.fitsverify))
            process.arguments = ["-q", "-e", directory.appendingPathComponent(file).path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "fitsverify \(file): \(text)")
            #expect(text.contains("verification OK"), "fitsverify \(file): \(text)")
        }
    }

    static func relativeFiles(_ root: URL) throws -> [String] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path,
                                                        isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }
}
