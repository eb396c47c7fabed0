import Formats
import Testing
@testable import Simulator

/// Identifiers of mock stars and the names and dates of planned observations.
@Suite struct MockStarTests {
    static func observation(lmjd: Int = 55859, planid: String = "F5902", spid: Int = 8, fiberid: Int = 7) -> MockObservation {
        MockObservation(index: 0, starIndex: 3, visit: 0, obsid: 108_171, lmjd: lmjd, dateObs: "2011-10-24T14:05:09",
                        planid: planid, spid: spid, fiberid: fiberid, targetSNR: 40, heliocentricCorrection: -12.5)
    }

    @Test func idsAreZeroPaddedToSixDigitsThenGrow() {
        #expect(MockStar.id(0) == "mock-000000")
        #expect(MockStar.id(42) == "mock-000042")
        #expect(MockStar.id(999_999) == "mock-999999")
        #expect(MockStar.id(1_234_567) == "mock-1234567")
        let star = MockStar(index: 42, labels: .sun, component: .thinDisc, ra: 10, dec: 20, radialVelocity: 0, ebv: 0)
        #expect(star.id == "mock-000042")
    }

    @Test func fileNamesFollowTheLamostPatternAndParseBack() throws {
        #expect(Self.observation().fileName == "spec-55859-F5902_sp08-007.fits.gz")
        let last = Self.observation(lmjd: 56000, planid: "GAC_090N33_V1", spid: 16, fiberid: 250)
        #expect(last.fileName == "spec-56000-GAC_090N33_V1_sp16-250.fits.gz")
        #expect(LamostFileIdentity(fileName: last.fileName)
            == LamostFileIdentity(lmjd: 56000, planid: "GAC_090N33_V1", spid: 16, fiberid: 250))
    }

    @Test func obsdateIsTheDateOfDateObs() {
        #expect(Self.observation().obsdate == "2011-10-24")
    }
}
