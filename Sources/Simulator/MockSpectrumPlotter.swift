import Foundation

/// PNG plots of example mock spectra with gnuplot (`gnuplot-nox`), to check by eye that they look like
/// stellar spectra: a temperature sequence (Balmer lines in hot stars, Ca II H&K, the G band, Mg b, Na D,
/// TiO in cool giants), a metallicity sequence of K giants, and a few observed (noisy) survey spectra.
public enum MockSpectrumPlotter {
    /// The temperature sequence plotted (label, labels).
    public static let temperatureSequence: [(String, StellarLabels)] = [
        ("A5 V  8200 K", StellarLabels(teff: 8200, logg: 4.1, mH: 0)),
        ("F5 V  6500 K", StellarLabels(teff: 6500, logg: 4.25, mH: 0)),
        ("G2 V  5772 K", .sun),
        ("K3 V  4500 K", StellarLabels(teff: 4500, logg: 4.6, mH: 0)),
        ("K1 III 4700 K", StellarLabels(teff: 4700, logg: 2.4, mH: -0.1, cM: -0.2, nM: 0.3)),
        ("K5 III 4000 K", StellarLabels(teff: 4000, logg: 1.4, mH: -0.2, cM: -0.2, nM: 0.3)),
        ("M1 III 3700 K", StellarLabels(teff: 3700, logg: 0.9, mH: 0, cM: -0.2, nM: 0.3)),
    ]

    /// Full path of `gnuplot` on PATH, or `nil`.
    public static func gnuplotPath() -> String? {
        gnuplotPath(searchPath: ProcessInfo.processInfo.environment["PATH"])
    }

    /// Full path of the first executable `gnuplot` in the directories of `searchPath` (colon-separated, as
    /// `PATH`; `nil` means `/usr/local/bin:/usr/bin:/bin`), or `nil`.
    static func gnuplotPath(searchPath: String?) -> String? {
        let path = searchPath ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `temperature-sequence.png`, `metallicity-sequence.png` and `observed.png` (with their `.dat`
    /// files) into `directory`; returns the PNG paths.
    /// - Throws: `.gnuplotMissing` without gnuplot, `.outputDirectory`, `.plotFailed` when gnuplot fails.
    public static func writePlots(survey: MockSurvey, into directory: URL) throws(SimulatorError) -> [String] {
        guard let gnuplot = gnuplotPath() else { throw .gnuplotMissing(detail: "not found on PATH") }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .outputDirectory(path: directory.path, detail: "\(error)")
        }
        let synth = survey.synthesizer
        let wl = synth.grid.wavelengths
        var outputs: [String] = []

        let tSeq = temperatureSequence.map { ($0.0, synth.normalisedFlux($0.1)) }
        try plot(gnuplot, name: "temperature-sequence", directory: directory, wavelengths: wl, series: tSeq,
                 title: "Mock LAMOST spectra (noiseless, continuum-normalised, R = 1800): temperature sequence",
                 offset: 1.0, annotate: true)
        outputs.append(directory.appendingPathComponent("temperature-sequence.png").path)

        let mSeq = [-2.0, -1.0, -0.5, 0.0, 0.3].map { m in
            (String(format: "K giant 4600 K, log g 2.2, [M/H] %+.1f", m),
             synth.normalisedFlux(StellarLabels(teff: 4600 + (m < -0.9 ? 150 : 0), logg: 2.2, mH: m,
                                                alphaM: m < -0.5 ? 0.3 : 0.05)))
        }
        try plot(gnuplot, name: "metallicity-sequence", directory: directory, wavelengths: wl, series: mSeq,
                 title: "Mock K giants: metallicity sequence", offset: 1.0, annotate: true)
        outputs.append(directory.appendingPathComponent("metallicity-sequence.png").path)

        let sample = survey.observations.prefix(6).map { o -> (String, [Double]) in
            let s = survey.star(of: o)
            let (spectrum, _) = survey.spectrum(for: o)
            let peak = max(1e-9, spectrum.flux.sorted()[spectrum.flux.count * 95 / 100])
            let title = String(format: "obsid %lld  Teff %.0f  log g %.2f  [M/H] %+.2f  S/N_g %.0f", o.obsid,
                               s.labels.teff, s.labels.logg, s.labels.mH, spectrum.metadata.snr.g ?? 0)
            return (title, spectrum.flux.map { Double($0) / Double(peak) })
        }
        try plot(gnuplot, name: "observed", directory: directory, wavelengths: wl, series: sample,
                 title: "Mock observed spectra (flux / 95th percentile; instrument throughput, noise, masks)",
                 offset: 1.2, annotate: false)
        outputs.append(directory.appendingPathComponent("observed.png").path)
        return outputs
    }

    /// Features marked on the plots (vacuum wavelengths, Angstrom).
    static let features: [(String, Double)] = [
        ("Ca II K,H", 3950), ("CN", 3884), ("H{/Symbol d}", 4103), ("Ca I", 4228), ("G band", 4305),
        ("H{/Symbol g}", 4342), ("H{/Symbol b}", 4863), ("MgH / Mg b", 5175), ("Na D", 5894), ("TiO", 6160),
        ("H{/Symbol a}", 6565), ("TiO", 7056), ("TiO", 7590), ("Ca II triplet", 8600),
    ]

    static func plot(_ gnuplot: String, name: String, directory: URL, wavelengths: [Double],
                     series: [(String, [Double])], title: String, offset: Double, annotate: Bool) throws(SimulatorError)
    {
        let data = directory.appendingPathComponent(name + ".dat")
        let png = directory.appendingPathComponent(name + ".png")
        var text = "# wavelength_A " + series.indices.map { "flux\($0)" }.joined(separator: " ") + "\n"
        for i in wavelengths.indices {
            text += String(format: "%.3f", wavelengths[i])
            for s in series { text += String(format: " %.5f", s.1[i]) }
            text += "\n"
        }
        var script = """
            set terminal pngcairo size 1600,1100 font "sans,11"
            set output '\(png.path)'
            set title "\(title)"
            set xlabel "vacuum wavelength (A)"
            set ylabel "normalised flux + offset"
            set xrange [3690:9110]
            set yrange [-0.1:\(Double(series.count) * offset + 0.6)]
            set key below font ",10"
            set grid xtics

            """
        if annotate {
            for (k, f) in features.enumerated() {
                let y = Double(series.count) * offset + 0.15 + (k % 2 == 0 ? 0 : 0.22)
                script += "set label \(k + 1) \"\(f.0)\" at \(f.1),\(y) center font \",9\"\n"
                script += "set arrow \(k + 1) from \(f.1),\(y - 0.07) to \(f.1),\(Double(series.count) * offset) nohead dt 3 lc rgb \"gray50\"\n"
            }
        }
        let plots = series.enumerated().map { k, s in
            let shift = Double(series.count - 1 - k) * offset
            return "'\(data.path)' using 1:($\(k + 2)+\(shift)) with lines lw 1 title \"\(s.0)\""
        }
        script += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        do {
            try text.write(to: data, atomically: true, encoding: .utf8)
        } catch {
            throw .outputDirectory(path: directory.path, detail: "\(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .plotFailed(file: png.path, detail: "\(error)")
        }
        // The throwing calls: a gnuplot that exits early makes the write fail (EPIPE), which the
        // non-throwing `write(_:)` would turn into a crash; its exit status and message say why.
        try? input.fileHandleForWriting.write(contentsOf: Data(script.utf8))
        try? input.fileHandleForWriting.close()
        let message = String(decoding: (try? errors.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .plotFailed(file: png.path, detail: message.isEmpty ? "exit \(process.terminationStatus)" : message)
        }
    }
}
