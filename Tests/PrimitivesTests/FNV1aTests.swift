import Primitives
import Testing

/// Known answers from the FNV reference test vectors (Landon Curt Noll's `test_fnv.c`, FNV-1a 64).
@Suite struct FNV1aTests {
    @Test func knownAnswers() {
        #expect(FNV1a.hash64([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash64("foobar".utf8) == 0x8594_4171_f739_67e8)
    }
}
