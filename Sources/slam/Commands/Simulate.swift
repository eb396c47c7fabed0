import ArgumentParser
import Foundation
import Simulator

/// `slam simulate`: writes a mock LAMOST + APOGEE survey with known truth (issue 4).
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a mock survey: LAMOST DR5 spectra, catalogues, an APOGEE allStar table and truth.csv.",
        discussion: """
            Spectra are synthesised from true labels (Teff, log g, [M/H], [alpha/M], [C/M], [N/M]) with a
            line list, a one-layer atmosphere (Boltzmann, Saha, curve of growth, pressure broadening) and
            molecular bands, then observed at R ~ 1800 with noise, masks, sky residuals and cosmic rays.
            The same seed gives the same bytes.
            """)

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @Option(name: .long, help: "Number of stars with LAMOST spectra (repeat observations come on top).")
    var stars: Int = 1000

    @Option(name: .long, help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Stellar population: giants, dwarfs or mixed.")
    var population: MockPopulation = .mixed

    @Option(name: .customLong("snr-range"), help: "Range of the target S/N per pixel in the g band, LOW:HIGH.")
    var snrRange: String = "10:300"

    @Option(name: .customLong("apogee-fraction"),
            help: "Probability that a giant with S/N_g >= 20 has an APOGEE counterpart (0-1).")
    var apogeeFraction: Double = 0.7

    @Option(name: .customLong("repeat-fraction"), help: "Fraction of stars observed twice (0-1).")
    var repeatFraction: Double = 0.1

    @Flag(name: .customLong("no-lasp"), help: "Do not write the LASP-like AFGK catalogue.")
    var noLASP = false

    @Flag(name: .long, help: "Also write PNG plots of example spectra into OUT/plots (needs gnuplot).")
    var plots = false

    @Option(name: .long, help: "Parallel workers (default: number of active processors).")
    var workers: Int?

    func validate() throws {
        guard stars >= 1, stars <= 10_000_000 else { throw ValidationError("--stars must be 1 ... 10000000") }
        guard let range = Self.parseRange(snrRange) else {
            throw ValidationError("--snr-range must be LOW:HIGH with 1 <= LOW <= HIGH <= 2000, got '\(snrRange)'")
        }
        _ = range
        guard (0...1).contains(apogeeFraction) else { throw ValidationError("--apogee-fraction must be 0 ... 1") }
        guard (0...1).contains(repeatFraction) else { throw ValidationError("--repeat-fraction must be 0 ... 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if plots, MockSpectrumPlotter.gnuplotPath() == nil {
            throw ValidationError("--plots needs gnuplot, which is not on PATH (Debian: apt-get install gnuplot-nox)")
        }
    }

    static func parseRange(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo >= 1, hi <= 2000, lo <= hi else { return nil }
        return lo...hi
    }

    func run() async throws {
        guard let range = Self.parseRange(snrRange) else { throw ValidationError("bad --snr-range") }
        let configuration = MockSurveyConfiguration(
            stars: stars, seed: seed, population: population, snrRange: range, apogeeFraction: apogeeFraction,
            repeatFraction: repeatFraction, includeLASP: !noLASP)
        let survey = try MockSurvey(configuration: configuration)
        let directory = URL(fileURLWithPath: out)
        print("simulate: \(survey.stars.count) stars, \(survey.observations.count) spectra, "
            + "\(survey.apogeeRows.count) allStar rows, seed \(seed) -> \(directory.path)")
        let step = max(1, survey.observations.count / 10)
        let summary = try await survey.write(to: directory, workers: workers) { done, total in
            if done % step == 0 || done == total { print("  spectra \(done)/\(total)") }
        }
        print(Self.report(summary))
        if plots {
            let written = try MockSpectrumPlotter.writePlots(survey: survey,
                                                             into: directory.appendingPathComponent("plots"))
            for file in written { print("  plot \(file)") }
        }
    }

    static func report(_ s: MockSurveySummary) -> String {
        let rate = s.wallSeconds > 0 ? Double(s.spectra) / s.wallSeconds : 0
        return """
            wrote \(s.spectra) spectra (\(s.stars) stars, \(s.repeats) repeats) in \
            \(String(format: "%.1f", s.wallSeconds)) s (\(String(format: "%.0f", rate)) spectra/s, \(s.workers) workers)
              allStar: \(s.apogeeRows) rows (\(s.apogeeCounterparts) counterparts, \(s.apogeeOnlyRows) APOGEE-only)
              giants with APOGEE and S/N_g > 40: \(s.giantsWithApogeeAtHighSNR); LASP rows: \(s.laspRows)
              tables: \(s.tables.joined(separator: ", "))
            """
    }
}

extension MockPopulation: ExpressibleByArgument {}
