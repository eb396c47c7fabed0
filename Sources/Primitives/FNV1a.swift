/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): fast, stable across processes and platforms, not
/// cryptographic. Used for the model blob's integrity checksum and for stable synthetic identifiers.
public enum FNV1a {
    /// The offset basis.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The 64-bit FNV prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `bytes`.
    public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = offsetBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }
}
