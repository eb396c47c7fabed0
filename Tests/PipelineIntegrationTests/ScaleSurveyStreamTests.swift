import Catalogue
import Demo
import Foundation
import Simulator
import Store
import StoreTestSupport
import Testing

/// The scale benchmark's stream: chunks of fast mock spectra written, ingested by the jobs and workers, and
/// deleted, until every observation is in the database; and the run refuses a survey the disk cannot hold.
@Suite("Scale survey stream", .serialized)
struct ScaleSurveyStreamTests {
    /// With `settle` each chunk's files are flushed to disk before their ingest (`--settle-chunks`).
    @Test(arguments: [false, true]) func everyChunkIsIngestedAndItsFilesDeleted(settle: Bool) async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: 30, seed: 4, repeatFraction: 0.2, starTypes: 4))
        let source = try FastSpectrumSource(survey: survey, compressed: false, workers: 2)
        let folder = dir.appendingPathComponent("spectra")
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            let stream = ScaleSurveyStream(source: source, folder: folder, chunkFiles: 8, batchSize: 3, writerThreads: 2, settle: settle)
            var phases: [ScaleSurveyStream.Phase] = []
            var filesDuringIngest: [Int] = []
            let summary = try await stream.run(
                database: factory, follow: ScaleWorkers.follow(factory: factory, concurrency: 2, logger: PipelineEndToEndTests.quietLogger("test.scale"))
            ) { phase, body in
                if phase == .ingest {
                    filesDuringIngest.append((try? FileManager.default.contentsOfDirectory(atPath: folder.path).count) ?? -1)
                }
                phases.append(phase)
                try await body()
            }
            let n = survey.observations.count
            let chunks = (n + 7) / 8
            #expect(summary.files == n && summary.chunks == chunks && summary.jobs == (0..<chunks).map { min(8, n - 8 * $0) }.map { ($0 + 2) / 3 }.reduce(0, +))
            #expect(abs(summary.bytes / Int64(n) - ScaleSettings.bytesPerFile) <= 2880, "\(summary.bytes / Int64(n)) bytes per file")
            #expect(phases == Array(repeating: [ScaleSurveyStream.Phase.files, .ingest, .files], count: chunks).flatMap { $0 })
            // At most one chunk of files on disk at a time, none at the end.
            #expect(filesDuringIngest == (0..<chunks).map { min(8, n - 8 * $0) })
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
            let counts = try await factory.withConnection { try IngestBenchmarkQueries.counts(db: $0) }
            #expect(counts.spectra == n && counts.preprocessed == n && counts.rejections == 0)
        }
    }

    /// `--stop-after-ingest`: the run ends with the spectrum tables analysed, every spectrum stored.
    @Test func aRunCanStopAfterTheIngest() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { db in
            var settings = ScaleSettings(spectra: 40, scratch: dir)
            settings.starTypes = 4
            settings.chunkFiles = 16
            settings.settleChunks = true
            settings.stopAfterIngest = true
            let logger = PipelineEndToEndTests.quietLogger("test.scale")
            let result = try await ScaleRunner(settings: settings, database: db.factory, logger: logger).run(
                say: { _ in }, follow: ScaleWorkers.follow(factory: db.factory, concurrency: 2, logger: logger))
            #expect(result.stages.map(\.name) == ["simulate+write", "ingest", "analyse spectra"])
            #expect(result.queries.isEmpty && result.spectra > 0)
            let counts = try await db.factory.withConnection { try IngestBenchmarkQueries.counts(db: $0) }
            #expect(counts.spectra == result.spectra)
        }
    }

    @Test func aRunRefusesASurveyTheDiskCannotHold() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { db in
            var settings = ScaleSettings(spectra: 1_000_000_000, scratch: dir)
            settings.apogeeRows = 0
            let runner = ScaleRunner(settings: settings, database: db.factory, logger: PipelineEndToEndTests.quietLogger("test.scale"))
            await #expect(throws: ScaleBenchmarkError.self) { try await runner.checkDisk() }
            settings.spectra = 100
            try await ScaleRunner(settings: settings, database: db.factory, logger: PipelineEndToEndTests.quietLogger("test.scale")).checkDisk()
        }
    }
}
