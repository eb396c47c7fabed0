/// Why bytes could not be decoded as a `SLAMModel` (see `SLAMModel.init(serialized:)`).
public enum SLAMModelCodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes do not start with the magic `"SLAMMODL"`: not a serialised SLAM model.
    case badMagic
    /// The format version is not one this code reads.
    case unsupportedVersion(UInt32)
    /// The bytes end early: `needed` more bytes were expected at byte `offset` while reading `field`.
    case truncated(field: String, offset: Int, needed: Int)
    /// The checksum of the payload (FNV-1a, 64 bit) does not match the stored one: the bytes are corrupt.
    case checksumMismatch(stored: UInt64, computed: UInt64)
    /// A stored count or index is impossible (`field` names it).
    case invalidValue(field: String, value: UInt64)
    /// A label name is not valid UTF-8.
    case invalidLabelName(index: Int)
    /// Bytes remain after the checksum.
    case trailingBytes(count: Int)

    public var description: String {
        switch self {
        case .badMagic: return "not a serialised SLAM model (bad magic)"
        case let .unsupportedVersion(v): return "SLAM model format version \(v) is not supported"
        case let .truncated(field, offset, needed):
            return "SLAM model bytes end early reading \(field) at byte \(offset) (\(needed) more bytes needed)"
        case let .checksumMismatch(stored, computed):
            return "SLAM model checksum mismatch (stored \(stored), computed \(computed)): corrupt bytes"
        case let .invalidValue(field, value): return "SLAM model field \(field) has impossible value \(value)"
        case let .invalidLabelName(index): return "SLAM model label name \(index) is not valid UTF-8"
        case let .trailingBytes(count): return "SLAM model has \(count) unexpected bytes after its checksum"
        }
    }
}
