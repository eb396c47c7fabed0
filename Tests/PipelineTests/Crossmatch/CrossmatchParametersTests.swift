import Pipeline
import Testing

/// Crossmatch parameters are checked before any SQL runs.
@Suite struct CrossmatchParametersTests {
    @Test func theDefaultsAreValid() throws {
        try CrossmatchParameters().validate()
    }

    @Test func aRadiusThatIsNotPositiveAndFiniteIsRefused() {
        for radius in [0, -1, .nan, .infinity] {
            #expect(throws: CrossmatchError.self) { try CrossmatchParameters(radiusArcsec: radius).validate() }
        }
    }

    @Test func aNegativeAmbiguityOrAnEmptyReleaseIsRefused() {
        #expect(throws: CrossmatchError.self) { try CrossmatchParameters(ambiguityArcsec: -1).validate() }
        #expect(throws: CrossmatchError.self) { try CrossmatchParameters(apogeeRelease: "").validate() }
    }
}
