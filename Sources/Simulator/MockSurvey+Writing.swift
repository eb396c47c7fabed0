import Formats
import Foundation
import Primitives

extension MockSurvey {
    /// Relative path of the spectra folder, and the table files, inside the output directory.
    public static let spectraFolder = "spectra"
    /// The LAMOST general catalogue, FITS binary table (extension `CATALOGUE`).
    public static let catalogueFITS = "lamost_dr5_catalogue.fits"
    /// The same catalogue as CSV.
    public static let catalogueCSV = "lamost_dr5_catalogue.csv"
    /// The APOGEE DR15-layout allStar table.
    public static let allStarFile = "allStar-l31c.2.fits"
    /// The LASP-like AFGK catalogue, FITS binary table (extension `AFGK`).
    public static let laspFITS = "lamost_dr5_afgk_lasp.fits"
    /// The same AFGK catalogue as CSV.
    public static let laspCSV = "lamost_dr5_afgk_lasp.csv"
    /// True labels per observation (evaluation only).
    public static let truthFile = "truth.csv"
    /// What each allStar row truly is (evaluation only).
    public static let apogeeTruthFile = "truth_apogee.csv"

    /// Writes the whole survey into `directory` (created if needed): one `spec-...fits.gz` per observation
    /// under `spectra/`, the LAMOST catalogue (FITS and CSV), the allStar table, the LASP AFGK catalogue
    /// (when configured), `truth.csv` (one row per observation) and `truth_apogee.csv` (one row per allStar
    /// row). Spectra are made in parallel, `workers` tasks (default: active processors), each taking a fixed
    /// stride of observations, so the bytes do not depend on scheduling. `progress` is called with
    /// (spectra done, total) from worker tasks.
    /// - Throws: `.outputDirectory` when the directory cannot be made, `.write` for a file that fails.
    public func write(to directory: URL, workers: Int? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(SimulatorError) -> MockSurveySummary
    {
        let clock = ContinuousClock()
        let start = clock.now
        let spectraDirectory = directory.appendingPathComponent(Self.spectraFolder)
        do {
            try FileManager.default.createDirectory(at: spectraDirectory, withIntermediateDirectories: true)
        } catch {
            throw .outputDirectory(path: directory.path, detail: "\(error)")
        }
        let workerCount = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let (results, times) = try await writeSpectra(into: spectraDirectory, workers: workerCount, progress: progress)
        let tableStart = clock.now
        let tables = try writeTables(into: directory, results: results)
        let end = clock.now
        let giantsAtHighSNR = observations.filter { o in
            o.visit == 0 && stars[o.starIndex].labels.isGiant && stars[o.starIndex].apogeeID != nil
                && results[o.index].snr.g > 40
        }.count
        return MockSurveySummary(
            directory: directory, spectra: observations.count, stars: stars.count,
            repeats: observations.filter { $0.visit > 0 }.count, apogeeRows: apogeeRows.count,
            apogeeCounterparts: apogeeRows.filter { $0.kind == .counterpart }.count,
            apogeeOnlyRows: apogeeRows.filter { $0.starIndex == nil }.count,
            laspRows: configuration.includeLASP ? laspEntries(results: results).count : 0,
            giantsWithApogeeAtHighSNR: giantsAtHighSNR, tables: tables, synthesisSeconds: times.synthesis,
            observationSeconds: times.observation, spectrumWritingSeconds: times.writing,
            tableSeconds: (end - tableStart).seconds, wallSeconds: (end - start).seconds, workers: workerCount)
    }

    private func writeSpectra(into folder: URL, workers: Int, progress: (@Sendable (Int, Int) -> Void)?)
        async throws(SimulatorError) -> ([MockObservationResult], MockStageTimes)
    {
        let total = observations.count
        let counter = LockedValue(0)
        let outcome = await withTaskGroup(of: Result<([(Int, MockObservationResult)], MockStageTimes), SimulatorError>.self) { group in
            for w in 0..<workers {
                group.addTask {
                    let clock = ContinuousClock()
                    var times = MockStageTimes()
                    var out: [(Int, MockObservationResult)] = []
                    for k in stride(from: w, to: total, by: workers) where !Task.isCancelled {
                        let o = observations[k]
                        let t0 = clock.now
                        let normalised = noiselessSpectrum(for: o)
                        let t1 = clock.now
                        let (spectrum, result) = observe(o, normalised: normalised)
                        let t2 = clock.now
                        let url = folder.appendingPathComponent(o.fileName)
                        if let error = Self.writeSpectrum(spectrum, to: url) { return .failure(error) }
                        let t3 = clock.now
                        times.synthesis += (t1 - t0).seconds
                        times.observation += (t2 - t1).seconds
                        times.writing += (t3 - t2).seconds
                        out.append((k, result))
                        if let progress { progress(counter.add(1), total) }
                    }
                    return .success((out, times))
                }
            }
            var results = [MockObservationResult?](repeating: nil, count: total)
            var times = MockStageTimes()
            var failure: SimulatorError?
            for await r in group {
                switch r {
                case let .success((rows, t)):
                    for (k, v) in rows { results[k] = v }
                    times = times + t
                case let .failure(e):
                    if failure == nil { failure = e }
                    group.cancelAll()
                }
            }
            return failure.map { Result<([MockObservationResult], MockStageTimes), SimulatorError>.failure($0) }
                ?? .success((results.compactMap { $0 }, times))
        }
        return try outcome.get()
    }
}

extension MockSurvey {
    /// Writes one spectrum file; the error, if any.
    static func writeSpectrum(_ spectrum: LamostSpectrum, to url: URL) -> SimulatorError? {
        do throws(FITSError) {
            try LamostSpectrumWriter.write(spectrum, to: url)
            return nil
        } catch {
            return .write(file: url.path, underlying: error)
        }
    }
}
