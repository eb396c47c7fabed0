import Formats
import Testing
@testable import Simulator

/// What each planned allStar row is: the kind names written to `truth_apogee.csv` and which rows point
/// at a LAMOST star.
@Suite struct MockApogeeRowTests {
    static let survey: MockSurvey? = try? MockSurvey(configuration: MockSurveyConfiguration(
        stars: 150, seed: 5, neighbourFraction: 0.3, duplicateApogeeFraction: 0.2))

    @Test func kindNamesAreTheTruthFileSpelling() {
        let kinds: [MockApogeeRow.Kind] = [.counterpart, .duplicate, .neighbour, .apogeeOnly]
        #expect(kinds.map(\.rawValue) == ["counterpart", "duplicate", "neighbour", "apogee_only"])
        #expect(MockApogeeRow.Kind(rawValue: "apogee_only") == .apogeeOnly && MockApogeeRow.Kind(rawValue: "apogeeOnly") == nil)
    }

    @Test func onlyCounterpartsAndDuplicatesPointAtAStarWithTheirApogeeID() throws {
        let s = try #require(Self.survey)
        #expect(Set(s.apogeeRows.map(\.kind)) == [.counterpart, .duplicate, .neighbour, .apogeeOnly])
        for row in s.apogeeRows {
            switch row.kind {
            case .counterpart, .duplicate:
                let index = try #require(row.starIndex)
                #expect(s.stars[index].apogeeID == row.star.apogeeID)
            case .neighbour, .apogeeOnly:
                #expect(row.starIndex == nil)
            }
        }
        let kinds = s.apogeeTruthTable().strings("kind")
        #expect(kinds == s.apogeeRows.map { Optional($0.kind.rawValue) })
    }
}
