import Foundation
import Formats
import Primitives

/// Survey-scale spectra (issue 18): the mock survey's observations written at more than 1,000 real-format
/// files per second on 2 cores, for benchmarks of a million spectra.
///
/// The survey must be planned with `MockSurveyConfiguration.starTypes`: every star shares the labels of one
/// of that many star types, so the expensive part of the simulation (line synthesis, about 1 ms per spectrum)
/// runs once per type, at rest, when the source is made. Per observation only the cheap part remains: the
/// type's noiseless spectrum is shifted to the star's radial velocity (linear interpolation on the log-linear
/// grid, where a velocity is a constant shift of `log10(1 + v / c) / COEFF1` pixels), then observed as in the
/// full simulator (`MockSurvey.spectrum(for:)`: continuum shape of its temperature, extinction and
/// spectrograph, S/N-dependent noise, sky residuals, cosmic rays, bad pixels), with the observation's own
/// position, OBSID, designation, plan, fibre and date. Every file differs in content (noise seeded by the
/// observation's index, unique OBSID), and each star's true labels are its type's (`MockSurvey.stars`), so
/// precision against the truth can still be measured.
///
/// Cost per spectrum: the shift and the observation, about 0.4 ms, then the file (`.fits.gz` or, with
/// `compressed: false`, plain `.fits`, which LAMOST also distributes and ingest reads alike).
public struct FastSpectrumSource: Sendable {
    /// The planned survey (stars with their types' labels, observations, APOGEE rows).
    public let survey: MockSurvey
    /// Write `.fits.gz` (true) or plain `.fits` (false, about 85 KB per file, several times faster).
    public let compressed: Bool
    /// Noiseless continuum-normalised flux at rest of each star type (the index of its first star), on the
    /// survey's grid, `grid.pixelCount` values each.
    let templates: [[Float]]

    /// Synthesises the star types' noiseless spectra on `workers` threads (default: active processors).
    /// - Throws: `.invalidConfiguration` when the survey was planned without `starTypes`.
    public init(survey: MockSurvey, compressed: Bool = true, workers: Int? = nil) throws(SimulatorError) {
        guard let types = survey.configuration.starTypes else {
            throw .invalidConfiguration(parameter: "star types", value: "none",
                                        allowed: "1 ... 100000 (a fast source needs MockSurveyConfiguration.starTypes)")
        }
        self.survey = survey
        self.compressed = compressed
        let stars = survey.stars, synthesizer = survey.synthesizer
        templates = parallelIndexedMap(count: min(types, stars.count),
                                       threads: max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)) { k in
            synthesizer.normalisedFlux(stars[k].labels).map { Float($0) }
        }
    }

    /// The file name of an observation: `spec-LMJD-PLANID_spSS-FFF.fits.gz`, or `.fits` when not compressed.
    public func fileName(of observation: MockObservation) -> String {
        compressed ? observation.fileName : String(observation.fileName.dropLast(3))
    }

    /// The noiseless normalised spectrum of an observation: its star type's spectrum shifted to the star's
    /// radial velocity (observed frame, the survey's grid; beyond the grid's ends the end pixels repeat).
    public func noiselessSpectrum(for observation: MockObservation) -> [Double] {
        let star = survey.star(of: observation)
        let template = templates[survey.starType(of: star.index)]
        let shift = log10(1 + star.radialVelocity / MockSurvey.speedOfLight) / survey.synthesizer.grid.coeff1
        let last = template.count - 1
        return (0...last).map { p in
            let x = min(max(Double(p) - shift, 0), Double(last))
            let i = min(Int(x), last - 1), w = x - Double(i)
            return Double(template[i]) * (1 - w) + Double(template[i + 1]) * w
        }
    }

    /// One observation's LAMOST DR5 record and its measured values (deterministic in seed and observation).
    public func spectrum(for observation: MockObservation) -> (spectrum: LamostSpectrum, result: MockObservationResult) {
        survey.observe(observation, normalised: noiselessSpectrum(for: observation))
    }

    /// Writes the spectra of `observations` (indices into `survey.observations`) into `folder` (created if
    /// needed) on `workers` threads (default: active processors); returns the files written, in index order.
    /// - Throws: `.outputDirectory` when the folder cannot be made, `.write` for the first file that fails.
    public func write(observations: Range<Int>, into folder: URL, workers: Int? = nil) throws(SimulatorError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .outputDirectory(path: folder.path, detail: "\(error)")
        }
        let all = survey.observations
        let outcomes = parallelIndexedMap(count: observations.count,
                                          threads: max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)) { k in
            let o = all[observations.lowerBound + k]
            let url = folder.appendingPathComponent(fileName(of: o))
            return MockSurvey.writeSpectrum(spectrum(for: o).spectrum, to: url).map { Result<URL, SimulatorError>.failure($0) }
                ?? .success(url)
        }
        return try outcomes.map { result throws(SimulatorError) in try result.get() }
    }

    /// Writes the APOGEE allStar table (DR15 layout) of the survey to `url`.
    /// - Throws: `.write` when the file cannot be written.
    public func writeAllStar(to url: URL) throws(SimulatorError) {
        do {
            try ApogeeAllStarWriter.write(survey.apogeeRows.map(\.star), to: url)
        } catch {
            throw .write(file: url.path, underlying: error)
        }
    }
}
