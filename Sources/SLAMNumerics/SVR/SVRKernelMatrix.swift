import Foundation
import CBLAS

/// The RBF kernel matrix `K[i, j] = exp(-gamma * |x_i - x_j|^2)` of one set of points, stored once and
/// shared by every pixel and fold that trains on those points (docs/method.md, "Where the cost is").
///
/// Values are single precision, as libsvm's kernel cache (`Qfloat`): 4 bytes per entry, `count x count`,
/// row-major and symmetric, so a row is also a column. Squared distances are computed in double precision
/// with BLAS (`|a|^2 + |b|^2 - 2 A A^T`, `cblas_dsyrk`), then exponentiated.
public struct SVRKernelMatrix: Sendable, Equatable {
    /// Number of points, n.
    public let count: Int
    /// RBF width, in 1 / (point units)^2 (standardised label units for SLAM).
    public let gamma: Double
    /// Kernel values, `count x count`, row-major, symmetric, diagonal 1.
    public let values: [Float]

    /// Builds the kernel of `rows` points of dimension `columns` (row-major `rows x columns`, e.g. N x L
    /// standardised labels). `gamma` must be positive and finite (programmer error otherwise).
    public init(points: [Double], rows: Int, columns: Int, gamma: Double) {
        precondition(points.count == rows * columns, "points must be rows x columns")
        precondition(gamma > 0 && gamma.isFinite, "gamma must be positive and finite")
        count = rows
        self.gamma = gamma
        guard rows > 0 else { values = []; return }
        var gram = [Double](repeating: 0, count: rows * rows)
        if columns > 0 {
            points.withUnsafeBufferPointer { x in
                gram.withUnsafeMutableBufferPointer { g in
                    // Upper triangle of X X^T (row-major n x n, ld n).
                    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(rows), Int32(columns),
                                1.0, x.baseAddress, Int32(columns), 0.0, g.baseAddress, Int32(rows))
                }
            }
        }
        var out = [Float](repeating: 1, count: rows * rows)
        for i in 0..<rows {
            let nii = gram[i * rows + i]
            for j in (i + 1)..<max(i + 1, rows) {
                let d2 = max(0, nii + gram[j * rows + j] - 2 * gram[i * rows + j])
                let k = Float(exp(-gamma * d2))
                out[i * rows + j] = k
                out[j * rows + i] = k
            }
        }
        values = out
    }

    /// A kernel built from values already computed (`count x count`, row-major, symmetric).
    public init(count: Int, gamma: Double, values: [Float]) {
        precondition(values.count == count * count, "values must be count x count")
        self.count = count
        self.gamma = gamma
        self.values = values
    }

    /// Entry `(i, j)`.
    @inlinable public subscript(i: Int, j: Int) -> Float { values[i * count + j] }

    /// The kernel of a subset of the points (rows and columns `indices`, in that order): a cross-validation
    /// fold's training kernel. Indices must lie in `0..<count` (programmer error otherwise).
    public func submatrix(_ indices: [Int]) -> SVRKernelMatrix {
        let m = indices.count
        var out = [Float](repeating: 0, count: m * m)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (p, i) in indices.enumerated() {
                    precondition(i >= 0 && i < count, "kernel index out of range")
                    let row = src.baseAddress! + i * count
                    let outRow = dst.baseAddress! + p * m
                    for (q, j) in indices.enumerated() { outRow[q] = row[j] }
                }
            }
        }
        return SVRKernelMatrix(count: m, gamma: gamma, values: out)
    }
}
