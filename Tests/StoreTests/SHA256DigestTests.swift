import Foundation
import Store
import Testing

/// Known answers from FIPS 180-4's examples (NIST CSRC "SHA256.pdf") and the empty message.
@Suite struct SHA256DigestTests {
    @Test func knownAnswers() {
        #expect(SHA256Digest.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func contiguousAndNonContiguousBytesAgree() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(SHA256Digest.hex(Data(bytes)) == SHA256Digest.hex(bytes))
        #expect(SHA256Digest.hex(bytes.lazy.map { $0 }) == SHA256Digest.hex(bytes))
    }
}
