import Foundation
import Testing
@testable import Simulator

@Suite struct MockSurveyTests {
    static let survey: MockSurvey? = try? MockSurvey(configuration: MockSurveyConfiguration(
        stars: 400, seed: 11, repeatFraction: 0.2, neighbourFraction: 0.3, duplicateApogeeFraction: 0.1))

    @Test func planIsDeterministic() throws {
        let a = try #require(Self.survey)
        let b = try MockSurvey(configuration: a.configuration)
        #expect(a.stars == b.stars && a.observations == b.observations && a.apogeeRows == b.apogeeRows)
    }

    @Test func observationsHaveUniqueObsidsAndFileNames() throws {
        let s = try #require(Self.survey)
        #expect(Set(s.observations.map(\.obsid)).count == s.observations.count)
        #expect(Set(s.observations.map(\.fileName)).count == s.observations.count)
        #expect(s.observations.allSatisfy { (1...16).contains($0.spid) && (1...250).contains($0.fiberid) })
        #expect(s.observations.allSatisfy { $0.fileName.hasPrefix("spec-\($0.lmjd)-\($0.planid)_sp") })
    }

    /// A later release starts its obsids where it is told (`slam-bench scale-append`), consecutively.
    @Test func obsidsStartAtTheConfiguredFirstObsid() throws {
        let s = try #require(Self.survey)
        #expect(s.observations.map(\.obsid) == (0..<Int64(s.observations.count)).map { 100_001 + $0 })
        var configuration = MockSurveyConfiguration(stars: 20, seed: 12, firstObsid: 5_000_000)
        configuration.repeatFraction = 0.3
        let later = try MockSurvey(configuration: configuration)
        #expect(later.observations.map(\.obsid) == (0..<Int64(later.observations.count)).map { 5_000_000 + $0 })
        configuration.firstObsid = 0
        #expect(throws: SimulatorError.self) { try MockSurvey(configuration: configuration) }
    }

    @Test func repeatsObserveTheSameStarOnAnotherNight() throws {
        let s = try #require(Self.survey)
        let repeats = s.observations.filter { $0.visit == 1 }
        #expect(repeats.count > 40)
        for r in repeats {
            let first = try #require(s.observations.first { $0.visit == 0 && $0.starIndex == r.starIndex })
            #expect(first.lmjd != r.lmjd && first.obsid != r.obsid && first.planid == r.planid)
        }
    }

    @Test func apogeeCounterpartsAreMostlyGiantsCloseToTheirStars() throws {
        let s = try #require(Self.survey)
        let counterparts = s.apogeeRows.filter { $0.kind == .counterpart }
        let giants = counterparts.filter { $0.truth.isGiant }
        #expect(Double(giants.count) > 0.8 * Double(counterparts.count))
        for row in counterparts {
            let star = s.stars[try #require(row.starIndex)]
            let separation = Self.arcsec(star.ra, star.dec, row.star.ra, row.star.dec)
            #expect(separation < 1.2)
            #expect(star.apogeeID == row.star.apogeeID)
            if let teff = row.star.teff { #expect(abs(teff - star.labels.teff) < 200) }
        }
        #expect(counterparts.allSatisfy { $0.star.apogeeID.count == 18 && $0.star.apogeeID.hasPrefix("2M") })
    }

    @Test func crossmatchTrapsArePresent() throws {
        let s = try #require(Self.survey)
        let neighbours = s.apogeeRows.filter { $0.kind == .neighbour }
        #expect(!neighbours.isEmpty)
        for n in neighbours {
            let nearest = s.stars.map { Self.arcsec($0.ra, $0.dec, n.star.ra, n.star.dec) }.min() ?? 99
            #expect(nearest >= 1.9 && nearest <= 6.1)
        }
        #expect(s.apogeeRows.contains { $0.kind == .apogeeOnly })
        #expect(s.apogeeRows.contains { $0.kind == .duplicate && $0.star.extraTarg == 16 })
        #expect(s.apogeeRows.contains { $0.star.isStarBad && $0.star.teff == nil })
    }

    @Test func invalidConfigurationIsRejected() {
        #expect(throws: SimulatorError.self) { try MockSurvey(configuration: MockSurveyConfiguration(stars: 0)) }
        #expect(throws: SimulatorError.self) {
            try MockSurvey(configuration: MockSurveyConfiguration(stars: 5, snrRange: 0.5...10))
        }
        #expect(throws: SimulatorError.self) {
            try MockSurvey(configuration: MockSurveyConfiguration(stars: 5, apogeeFraction: 1.5))
        }
    }

    @Test func designationsFollowTheLamostPattern() {
        #expect(MockSurvey.designation(ra: 332.67024, dec: -0.583389) == "LAMOST J221040.85-003500.2")
        #expect(MockSurvey.designation(ra: 99.316263, dec: 27.23237) == "LAMOST J063715.90+271356.5")
    }

    @Test func dateObsMatchesTheLocalNight() {
        var rng = MockRandom(seed: 1)
        // LMJD 55859 is the night of 2011-10-24 UTC (real file spec-55859-F5902_sp08-171).
        #expect(MockPlate.dateObs(lmjd: 55859, using: &rng).hasPrefix("2011-10-24T"))
    }

    static func arcsec(_ ra1: Double, _ dec1: Double, _ ra2: Double, _ dec2: Double) -> Double {
        let d = Double.pi / 180
        let c = sin(dec1 * d) * sin(dec2 * d) + cos(dec1 * d) * cos(dec2 * d) * cos((ra1 - ra2) * d)
        return acos(min(1, max(-1, c))) / d * 3600
    }
}
