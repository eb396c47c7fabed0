import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Pipeline
import Report
import Store
import StoreTestSupport
import Testing

/// `FitPlot` and `slam show`: every part of the figure, from a stored or a recomputed model spectrum,
/// and clear errors for what cannot be shown.
@Suite("Fit plots", .serialized)
struct FitPlotDataLoadTests {
    /// The tiny world with spectra 31...40 predicted (spectra stored), obsid 37 with a masked pixel and flag bit 10.
    static func predictedWorld(_ db: PostgresConnection) throws -> Int {
        let model = try TinyModelWorld.trainedModel(db)
        try db.execute("UPDATE spectrum_preprocessed SET ivar_code[3] = -32768, flags = 1024 WHERE obsid = 37")
        _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(31...40), db: db, storeSpectra: true)
        return model
    }

    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func svgShowsSpectrumModelResidualsMaskedPixelsLabelsErrorsAndFlags() async throws {
        try await FreshDatabase.run { db in
            let model = try Self.predictedWorld(db)
            let data = try FitPlotData.load(obsid: 37, modelID: nil, db: db)
            #expect(data.modelID == model && data.storedFit)
            let svg = FitPlot.svg(data)
            #expect(Self.isWellFormedXML(svg))
            #expect(svg.hasPrefix("<?xml") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
            let inline = FitPlot.svg(data, standalone: false)
            #expect(inline.hasPrefix("<svg ") && Self.isWellFormedXML(inline))
            #expect(svg.contains("obsid 37, model \(model)"))
            #expect(svg.contains("teff = ") && svg.contains("logg = ") && svg.contains("±"))
            // Bit 10 from the preprocessing, beside whatever the fit itself set, named in bit order.
            #expect(data.flags & 1024 != 0 && data.flagNames.contains("normalisation_fallback"))
            #expect(svg.contains("flags \(data.flags): " + data.flagNames.joined(separator: ", ")))
            #expect(svg.contains("Normalised spectrum") && svg.contains("Residuals"))
            #expect(svg.components(separatedBy: "<polyline").count - 1 >= 4)  // observed, model, noise band, residuals
            #expect(svg.contains("masked pixels (orange): 1"))
            #expect(svg.contains("fill=\"#ff7f0e\"><circle") || svg.contains("fill=\"#ff7f0e\">\n<circle"))
            // Without the stored spectrum the model spectrum is recomputed, to the same values.
            try db.execute("DELETE FROM prediction_spectrum WHERE obsid = 37")
            let recomputed = try FitPlotData.load(obsid: 37, modelID: model, db: db)
            #expect(!recomputed.storedFit)
            for j in data.fit.modelFlux.indices {
                #expect(abs(recomputed.fit.modelFlux[j] - data.fit.modelFlux[j]) < 1e-5)
                #expect(recomputed.fit.residual[j].isNaN == data.fit.residual[j].isNaN)
            }
            #expect(FitPlot.svg(recomputed).contains("(model spectrum recomputed)"))
            // Storing it afterwards (as the demo does for its examples) gives the same arrays again.
            #expect(try FitSpectrum.store(modelID: model, obsids: [37, 38, 999], db: db) == 1)
            let restored = try FitPlotData.load(obsid: 37, modelID: model, db: db)
            #expect(restored.storedFit && restored.fit.modelFlux == recomputed.fit.modelFlux)
        }
    }

    @Test func unknownObsidsMissingPredictionsAndOtherModelsAreClearErrors() async throws {
        try await FreshDatabase.run { db in
            let model = try Self.predictedWorld(db)
            #expect(throws: FitPlotError.unknownObsid(999_999)) { try FitPlotData.load(obsid: 999_999, modelID: nil, db: db) }
            #expect(throws: FitPlotError.noPrediction(obsid: 5, modelID: nil)) { try FitPlotData.load(obsid: 5, modelID: nil, db: db) }
            #expect(throws: FitPlotError.noPrediction(obsid: 35, modelID: model + 1)) {
                try FitPlotData.load(obsid: 35, modelID: model + 1, db: db)
            }
            #expect(FitPlotError.unknownObsid(999_999).description.contains("999999 is not ingested"))
        }
    }

    /// The CLI as a user runs it (needs the `slam` binary that `swift build --build-tests` builds).
    @Test func slamShowWritesTheSVGAndRefusesAnUnknownObsid() async throws {
        let binary = TestPaths.repository.appendingPathComponent(".build/debug/slam")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the slam binary first (swift build)")
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { database in
            _ = try await database.withConnection { db in try Self.predictedWorld(db) }
            func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
                let process = Process()
                process.executableURL = binary
                process.arguments = arguments + ["--database-url", database.url]
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                try process.run()
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (process.terminationStatus, output)
            }
            let out = dir.appendingPathComponent("fit.svg")
            let shown = try run(["show", "36", "--out", out.path])
            #expect(shown.status == 0, "\(shown.output)")
            #expect(shown.output.contains("teff = "))
            let svg = try String(contentsOf: out, encoding: .utf8)
            #expect(Self.isWellFormedXML(svg) && svg.contains("obsid 36") && svg.contains("Residuals"))
            let unknown = try run(["show", "424242", "--out", dir.appendingPathComponent("none.svg").path])
            #expect(unknown.status != 0)
            #expect(unknown.output.contains("obsid 424242 is not ingested"), "\(unknown.output)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.svg").path))
        }
    }
}
