import ArgumentParser
import Foundation
import Pipeline
import Report

/// `slam show`: draws one prediction's fit.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a spectrum's fit: observed spectrum, model, residuals, masked pixels, labels with errors and flags.",
        discussion: """
            Writes an SVG (or a PNG rendered from it with headless Chromium, when installed). The model
            spectrum is read from prediction_spectrum when stored (slam predict --store-spectra), else
            recomputed from the model and the stored preprocessed spectrum.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "LAMOST obsid of the spectrum.") var obsid: Int64
    @Option(help: "Model id (default: the current model that predicted the spectrum, else the newest).") var model: Int?
    @Option(help: "Output file, .svg or .png (default: fit-OBSID.svg).") var out: String?

    func validate() throws {
        if let out, !(out.hasSuffix(".svg") || out.hasSuffix(".png")) {
            throw ValidationError("--out must end in .svg or .png")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.show")
        let factory = try database.factory(logger: logger)
        let (obsid, model) = (self.obsid, self.model)
        let data: FitPlotData
        do {
            data = try await factory.withConnection { db in try FitPlotData.load(obsid: obsid, modelID: model, db: db) }
        } catch let error as FitPlotError {
            throw ValidationError(error.description)
        }
        let path = out ?? "fit-\(obsid).svg"
        let svg = FitPlot.svg(data)
        if path.hasSuffix(".png") {
            try SVGRasteriser.png(svg: svg, to: path, width: 960, height: 624)
        } else {
            try Data(svg.utf8).write(to: URL(fileURLWithPath: path))
        }
        print(data.labelText.joined(separator: "\n"))
        print(data.flags == 0 ? "flags: none" : "flags \(data.flags): \(data.flagNames.joined(separator: ", "))")
        print(path)
    }
}
