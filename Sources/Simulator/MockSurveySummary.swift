import Foundation
import Primitives

/// What `MockSurvey.write(to:progress:)` wrote, and how long each stage took.
public struct MockSurveySummary: Sendable {
    /// Output directory.
    public var directory: URL
    /// Number of spectrum files, distinct stars, repeat observations.
    public var spectra: Int
    /// Distinct stars with LAMOST spectra.
    public var stars: Int
    /// Repeat observations among the spectra.
    public var repeats: Int
    /// allStar rows, of which counterparts of LAMOST stars (first rows) and APOGEE-only rows.
    public var apogeeRows: Int
    /// allStar rows that are the first APOGEE row of a LAMOST star.
    public var apogeeCounterparts: Int
    /// allStar rows without a LAMOST spectrum (neighbours and APOGEE-only stars).
    public var apogeeOnlyRows: Int
    /// LASP catalogue rows (0 when not written).
    public var laspRows: Int
    /// Giants with an APOGEE counterpart and a first-visit S/N_g above 40 (the demo's training pool).
    public var giantsWithApogeeAtHighSNR: Int
    /// Files written (paths relative to `directory`), besides the spectra.
    public var tables: [String]
    /// Seconds summed over workers: synthesis (noiseless spectra), observation (noise, masks), writing
    /// spectrum files; and wall-clock seconds for the tables and for the whole run.
    public var synthesisSeconds: Double
    /// Noise, masks and header values, seconds summed over workers.
    public var observationSeconds: Double
    /// Writing the `.fits.gz` files, seconds summed over workers.
    public var spectrumWritingSeconds: Double
    /// Writing the tables, wall-clock seconds.
    public var tableSeconds: Double
    /// The whole `write`, wall-clock seconds.
    public var wallSeconds: Double
    /// Number of parallel workers used.
    public var workers: Int
}

/// Per-worker stage times, seconds.
struct MockStageTimes: Sendable {
    var synthesis = 0.0, observation = 0.0, writing = 0.0

    static func + (a: MockStageTimes, b: MockStageTimes) -> MockStageTimes {
        MockStageTimes(synthesis: a.synthesis + b.synthesis, observation: a.observation + b.observation,
                       writing: a.writing + b.writing)
    }
}

