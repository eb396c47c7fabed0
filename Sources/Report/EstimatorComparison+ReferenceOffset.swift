extension EstimatorComparison {
    /// The training set's reference labels against the truth, over its members that have one: the scale the
    /// model learns. A median offset here belongs to the reference catalogue (the mock LASP labels run hot for
    /// cool stars and overestimate giants' log g, as LASP does), and the published labels inherit it at every
    /// S/N; the part of a bin's median that the fit adds is that median minus this one.
    public struct ReferenceOffset: Sendable, Equatable {
        /// Members compared.
        public var count: Int
        /// Per label: median and robust scatter of reference − truth.
        public var cells: [Cell]

        /// From `reference` and `truth` (M x L row-major, physical units, the same members in the same order).
        public init(reference: [Double], truth: [Double], labelCount l: Int) {
            count = l > 0 ? reference.count / l : 0
            let m = count
            cells = (0..<l).map { c in Cell(differences: (0..<m).map { reference[$0 * l + c] - truth[$0 * l + c] }) }
        }
    }
}
