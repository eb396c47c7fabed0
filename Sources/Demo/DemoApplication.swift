import Pipeline

/// One application of SLAM in the demo, as in the paper (Zhang, Liu & Deng 2020): K giants with APOGEE
/// DR15 labels (six labels), and AFGK stars with LAMOST's own LASP labels (Teff, log g, [Fe/H]).
public struct DemoApplication: Sendable {
    /// Which application.
    public enum Kind: String, Sendable {
        /// K giants, labels from APOGEE DR15 (ASPCAP) through a crossmatch.
        case apogee
        /// AFGK stars with 4000 K < Teff < 8000 K and S/N_g > 100, labels from the LASP catalogue.
        case lasp
    }

    /// Label set of the demo's LASP application (the catalogue name).
    public static let laspLabelSet = "lasp-dr5"

    /// Which application.
    public var kind: Kind
    /// Label set of its model (the catalogue name).
    public var labelSet: String
    /// The model trained and promoted.
    public var modelID: Int
    /// Its training set and cut report.
    public var trainingSet: TrainingSetReport
    /// Cross-validated precision against the reference labels.
    public var crossValidation: PrecisionTable
    /// Precision against the mock survey's true labels.
    public var truth: DemoEvaluation

    /// Title for reports.
    public var title: String {
        switch kind {
        case .apogee: "K giants with APOGEE DR15 labels"
        case .lasp: "AFGK stars with LAMOST LASP labels"
        }
    }

    /// Name of the reference in table captions.
    public var referenceName: String { kind == .apogee ? "APOGEE" : "LASP" }

    /// The paper's cross-validated scatter of this application, label units.
    public var paperScatter: [String: Double] {
        switch kind {
        case .apogee: PrecisionTable.paperScatter
        case .lasp: Self.laspPaperScatter
        }
    }

    /// The paper's scatter of SLAM's LASP-label model at S/N_g > 100: 50 K, 0.09 dex, 0.07 dex
    /// (docs/method.md, "How precise it is").
    public static let laspPaperScatter: [String: Double] = ["teff": 50, "logg": 0.09, "feh": 0.07]
}
