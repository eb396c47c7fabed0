/// Why pixel shards could not be assembled into a model (``SLAMShardAssembler``): each case names the
/// pixels or the shard at fault.
public enum SLAMShardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No shard was given.
    case noShards
    /// No shard covers these pixels.
    case gap(pixels: Range<Int>)
    /// These pixels are covered by more than one shard.
    case overlap(pixels: Range<Int>)
    /// A shard reaches past the model's pixels.
    case outOfRange(shard: Range<Int>, pixelCount: Int)
    /// A shard's `what` has `actual` entries where the training implies `expected`.
    case shapeMismatch(shard: Range<Int>, what: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .noShards: return "no training shard to assemble"
        case let .gap(pixels): return "no training shard covers pixels \(pixels.lowerBound)..<\(pixels.upperBound)"
        case let .overlap(pixels): return "pixels \(pixels.lowerBound)..<\(pixels.upperBound) are covered by more than one training shard"
        case let .outOfRange(shard, pixelCount):
            return "training shard of pixels \(shard.lowerBound)..<\(shard.upperBound) reaches past the model's \(pixelCount) pixels"
        case let .shapeMismatch(shard, what, expected, actual):
            return "training shard of pixels \(shard.lowerBound)..<\(shard.upperBound): \(what) has \(actual) entries, expected \(expected)"
        }
    }
}
