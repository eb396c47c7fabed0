@testable import Demo
import Testing

/// The one definition of "inside the training set's support" of the demo.
@Suite struct DemoTrainingSupportTests {
    @Test func insideMeansEveryTrueLabelWithinTheTrainingRange() {
        let support = DemoTrainingSupport(members: [[4000, 1.0], [5000, 3.5], [4500, 2.0], [1, 2, 3]], labelCount: 2)
        #expect(support.lower == [4000, 1.0] && support.upper == [5000, 3.5])  // a member of the wrong length is ignored
        #expect(support.contains([4000, 3.5]))  // the edges are inside
        #expect(!support.contains([5600, 4.4]))  // a hot dwarf
        #expect(!support.contains([4800, 4.0]))  // a dwarf at giant temperatures
        #expect(!support.contains([4500, .nan]) && !support.contains([4500]))
    }

    /// A giant inside the ranges but far from every member is off the support; one among the members is on it.
    @Test func regionsOnOffAndOutside() {
        // 60 members on a line (a thin giant branch) in Teff-log g, plus one far corner star that stretches the ranges.
        var members = (0..<60).map { i -> [Double] in [4000 + 20 * Double(i), 1.0 + 0.04 * Double(i)] }
        members.append([5200, 1.0])
        let support = DemoTrainingSupport(members: members, labelCount: 2)
        #expect(support.region([4600, 2.2]) == .onSupport)  // on the branch
        #expect(support.region([4300, 3.2]) == .offSupport)  // inside both ranges, far from the branch
        #expect(support.region([4800, 4.4]) == .outsideRanges)  // a dwarf
    }
}
