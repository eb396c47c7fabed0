import Primitives

/// The binary form of a ``SLAMPixelShard``, stored as the shard's result (`model_training_shard.result`).
/// All numbers little-endian; doubles as their IEEE-754 bits, so a round trip is bit-exact:
///
///     magic "SLAMSHRD" (8 bytes) | version u32 = 1 | pixel start u32 | pixel end u32 | N u32 | K u32
///     K fold training counts N_k u32
///     per pixel: C, epsilon, gamma f64 | CV MSE f64 | intercept f64 | iterations u64 | solves u64 | SVs u32
///     per pixel: final coefficients (count u32, indices u32 ascending, values f64; bit pattern 0 omitted)
///     per fold: intercept m f64 | training MSE m f64 | per pixel its coefficients as above
///     checksum u64: FNV-1a 64 of every byte before it
extension SLAMPixelShard {
    /// Format version written by `serialized()`.
    public static let serializationVersion: UInt32 = 1
    static let serializationMagic: [UInt8] = Array("SLAMSHRD".utf8)

    /// The shard's bytes (see the format above).
    public func serialized() -> [UInt8] {
        var w = SLAMModelByteWriter()
        w.bytes += Self.serializationMagic
        w.u32(Self.serializationVersion)
        w.u32(UInt32(pixels.lowerBound)); w.u32(UInt32(pixels.upperBound))
        w.u32(UInt32(trainingCount)); w.u32(UInt32(folds.count))
        for fold in folds { w.u32(UInt32(fold.trainingCount)) }
        for k in 0..<pixels.count {
            let h = hyperparameters[k]
            w.f64([h.c, h.epsilon, h.gamma, crossValidatedMSE[k], intercept[k]])
            w.u64(UInt64(iterations[k])); w.u64(UInt64(solves[k])); w.u32(UInt32(supportVectors[k]))
        }
        Self.writeSparse(coefficients, rows: pixels.count, columns: trainingCount, to: &w)
        for fold in folds {
            w.f64(fold.intercept); w.f64(fold.trainingMSE)
            Self.writeSparse(fold.coefficients, rows: pixels.count, columns: fold.trainingCount, to: &w)
        }
        w.u64(FNV1a.hash64(w.bytes[...]))
        return w.bytes
    }

    /// Decodes bytes written by `serialized()`. Never traps on bad input.
    /// - Throws: `SLAMModelCodingError` (the model and shard formats share their reader): bad magic,
    ///   unsupported version, truncation, checksum mismatch, impossible counts or indices, trailing bytes.
    public init(serialized bytes: [UInt8]) throws(SLAMModelCodingError) {
        var r = try SLAMModelByteReader(checking: bytes, magic: Self.serializationMagic, version: Self.serializationVersion)

        let start = Int(try r.u32("pixel start")), end = Int(try r.u32("pixel end"))
        guard start <= end else { throw .invalidValue(field: "pixel end", value: UInt64(end)) }
        let m = end - start
        let n = Int(try r.u32("N")), foldCount = Int(try r.u32("fold count"))
        guard foldCount <= r.remaining / 4 else { throw .invalidValue(field: "fold count", value: UInt64(foldCount)) }
        let foldSizes = try r.u32s(foldCount, "fold training counts").map(Int.init)
        // Each pixel takes at least 48 bytes, so a corrupt count cannot trigger a huge allocation.
        guard m <= r.remaining / 48 else { throw .invalidValue(field: "pixel count", value: UInt64(m)) }
        var hyperparameters = [SVRHyperparameters](), mse = [Double](), intercept = [Double]()
        var iterations = [Int](), solves = [Int](), supportVectors = [Int]()
        for _ in 0..<m {
            let v = try r.f64(5, "pixel values")
            hyperparameters.append(SVRHyperparameters(c: v[0], epsilon: v[1], gamma: v[2]))
            mse.append(v[3]); intercept.append(v[4])
            iterations.append(Int(truncatingIfNeeded: try r.u64("iterations")))
            solves.append(Int(truncatingIfNeeded: try r.u64("solves")))
            supportVectors.append(Int(try r.u32("support vectors")))
        }
        let coefficients = try Self.readSparse(rows: m, columns: n, from: &r)
        var folds = [FoldFit]()
        for size in foldSizes {
            let foldIntercept = try r.f64(m, "fold intercept"), foldMSE = try r.f64(m, "fold training MSE")
            folds.append(FoldFit(trainingCount: size, coefficients: try Self.readSparse(rows: m, columns: size, from: &r),
                                 intercept: foldIntercept, trainingMSE: foldMSE))
        }
        guard r.remaining == 0 else { throw .trailingBytes(count: r.remaining) }
        self.init(pixels: start..<end, trainingCount: n, hyperparameters: hyperparameters, crossValidatedMSE: mse,
                  coefficients: coefficients, intercept: intercept, iterations: iterations, supportVectors: supportVectors,
                  solves: solves, folds: folds)
    }

    /// Writes a `rows x columns` row-major matrix row by row, keeping entries whose bit pattern is not 0.
    private static func writeSparse(_ matrix: [Double], rows: Int, columns: Int, to w: inout SLAMModelByteWriter) {
        for row in 0..<rows {
            let base = row * columns
            let nonZero = (0..<columns).filter { matrix[base + $0].bitPattern != 0 }
            w.u32(UInt32(nonZero.count))
            for k in nonZero { w.u32(UInt32(k)) }
            for k in nonZero { w.f64(matrix[base + k]) }
        }
    }

    private static func readSparse(rows: Int, columns: Int, from r: inout SLAMModelByteReader) throws(SLAMModelCodingError) -> [Double] {
        let (size, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, size <= SLAMModel.maximumCoefficientCount else { throw .invalidValue(field: "rows x columns", value: UInt64(size)) }
        var matrix = [Double](repeating: 0, count: size)
        for row in 0..<rows {
            let count = Int(try r.u32("coefficient count"))
            guard count <= columns else { throw .invalidValue(field: "coefficient count of row \(row)", value: UInt64(count)) }
            let indices = try r.u32s(count, "coefficient indices")
            let values = try r.f64(count, "coefficient values")
            var previous = -1
            for (k, index) in indices.enumerated() {
                let i = Int(index)
                guard i < columns, i > previous else { throw .invalidValue(field: "coefficient index of row \(row)", value: UInt64(index)) }
                previous = i
                matrix[row * columns + i] = values[k]
            }
        }
        return matrix
    }
}
