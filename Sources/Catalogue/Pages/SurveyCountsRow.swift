import Store

/// The survey's size at each stage, for the dashboard.
public struct SurveyCountsRow: Sendable, Equatable {
    /// Spectra in `lamost_spectrum`.
    public var spectra: Int
    /// Spectra with at least one preprocessed (normalised, resampled) spectrum.
    public var preprocessed: Int
    /// Rows of `rejection`, every stage.
    public var rejections: Int
    /// Training sets and models (every status) in the registry.
    public var trainingSets: Int
    public var models: Int

    public init(spectra: Int, preprocessed: Int, rejections: Int, trainingSets: Int, models: Int) {
        self.spectra = spectra
        self.preprocessed = preprocessed
        self.rejections = rejections
        self.trainingSets = trainingSets
        self.models = models
    }
}
