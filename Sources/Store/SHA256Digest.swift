import Crypto

/// SHA-256 (FIPS 180-4) for migration, file and model checksums, by swift-crypto (BoringSSL's
/// implementation, hardware-accelerated where the processor offers it).
public enum SHA256Digest {
    /// The lowercase hex digest of `bytes`.
    /// Contiguous bytes (`[UInt8]`, `Data`) are hashed in place, without a copy.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ SHA256.hash(data: UnsafeRawBufferPointer($0)) }) {
            return hex(digest)
        }
        return hex(SHA256.hash(data: Array(bytes)))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
