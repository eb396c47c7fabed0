import Testing
@testable import Formats

@Suite struct VOTableShapeTests {
    @Test func arraysizesParse() throws {
        #expect(VOTableShape(arraysize: nil) == .scalar)
        #expect(VOTableShape(arraysize: "*") == .variable(maximum: nil))
        #expect(VOTableShape(arraysize: "8") == .fixed(8))
        #expect(VOTableShape(arraysize: "8*") == .variable(maximum: 8))
        #expect(VOTableShape(arraysize: "2x3") == .fixed(6))
        #expect(VOTableShape(arraysize: "2x*") == .variable(maximum: nil))
        #expect(VOTableShape(arraysize: "2x3*") == .variable(maximum: 6))
    }

    @Test func malformedArraysizesAreNil() throws {
        for text in ["", "0", "-1", "x", "*x2", "2xx3", "a", "2*x3", "99999999999x99999999999"] {
            #expect(VOTableShape(arraysize: text) == nil, "\(text)")
        }
    }
}
