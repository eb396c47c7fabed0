import Catalogue
import Report

/// Everything a star page (`/star/OBSID`) shows of one spectrum.
public struct StarPageData: Sendable {
    /// The spectrum's header values and file.
    public var header: StarHeader
    /// Every prediction of the spectrum: current models' first.
    public var predictions: [StarLabelRow]
    /// The fit of the current model (or the newest that predicted it), nil when nothing predicted it;
    /// `fitProblem` says why there is none when a prediction exists but cannot be drawn.
    public var fit: FitPlotData?
    public var fitProblem: String?
    /// Other spectra of the same star, and their predictions by current models.
    public var repeats: [StarSearchHit]
    public var repeatPredictions: [StarLabelRow]
    /// Reference labels (APOGEE, LASP, user tables) of the star.
    public var references: [StarReferenceRow]
    /// Training sets that hold the spectrum.
    public var trainingSets: [StarTrainingRow]
    /// Sampled posteriors.
    public var posteriors: [PosteriorRow]
    /// Every flag bit, for names and descriptions.
    public var flagBits: [FlagBitRow]

    public init(header: StarHeader, predictions: [StarLabelRow], fit: FitPlotData?, fitProblem: String?, repeats: [StarSearchHit],
                repeatPredictions: [StarLabelRow], references: [StarReferenceRow], trainingSets: [StarTrainingRow],
                posteriors: [PosteriorRow], flagBits: [FlagBitRow]) {
        self.header = header
        self.predictions = predictions
        self.fit = fit
        self.fitProblem = fitProblem
        self.repeats = repeats
        self.repeatPredictions = repeatPredictions
        self.references = references
        self.trainingSets = trainingSets
        self.posteriors = posteriors
        self.flagBits = flagBits
    }
}
