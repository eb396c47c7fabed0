import Primitives
/// A compact, versioned binary form of `SLAMModel`, for storage (e.g. PostgreSQL `bytea`, whole or split
/// into chunks that are concatenated back before decoding). All numbers little-endian:
///
///     magic "SLAMMODL" (8 bytes) | version u32 = 1 | N u32 | L u32 | P u32
///     L label names: u32 byte count + UTF-8 bytes
///     wavelength P f64 | labelScaler mean L f64, scale L f64 | fluxScaler mean P f64, scale P f64
///     trainingLabels N*L f64 | intercept P f64 | hyperparameters P x (C, epsilon, gamma) f64
///     crossValidatedMSE P f64
///     coefficients, per pixel: count u32, then count indices u32 (ascending), then count f64 values
///       (only the non-zero coefficients, the support vectors)
///     checksum u64: FNV-1a 64 of every byte before it
///
/// Doubles are stored as their IEEE-754 bits, so a round trip is bit-exact (NaN payloads, -0 and
/// infinities included).
extension SLAMModel {
    /// Format version written by `serialized()`.
    public static let serializationVersion: UInt32 = 1
    /// Largest P x N accepted when decoding (2^28 coefficients, 2 GiB dense), so corrupt counts cannot
    /// trigger a huge allocation.
    public static let maximumCoefficientCount = 1 << 28
    static let serializationMagic: [UInt8] = Array("SLAMMODL".utf8)

    /// The model's bytes (see the format above).
    public func serialized() -> [UInt8] {
        var w = SLAMModelByteWriter()
        w.bytes += Self.serializationMagic
        w.u32(Self.serializationVersion)
        let n = trainingCount, p = pixelCount
        w.u32(UInt32(n)); w.u32(UInt32(labelCount)); w.u32(UInt32(p))
        for name in labelNames {
            let utf8 = Array(name.utf8)
            w.u32(UInt32(utf8.count)); w.bytes += utf8
        }
        w.f64(wavelength)
        w.f64(labelScaler.mean); w.f64(labelScaler.scale)
        w.f64(fluxScaler.mean); w.f64(fluxScaler.scale)
        w.f64(trainingLabels)
        w.f64(intercept)
        w.f64(hyperparameters.flatMap { [$0.c, $0.epsilon, $0.gamma] })
        w.f64(crossValidatedMSE)
        for j in 0..<p {
            let row = coefficients[(j * n)..<((j + 1) * n)]
            let nonZero = row.indices.filter { row[$0].bitPattern != 0 }
            w.u32(UInt32(nonZero.count))
            for k in nonZero { w.u32(UInt32(k - j * n)) }
            for k in nonZero { w.f64(row[k]) }
        }
        w.u64(FNV1a.hash64(w.bytes[...]))
        return w.bytes
    }

    /// Decodes bytes written by `serialized()`. Never traps on bad input.
    /// - Throws: `SLAMModelCodingError`: bad magic, unsupported version, truncation, checksum mismatch,
    ///   impossible counts or indices, bad UTF-8, trailing bytes.
    public init(serialized bytes: [UInt8]) throws(SLAMModelCodingError) {
        var r = try SLAMModelByteReader(checking: bytes, magic: Self.serializationMagic, version: Self.serializationVersion)

        let n = Int(try r.u32("N")), l = Int(try r.u32("L")), p = Int(try r.u32("P"))
        guard l > 0 || n == 0 else { throw .invalidValue(field: "N without labels", value: UInt64(n)) }
        var names = [String]()
        for i in 0..<l {
            let count = Int(try r.u32("label name length"))
            let raw = try r.raw(count, "label name")
            guard let name = String(validating: raw, as: UTF8.self) else { throw .invalidLabelName(index: i) }
            names.append(name)
        }
        // Every remaining array must fit in what is left, so no huge allocation from a corrupt count.
        let (nl, nlOverflow) = n.multipliedReportingOverflow(by: l)
        guard !nlOverflow, nl <= r.remaining / 8 else { throw .invalidValue(field: "N x L", value: UInt64(n) &* UInt64(l)) }
        guard p <= r.remaining / 8 else { throw .invalidValue(field: "P", value: UInt64(p)) }
        let wavelength = try r.f64(p, "wavelength")
        let labelMean = try r.f64(l, "labelScaler.mean"), labelScale = try r.f64(l, "labelScaler.scale")
        let fluxMean = try r.f64(p, "fluxScaler.mean"), fluxScale = try r.f64(p, "fluxScaler.scale")
        let trainingLabels = try r.f64(nl, "trainingLabels")
        let intercept = try r.f64(p, "intercept")
        let h = try r.f64(3 * p, "hyperparameters")
        let mse = try r.f64(p, "crossValidatedMSE")
        let (pn, pnOverflow) = p.multipliedReportingOverflow(by: n)
        guard !pnOverflow, pn <= Self.maximumCoefficientCount else { throw .invalidValue(field: "P x N", value: UInt64(pn)) }
        var coefficients = [Double](repeating: 0, count: pn)
        for j in 0..<p {
            let count = Int(try r.u32("coefficient count"))
            guard count <= n else { throw .invalidValue(field: "coefficient count of pixel \(j)", value: UInt64(count)) }
            let indices = try r.u32s(count, "coefficient indices")
            let values = try r.f64(count, "coefficient values")
            var previous = -1
            for (k, index) in indices.enumerated() {
                let i = Int(index)
                guard i < n, i > previous else {
                    throw .invalidValue(field: "coefficient index of pixel \(j)", value: UInt64(index))
                }
                previous = i
                coefficients[j * n + i] = values[k]
            }
        }
        guard r.remaining == 0 else { throw .trailingBytes(count: r.remaining) }
        self.init(
            labelNames: names, wavelength: wavelength,
            labelScaler: Standardiser(mean: labelMean, scale: labelScale),
            fluxScaler: Standardiser(mean: fluxMean, scale: fluxScale),
            trainingLabels: trainingLabels, coefficients: coefficients, intercept: intercept,
            hyperparameters: (0..<p).map { SVRHyperparameters(c: h[3 * $0], epsilon: h[3 * $0 + 1], gamma: h[3 * $0 + 2]) },
            crossValidatedMSE: mse)
    }
}
