import Report
import SLAMNumerics

/// Where the demo draws the line between stars like the training stars and stars unlike them, judged by
/// their TRUE labels (the mock survey's truth), in three regions (`OutsideFlagRates.TrueRegion`):
///
/// - outside the label ranges: some true label lies beyond the range of the training set's reference
///   labels (per label, min to max). For the K-giant training set these are exactly the mock survey's
///   dwarfs (log g > 3.8, above every training giant) and its stars hotter than the hottest training star.
/// - off the support: inside the ranges, but far from every training star, by the test of flag bit 7 applied
///   to the true labels: the distance in standardised label space (the members' mean and standard
///   deviation) to the 10th nearest member exceeds the 99th percentile of the members' own leave-one-out
///   10th-neighbour distances. Giants in sparse corners of the training set.
/// - on the support: the others, stars like the training stars.
///
/// One definition for the whole demo. The precision against the truth is measured on every spectrum inside
/// the ranges (the model still covers sparse corners by interpolation); the `outside_training_set` flag's
/// recall on those outside the ranges and its false-flag rate on those on the support, its rate on the
/// stars off the support shown apart (flagging them is right by the flag's own definition, missing them
/// is not counted against it).
struct DemoTrainingSupport: Sendable {
    /// Smallest and largest reference label of the training set, L entries each (label units).
    var lower: [Double]
    var upper: [Double]
    /// The members' label means and standard deviations (the standardisation of the support test).
    var standardiser: Standardiser
    /// The 10th-neighbour test on the standardised member labels (flag bit 7's).
    var neighbourhood: SLAMTrainingNeighbourhood

    /// The support of training-set reference labels `members` (each L entries; others are ignored).
    init(members: [[Double]], labelCount l: Int) {
        let valid = members.filter { $0.count == l && $0.allSatisfy(\.isFinite) }
        lower = [Double](repeating: .infinity, count: l)
        upper = [Double](repeating: -.infinity, count: l)
        for labels in valid {
            for j in 0..<l { lower[j] = min(lower[j], labels[j]); upper[j] = max(upper[j], labels[j]) }
        }
        let flat = valid.flatMap { $0 }
        standardiser = Standardiser.fit(flat, rows: valid.count, columns: l)
        let options = PredictionOptions()
        neighbourhood = SLAMTrainingNeighbourhood(
            labels: standardiser.forward(matrix: flat), labelCount: l,
            k: options.neighbourCount, quantile: options.farFromTrainingQuantile, factor: options.farFromTrainingFactor)
    }

    /// Whether true labels `truth` (L entries) lie inside the label ranges; false for a wrong count or NaN.
    func contains(_ truth: [Double]) -> Bool {
        truth.count == lower.count && truth.indices.allSatisfy { truth[$0] >= lower[$0] && truth[$0] <= upper[$0] }
    }

    /// The region of true labels `truth` (L entries): outside the ranges, off the support, or on it.
    func region(_ truth: [Double]) -> OutsideFlagRates.TrueRegion {
        guard contains(truth) else { return .outsideRanges }
        let d = neighbourhood.kthDistance(standardiser.forward(matrix: truth))
        return d.isFinite && d > neighbourhood.threshold ? .offSupport : .onSupport
    }
}
