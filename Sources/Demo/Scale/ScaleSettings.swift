import Foundation
import Pipeline

/// Settings of `slam-bench scale`: a survey of `spectra` spectra built through the real path.
public struct ScaleSettings: Sendable {
    /// Spectrum files to write and ingest (about 10% of them are repeat observations of a star).
    public var spectra: Int
    public var seed: UInt64
    /// Star types synthesised once (`MockSurveyConfiguration.starTypes`).
    public var starTypes = 2_000
    /// allStar rows; `nil`: min(730,000, spectra) (APOGEE DR17 has about 730,000 stars).
    public var apogeeRows: Int?
    /// Files written, ingested and deleted at a time.
    public var chunkFiles = 20_000
    /// Files per ingest job.
    public var batchSize = 200
    /// Spectra per prediction job.
    public var predictBatchSize = 250
    /// Write `.fits.gz` instead of plain `.fits`.
    public var compressed = false
    /// Threads writing spectrum files.
    public var writerThreads: Int?
    /// Where the chunks of files, the allStar table and the export go (created; emptied of what the run wrote).
    public var scratch: URL
    /// How the model's hyperparameters are chosen (default: fixed, so that training does not dominate).
    public var hyperparameters = ModelTrainingSettings.Hyperparameters.documentedFixed
    /// Folds of the whole-method cross-validation (its residuals feed the error calibration).
    public var folds = 3
    /// Largest number of training stars: above it the training set is built again with the surplus held
    /// out for validation (the paper trained on a few thousand stars; SVR training grows as its square).
    public var trainingStars = 2_000
    /// Runs of each query, each with another random input.
    public var queryRuns = 50
    /// Flush each chunk's files to disk (fdatasync) before its ingest, as part of writing it, so that the
    /// ingest does not share the disk with the survey writer's write-back.
    public var settleChunks = false
    /// End after the ingest (and the analysis of the spectrum tables): no training, prediction or queries.
    public var stopAfterIngest = false

    public init(spectra: Int, seed: UInt64 = 1, scratch: URL) {
        self.spectra = spectra
        self.seed = seed
        self.scratch = scratch
    }

    /// Stars planned for `spectra` files (the mock survey observes 10% of its stars twice).
    public var stars: Int { max(1, Int((Double(spectra) / 1.1).rounded())) }

    /// allStar rows of the run.
    public var apogeeRowCount: Int { apogeeRows ?? min(730_000, spectra) }

    /// Bytes of one plain `.fits` spectrum file: 30 FITS blocks of 2,880 bytes (a 2-block header, 5 x 3909
    /// float32 in 28); gzip makes it smaller.
    public static let bytesPerFile: Int64 = 30 * 2880
}
