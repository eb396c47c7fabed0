import ArgumentParser
import Foundation
import Primitives
import Simulator

/// `slam-bench simulate`: time to write a mock survey (default 10,000 stars), spectra per second, and the
/// time per stage (synthesis, observation, file writing, tables), plus a single-thread synthesis rate.
/// With `--fast`, the survey-scale mode instead (`FastSpectrumSource`: star types synthesised once, each
/// observation shifted, observed and written): the types' synthesis time and the spectrum files per second.
struct SimulateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Benchmark the mock-survey generator (prints figures, asserts nothing).")

    @Option(name: .long, help: "Number of stars.")
    var stars: Int = 10_000

    @Option(name: .long, help: "Seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Parallel workers (default: active processors).")
    var workers: Int?

    @Option(name: .long, help: "Output directory (default: a temporary directory, removed afterwards).")
    var out: String?

    @Option(name: .customLong("synthesis-spectra"), help: "Noiseless spectra timed on one thread.")
    var synthesisSpectra: Int = 300

    @Flag(name: .long, help: "Time the survey-scale mode (FastSpectrumSource) instead: star types, then spectrum files only.")
    var fast = false

    @Option(name: .customLong("star-types"), help: "With --fast: star types synthesised once (every star shares one's labels).")
    var starTypes: Int = 2_000

    @Flag(name: .long, help: "With --fast: write .fits.gz instead of plain .fits.")
    var gzip = false

    func run() async throws {
        if fast { return try runFast() }
        let directory = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("slam-bench-simulate-\(getpid())")
        let clock = ContinuousClock()
        let planStart = clock.now
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: stars, seed: seed))
        let planSeconds = (clock.now - planStart).seconds
        let cpuStart = Self.processCPUSeconds()
        let summary = try await survey.write(to: directory, workers: workers)
        let cpuSeconds = Self.processCPUSeconds() - cpuStart
        if out == nil { try? FileManager.default.removeItem(at: directory) }

        // Single-thread noiseless synthesis over the survey's first stars.
        var sink = 0.0
        let n = min(synthesisSpectra, survey.stars.count)
        let synthStart = clock.now
        for s in survey.stars.prefix(n) {
            sink += survey.synthesizer.normalisedFlux(s.labels, radialVelocity: s.radialVelocity)[1000]
        }
        let synthSeconds = (clock.now - synthStart).seconds

        let s = summary
        print("slam-bench simulate: \(s.stars) stars, \(s.spectra) spectra, \(s.apogeeRows) allStar rows, seed \(seed), "
            + "\(s.workers) workers")
        print(String(format: "  plan (labels, plates, APOGEE rows): %.3f s", planSeconds))
        print(String(format: "  total wall time: %.2f s  ->  %.0f spectra/s", s.wallSeconds,
                     Double(s.spectra) / max(s.wallSeconds, 1e-9)))
        print(String(format: "  process CPU time (user + system): %.2f s  ->  %.2f ms per spectrum, %.0f spectra per CPU-second",
                     cpuSeconds, 1e3 * cpuSeconds / Double(s.spectra), Double(s.spectra) / max(cpuSeconds, 1e-9)))
        print(String(format: "  per spectrum (summed over workers): synthesis %.2f ms, observation %.2f ms, "
            + "writing .fits.gz %.2f ms", 1e3 * s.synthesisSeconds / Double(s.spectra),
            1e3 * s.observationSeconds / Double(s.spectra), 1e3 * s.spectrumWritingSeconds / Double(s.spectra)))
        print(String(format: "  tables (catalogues, allStar, LASP, truth): %.2f s", s.tableSeconds))
        print(String(format: "  single-thread noiseless synthesis: %.2f ms per 3909-pixel spectrum (%d spectra, sink %.3f)",
                     1e3 * synthSeconds / Double(max(n, 1)), n, sink))
    }

    /// `--fast`: the star types' synthesis, then every observation's file, timed separately.
    func runFast() throws {
        let directory = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("slam-bench-simulate-fast-\(getpid())")
        let clock = ContinuousClock()
        let planStart = clock.now
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: stars, seed: seed, starTypes: starTypes))
        let typesStart = clock.now
        let source = try FastSpectrumSource(survey: survey, compressed: gzip, workers: workers)
        let writeStart = clock.now
        let cpuStart = Self.processCPUSeconds()
        let files = try source.write(observations: survey.observations.indices, into: directory, workers: workers)
        let writeSeconds = (clock.now - writeStart).seconds
        let cpuSeconds = Self.processCPUSeconds() - cpuStart
        let bytes = files.reduce(Int64(0)) { total, url in
            total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0)
        }
        if out == nil { try? FileManager.default.removeItem(at: directory) }
        print("slam-bench simulate --fast: \(survey.stars.count) stars of \(min(starTypes, survey.stars.count)) types, "
            + "\(files.count) spectra (\(gzip ? ".fits.gz" : ".fits"), \(bytes / Int64(max(files.count, 1))) bytes each), seed \(seed), "
            + "\(workers ?? ProcessInfo.processInfo.activeProcessorCount) workers")
        print(String(format: "  plan (labels, plates, APOGEE rows): %.3f s", (typesStart - planStart).seconds))
        print(String(format: "  star types synthesised: %.2f s", (writeStart - typesStart).seconds))
        print(String(format: "  spectrum files: %.2f s  ->  %.0f files/s (%.2f ms CPU per file)", writeSeconds,
                     Double(files.count) / max(writeSeconds, 1e-9), 1e3 * cpuSeconds / Double(max(files.count, 1))))
    }

    /// User plus system CPU time of this process, seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }

}
