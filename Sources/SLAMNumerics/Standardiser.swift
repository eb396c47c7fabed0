/// Per-column standardisation: `z = (x - mean) / scale`, as SLAM applies to every pixel's flux and
/// every label (Zhang, Liu & Deng 2020, sect. 3.1). Kept with the model so that predictions can be
/// turned back into physical units.
public struct Standardiser: Sendable, Equatable, Hashable {
    /// Column means, in the column's physical unit.
    public var mean: [Double]
    /// Column standard deviations, in the column's physical unit; never zero (a constant column gets 1).
    public var scale: [Double]

    public init(mean: [Double], scale: [Double]) {
        precondition(mean.count == scale.count, "mean and scale must have one entry per column")
        self.mean = mean
        self.scale = scale
    }

    /// Number of columns.
    public var count: Int { mean.count }

    /// Fits mean and standard deviation per column of a row-major `rows x count` matrix, using only the
    /// entries whose weight is positive (`weights` has the matrix's shape, or is `nil` for all ones).
    /// A column with fewer than two weighted entries, or with zero spread, gets scale 1.
    public static func fit(_ values: [Double], rows: Int, columns: Int, weights: [Double]? = nil) -> Standardiser {
        precondition(values.count == rows * columns, "values must be rows x columns")
        precondition(weights == nil || weights!.count == values.count, "weights must match values")
        var mean = [Double](repeating: 0, count: columns)
        var scale = [Double](repeating: 1, count: columns)
        for c in 0..<columns {
            var n = 0.0, sum = 0.0
            for r in 0..<rows where (weights?[r * columns + c] ?? 1) > 0 {
                let v = values[r * columns + c]
                if v.isFinite { n += 1; sum += v }
            }
            guard n > 0 else { continue }
            let m = sum / n
            var ss = 0.0
            for r in 0..<rows where (weights?[r * columns + c] ?? 1) > 0 {
                let v = values[r * columns + c]
                if v.isFinite { ss += (v - m) * (v - m) }
            }
            mean[c] = m
            let sd = n > 1 ? (ss / n).squareRoot() : 0
            scale[c] = sd > 0 && sd.isFinite ? sd : 1
        }
        return Standardiser(mean: mean, scale: scale)
    }

    /// Standardises one value of column `column`.
    @inlinable public func forward(_ x: Double, column: Int) -> Double { (x - mean[column]) / scale[column] }
    /// Turns a standardised value of column `column` back into physical units.
    @inlinable public func inverse(_ z: Double, column: Int) -> Double { z * scale[column] + mean[column] }

    /// Standardises a row-major `rows x count` matrix.
    public func forward(matrix: [Double]) -> [Double] {
        precondition(matrix.count % max(count, 1) == 0)
        var out = matrix
        for i in out.indices { let c = i % count; out[i] = (out[i] - mean[c]) / scale[c] }
        return out
    }

    /// Turns a standardised row-major `rows x count` matrix back into physical units.
    public func inverse(matrix: [Double]) -> [Double] {
        precondition(matrix.count % max(count, 1) == 0)
        var out = matrix
        for i in out.indices { let c = i % count; out[i] = out[i] * scale[c] + mean[c] }
        return out
    }
}
