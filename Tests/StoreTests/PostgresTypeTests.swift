import Store
import Testing

/// Which types are sent as plain UTF-8, which arrays map to which element type, and how a type prints.
@Suite struct PostgresTypeTests {
    @Test func stringLikeTypesAreTextLikeAndOthersAreNot() {
        for type in [PostgresType.text, .varchar, .bpchar, .name, .unknown, .char] { #expect(type.isTextLike, "\(type)") }
        for type in [PostgresType.json, .jsonb, .bytea, .int4, .uuid, .textArray, .unspecified] { #expect(!type.isTextLike, "\(type)") }
    }

    @Test func supportedArraysKnowTheirElementTypeByOid() {
        // Array OIDs from pg_type.typarray of each element type (PostgreSQL 15 catalogue).
        let pairs: [(UInt32, PostgresType)] = [(1000, .bool), (1005, .int2), (1007, .int4), (1016, .int8),
                                               (1009, .text), (1015, .varchar), (1021, .float4), (1022, .float8)]
        for (arrayOid, element) in pairs {
            #expect(PostgresType(oid: arrayOid).arrayElement == element, "oid \(arrayOid)")
        }
    }

    @Test func scalarsAndUnsupportedArraysHaveNoElementType() {
        #expect(PostgresType.int4.arrayElement == nil)
        #expect(PostgresType.jsonb.arrayElement == nil)
        #expect(PostgresType(oid: 3807).arrayElement == nil)  // jsonb[]: not supported
    }

    @Test func aTypePrintsAsItsOidAndEqualsByOid() {
        #expect(PostgresType(oid: 3802).description == "oid 3802")
        #expect(PostgresType(oid: 3802) == .jsonb)
        #expect(PostgresType.unspecified.oid == 0)
    }
}
