/// Where the first round of the continuum correction (`PredictionOptions.continuumDegree`) takes the
/// labels at which it fits the correction P (`ContinuumCorrection`).
public enum ContinuumStart: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The first guess: the nearest template's labels, matched to the uncorrected flux. The first round
    /// fits P against that template's model spectrum and then the labels (first guess and refinement) to
    /// flux / P, so the correction costs no fit of its own: one round is one label fit in all.
    case firstGuess = "first_guess"
    /// A plain fit (first guess and refinement without a correction) first, then the rounds from its
    /// labels: one more label fit than `firstGuess` for the same rounds.
    case plainFit = "plain_fit"
}
