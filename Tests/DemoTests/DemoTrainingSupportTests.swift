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
}
