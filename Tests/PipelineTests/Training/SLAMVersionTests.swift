import Pipeline
import Testing

/// The code version stored with every model (`model.code_version`) names the system and a semantic version.
@Suite struct SLAMVersionTests {
    @Test func theVersionIsSlamFollowedByMajorMinorPatch() {
        #expect(SLAMVersion.current.wholeMatch(of: /slam \d+\.\d+\.\d+/) != nil, "\(SLAMVersion.current)")
    }
}
