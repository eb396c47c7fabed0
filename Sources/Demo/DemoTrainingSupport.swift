/// Where the demo draws the line between stars like the training stars and stars unlike them, judged by
/// their TRUE labels (the mock survey's truth): inside the training set's support means every true label
/// lies within the range of the training set's reference labels (per label, min to max).
///
/// One definition for the whole demo: the precision against the truth is measured on inside spectra, and
/// the `outside_training_set` flag's recall on outside ones and its false-flag rate on inside ones. Why a
/// per-label box: the mock survey's stars unlike the K-giant training set are its dwarfs (log g > 3.8,
/// above every training giant's log g) and its stars hotter than the hottest training star, and both lie
/// outside the box by construction; a k-NN distance cut would also call outside some giants in sparse
/// corners of the training set, which the model still covers by interpolation.
struct DemoTrainingSupport: Sendable {
    /// Smallest and largest reference label of the training set, L entries each (label units).
    var lower: [Double]
    var upper: [Double]

    /// The support of training-set reference labels `members` (each L entries).
    init(members: [[Double]], labelCount l: Int) {
        lower = [Double](repeating: .infinity, count: l)
        upper = [Double](repeating: -.infinity, count: l)
        for labels in members where labels.count == l {
            for j in 0..<l { lower[j] = min(lower[j], labels[j]); upper[j] = max(upper[j], labels[j]) }
        }
    }

    /// Whether true labels `truth` (L entries) lie inside the support; false for a wrong count or NaN.
    func contains(_ truth: [Double]) -> Bool {
        truth.count == lower.count && truth.indices.allSatisfy { truth[$0] >= lower[$0] && truth[$0] <= upper[$0] }
    }
}
