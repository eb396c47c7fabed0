import Foundation
import Report
import Testing

/// The demo's HTML report rendered from plain values: every section, one `<svg>` per plot, the paper's
/// figures beside the tables, open S/N bins, escaping, self-contained. No server.
@Suite("DemoReport")
struct DemoReportTests {
    static let names = ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"]

    /// `n` spectra with labels near a K giant's, reference = predicted + a small offset, S/N 10...100.
    static func pairs(_ n: Int, marked: Int = 0, reference: Bool = true) -> DemoReportData.Pairs {
        var p = DemoReportData.Pairs()
        for i in 0..<n {
            let labels = [4600 + Double(i % 40) * 10, 2.4 + Double(i % 7) * 0.05, -0.3 + Double(i % 11) * 0.05, 0.05, 0.02, 0.1]
            p.predicted += labels
            if reference { p.reference += labels.enumerated().map { $1 + ($0 == 0 ? 20 : 0.02) * (i % 2 == 0 ? 1 : -1) } }
            p.snr.append(10 + Double(i % 91))
            p.marked.append(i < marked)
        }
        return p
    }

    static func data() -> DemoReportData {
        var pixels = DemoReportData.Pixels()
        for k in 0..<50 {
            pixels.wavelength.append(4000 + Double(k) * 2)
            pixels.c.append(4)
            pixels.epsilon.append(0.05)
            pixels.gamma.append(0.1)
            pixels.cvMSE.append(0.001 * Double(k + 1))
        }
        let flux = pixels.wavelength.indices.map { k in k == 7 ? Double.nan : 1 - 0.2 * exp(-pow(Double(k) - 25, 2) / 9) }
        let example = DemoReportData.Example(obsid: 1234, snr: 98.7, labels: [4650, 2.5, -0.2, 0.05, 0.02, 0.1],
                                             wavelength: pixels.wavelength, flux: flux, model: flux.map { $0.isFinite ? $0 + 0.01 : 1 })
        var data = DemoReportData(labelNames: names, members: pairs(60, marked: 6), truth: pairs(80), catalogue: pairs(100, marked: 7, reference: false),
                                  pixels: pixels, example: example,
                                  machine: DemoMachine(host: "host<1>", cpu: "Test CPU", cores: 2, memoryGiB: 7.5, operatingSystem: "Linux"))
        data.exampleFits = ["<svg width=\"10\" height=\"10\"></svg>"]
        data.calibration = "teff inflation 1.2 & floor 10 K"
        return data
    }

    static func bins(_ count: Int) -> PrecisionBins {
        func bin(_ lo: Double, _ hi: Double, _ n: Int) -> PrecisionBins.Bin {
            PrecisionBins.Bin(lowerSNR: lo, upperSNR: hi, count: n, bias: names.map { $0 == "teff" ? -12.4 : -0.004 },
                              scatter: names.map { $0 == "teff" ? 51.2 : 0.071 })
        }
        return PrecisionBins(labelNames: names, bins: [bin(10, 20, count / 2), bin(20, 50, 0), bin(100, .infinity, count / 2)],
                             overall: bin(-.infinity, .infinity, count), count: count)
    }

    static func run() -> DemoReportRun {
        let lasp = DemoReportApplication(id: "lasp", title: "AFGK stars with LAMOST LASP labels", labelSet: "lasp-dr5", modelID: 4,
                                         trainingMembers: 300, trainingSource: "catalogue lasp-dr5 v1", referenceName: "LASP",
                                         paperScatter: ["teff": 50, "logg": 0.09, "feh": 0.07],
                                         crossValidation: bins(300), truth: bins(250))
        let balance = DemoBalance(labelNames: names, plainModelID: 2, weightedModelID: 3, rows: [
            DemoBalance.Row(lower: -.infinity, upper: -1, count: 5, plain: names.map { _ in (0.1, 0.2) }, weighted: names.map { _ in (0.05, 0.2) }),
            DemoBalance.Row(lower: -1, upper: -0.5, count: 0, plain: names.map { _ in (.nan, .nan) }, weighted: names.map { _ in (.nan, .nan) }),
        ])
        return DemoReportRun(modelID: 2, stars: 300, seed: 5, folds: 2, hyperparameters: "fixed hyperparameters C = 4.0, ε = 0.05, γ = 0.1",
                             seconds: 61.4, crossValidation: bins(200), truth: bins(150),
                             paperScatter: ["teff": 49, "logg": 0.10, "m_h": 0.037, "alpha_m": 0.026, "c_m": 0.058, "n_m": 0.106],
                             applications: [lasp], balance: balance,
                             stages: [DemoStage(name: "simulate", detail: "330 spectra", seconds: 3.2),
                                      DemoStage(name: "train", detail: "model 2 <fixed>", seconds: 20.5)],
                             outsideFlags: OutsideFlagRatesTests.rates)
    }

    @Test func everySectionAndOneSVGPerPlot() {
        let html = DemoReport.render(Self.data(), run: Self.run())
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        for id in ["precision", "application-lasp", "outside-training-set", "one-to-one", "residuals", "kiel", "alpha-metallicity", "training-balance",
                   "hyperparameters", "example-spectrum", "error-calibration", "timings", "machine"] {
            #expect(html.contains("<h2 id=\"\(id)\">"), "section \(id)")
        }
        // One-to-one and residuals per label, Kiel, alpha-metallicity, four pixel plots, spectrum and residuals, one example fit.
        let opened = html.components(separatedBy: "<svg").count - 1
        #expect(opened == 2 * Self.names.count + 2 + 4 + 2 + 1)
        #expect(html.components(separatedBy: "</svg>").count - 1 == opened)
        #expect(html.components(separatedBy: "<div class=\"fit\">").count - 1 == 1)
        for external in ["http", "<script", "<link", "src=", "url("] {
            #expect(!html.contains(external), "external reference \(external)")
        }
    }

    @Test func tablesShowBinsThePapersFiguresAndTheSettings() {
        let html = DemoReport.render(Self.data(), run: Self.run())
        #expect(html.contains("Mock survey of 300 stars (seed 5); model 2,"))
        #expect(html.contains("fixed hyperparameters C = 4.0, ε = 0.05, γ = 0.1, 2-fold cross-validation; 61 s in total."))
        #expect(html.contains("Cross-validation: SLAM − APOGEE (6 labels, 200 spectra)"))
        #expect(html.contains("Mock survey: SLAM − true labels (150 spectra inside"))
        #expect(html.contains("<td class=\"l\">10–20</td><td>100</td><td>−12 ± 51</td><td>−0.004 ± 0.071</td>"))
        #expect(!html.contains("<td class=\"l\">20–50</td>"))  // empty bins are left out
        #expect(html.contains("<td class=\"l\">≥ 100</td>"))
        #expect(html.contains("<td class=\"l\">all</td><td>200</td>"))
        #expect(html.contains("scatter 49") && html.contains("scatter 0.106") && html.contains("paper, S/N_g ~ 100"))
        #expect(html.contains("Cross-validation: SLAM − LASP (6 labels, 300 spectra)") && html.contains("paper, S/N_g > 100"))
        #expect(html.contains("trained on\n300 spectra (catalogue lasp-dr5 v1)"))
        #expect(html.contains("<td class=\"l\">&lt; −1.0</td><td>5</td><td class=\"l\">equal</td>"))
        #expect(html.contains("inverse density"))
    }

    @Test func timingsMachineAndTextAreEscaped() {
        let html = DemoReport.render(Self.data(), run: Self.run())
        #expect(html.contains("<td class=\"l\">simulate</td><td>3.2</td>"))
        #expect(html.contains("model 2 &lt;fixed&gt;"))
        #expect(html.contains("<td class=\"l\">host&lt;1&gt;</td>") && html.contains("7.5 GiB"))
        #expect(html.contains("<pre>teff inflation 1.2 &amp; floor 10 K</pre>"))
        #expect(html.contains("The predicted spectrum with S/N_g closest to 100"))
        #expect(html.contains("obsid 1234, S/N_g 99"))
    }

    @Test func theSameInputsRenderTheSameBytes() {
        #expect(DemoReport.render(Self.data(), run: Self.run()) == DemoReport.render(Self.data(), run: Self.run()))
    }

    @Test func pairsAreDownsampledEvenlyToThePointLimit() {
        let many = Self.pairs(DemoReportData.pointLimit * 2 + 1)
        let sampled = many.sampled(labels: Self.names.count)
        #expect(sampled.count == DemoReportData.pointLimit)
        #expect(sampled.predicted.count == DemoReportData.pointLimit * Self.names.count)
        #expect(sampled.reference.count == sampled.predicted.count)
        #expect(Self.pairs(10).sampled(labels: Self.names.count).count == 10)
    }

    @Test func thePublishedLabelsBesideTheFirstGuessPerBinTheBetterScatterInBold() {
        // Bin 0-20: published Teff scatter 30 against the first guess's 148 (published in bold); [M/H] tied
        // at 0.148 (neither bold). Bin >= 40: one spectrum, tied.
        let comparison = EstimatorComparison(labelNames: ["teff", "m_h"], published: [4010, 0.1, 3990, 0.0, 4030, 0.3, 4500, -1],
                                             firstGuess: [4100, 0.2, 3900, 0.1, 4000, 0.4, 4400, -1.2],
                                             truth: [4000, 0, 4000, 0, 4000, 0, 4500, -1], snr: [5, 10, 15, 80],
                                             binEdges: [0, 20, 40, 1e6])
        var run = Self.run()
        let without = DemoReport.render(Self.data(), run: run)
        #expect(!without.contains("Published labels and first guess"))
        run.estimators = comparison
        run.applications[0].estimators = comparison
        let html = DemoReport.render(Self.data(), run: run)
        #expect(html.components(separatedBy: "<h3>Published labels and first guess − true labels").count - 1 == 2)
        #expect(html.contains("<th>Teff</th><th>[M/H]</th>"))
        #expect(html.contains("<tr><td class=\"l\">0–20</td><td>3</td><td class=\"l\">published</td><td><b>+10 / 30</b></td><td>+0.100 / 0.148</td></tr>"))
        #expect(html.contains("<tr><td class=\"l\"></td><td></td><td class=\"l\">first guess</td><td>+0 / 148</td><td>+0.200 / 0.148</td></tr>"))
        #expect(html.contains("<td class=\"l\">≥ 40</td><td>1</td>"))
    }
}
