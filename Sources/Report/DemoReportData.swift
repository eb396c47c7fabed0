import Foundation

/// What the demo's HTML report plots (the demo reads it from the database and the mock survey's truth file).
/// Every point set is downsampled to at most `DemoReportData.pointLimit` entries, deterministically.
public struct DemoReportData: Sendable {
    /// Most points drawn in one plot.
    public static let pointLimit = 3000

    /// Labels of spectra beside reference (or true) labels: `predicted`/`reference` are N x L row-major,
    /// physical units (K, dex); `snr` N entries (S/N_g); `marked` N flags (held-out members among the
    /// validation pairs; spectra flagged `outside_training_set` in the predicted catalogue).
    public struct Pairs: Sendable {
        public var predicted: [Double] = []
        public var reference: [Double] = []
        public var snr: [Double] = []
        public var marked: [Bool] = []
        /// Number of spectra, N.
        public var count: Int { snr.count }
        /// No spectra.
        public init() {}
    }

    /// Per-pixel hyperparameters and CV MSE of the model (`model_pixel`), P entries each.
    public struct Pixels: Sendable {
        /// Wavelength (Angstrom), C, epsilon (standardised flux), gamma (1 / standardised label units^2),
        /// CV MSE (standardised flux^2), in pixel order.
        public var wavelength: [Double] = [], c: [Double] = [], epsilon: [Double] = [], gamma: [Double] = [], cvMSE: [Double] = []
        /// No pixels.
        public init() {}
    }

    /// One preprocessed spectrum with the model at its SLAM labels, P entries each.
    public struct Example: Sendable {
        /// The spectrum's obsid.
        public var obsid: Int64
        /// Its S/N_g.
        public var snr: Double
        /// Its SLAM labels, L entries, physical units.
        public var labels: [Double]
        /// Model-pixel wavelengths, Angstrom (pixel indices when `model_pixel` is empty).
        public var wavelength: [Double]
        /// Normalised flux; bad pixels (ivar 0) are NaN.
        public var flux: [Double]
        /// The model spectrum at `labels`, normalised flux.
        public var model: [Double]

        /// An example from its parts (see the properties).
        public init(obsid: Int64, snr: Double, labels: [Double], wavelength: [Double], flux: [Double], model: [Double]) {
            self.obsid = obsid
            self.snr = snr
            self.labels = labels
            self.wavelength = wavelength
            self.flux = flux
            self.model = model
        }
    }

    /// Label names of the model, L entries.
    public var labelNames: [String]
    /// Training-set members: their cross-validated labels (each predicted by the model trained without
    /// its fold) and the held-out members' labels from the final model (`marked`), against their
    /// reference labels (`model_validation_prediction`).
    public var members: Pairs
    /// Predicted spectra against the mock survey's true labels, for those whose true labels lie inside the
    /// training set's label ranges (empty without a truth file).
    public var truth: Pairs
    /// The predicted catalogue: N x L labels and N S/N_g.
    public var catalogue: Pairs
    /// Per-pixel hyperparameters and CV MSE.
    public var pixels: Pixels
    /// The example spectrum; nil when no converged prediction has a preprocessed spectrum.
    public var example: Example?
    /// The machine the report was made on.
    public var machine: DemoMachine
    /// Inline SVG drawings (`FitPlot`) of example fits: the spectra with S/N_g closest to 100 and to 20.
    public var exampleFits: [String] = []
    /// The model's error calibration from repeat pairs (`ErrorCalibrationReport`), as text.
    public var calibration: String = ""

    /// The data of one report (see the properties for shapes and units); `exampleFits` and `calibration` start empty.
    public init(labelNames: [String], members: Pairs, truth: Pairs, catalogue: Pairs, pixels: Pixels, example: Example?,
                machine: DemoMachine) {
        self.labelNames = labelNames
        self.members = members
        self.truth = truth
        self.catalogue = catalogue
        self.pixels = pixels
        self.example = example
        self.machine = machine
    }
}

extension DemoReportData.Pairs {
    /// At most `DemoReportData.pointLimit` of the entries, evenly spaced; `labels` is L.
    public func sampled(labels l: Int) -> Self {
        let keep = SVGPlot.sampleIndices(count: count, limit: DemoReportData.pointLimit)
        guard keep.count < count else { return self }
        var out = Self()
        for i in keep {
            out.predicted += predicted[(i * l)..<((i + 1) * l)]
            if !reference.isEmpty { out.reference += reference[(i * l)..<((i + 1) * l)] }
            out.snr.append(snr[i])
            out.marked.append(marked[i])
        }
        return out
    }

    /// Column `j` of the predicted labels.
    public func predicted(_ j: Int, labels l: Int) -> [Double] { (0..<count).map { predicted[$0 * l + j] } }
    /// Column `j` of the reference labels.
    public func reference(_ j: Int, labels l: Int) -> [Double] { (0..<count).map { reference[$0 * l + j] } }
}
