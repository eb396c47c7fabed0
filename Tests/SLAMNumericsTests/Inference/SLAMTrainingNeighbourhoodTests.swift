@testable import SLAMNumerics
import Testing

/// The k-th-neighbour distance test: distances and its threshold on training labels laid out by hand.
@Suite struct SLAMTrainingNeighbourhoodTests {
    /// Five training stars on a line at 0, 1, 2, 3, 4 (one label).
    static let line: [Double] = [0, 1, 2, 3, 4]

    @Test func nearestNeighbourThresholdIsTheFactorTimesTheSpacing() {
        let test = SLAMTrainingNeighbourhood(labels: Self.line, labelCount: 1, k: 1, quantile: 0.9, factor: 2)
        // Every star's nearest other star is 1 away.
        #expect(test.threshold == 2)
        #expect(test.kthDistance([10]) == 6)
        #expect(test.kthDistance([2.25]) == 0.25)
    }

    @Test func quantileChoosesAmongTheLeaveOneOutDistances() {
        // Second-nearest distances of the stars: 2, 1, 1, 1, 2 -> sorted 1, 1, 1, 2, 2.
        let median = SLAMTrainingNeighbourhood(labels: Self.line, labelCount: 1, k: 2, quantile: 0.5, factor: 1)
        let top = SLAMTrainingNeighbourhood(labels: Self.line, labelCount: 1, k: 2, quantile: 1, factor: 1)
        let beyond = SLAMTrainingNeighbourhood(labels: Self.line, labelCount: 1, k: 2, quantile: 7, factor: 1)
        #expect(median.threshold == 1)
        #expect(top.threshold == 2)
        #expect(beyond.threshold == 2)  // quantile clamped to [0, 1]
        #expect(median.kthDistance([-1]) == 2)
    }

    @Test func distanceIsEuclideanInAllLabels() {
        // Stars at (0, 0), (3, 4), (6, 8): from (0, 0) the nearest is at 0, the second at 5.
        let test = SLAMTrainingNeighbourhood(labels: [0, 0, 3, 4, 6, 8], labelCount: 2, k: 2, quantile: 0, factor: 1)
        #expect(test.kthDistance([0, 0]) == 5)
        #expect(test.threshold == 5)  // smallest leave-one-out second distance (the middle star: 5)
    }

    @Test func kIsClampedBelowTheTrainingCount() {
        let test = SLAMTrainingNeighbourhood(labels: [0, 1, 3], labelCount: 1, k: 10, quantile: 1, factor: 1)
        #expect(test.k == 2)
        #expect(test.threshold == 3)  // star 0's farther neighbour is 3 away
        #expect(test.kthDistance([1]) == 1)  // distances 1, 0, 2
    }

    @Test func aSingleTrainingStarTurnsTheTestOff() {
        let test = SLAMTrainingNeighbourhood(labels: [1, 2], labelCount: 2, k: 3, quantile: 0.5, factor: 2)
        #expect(test.k == 0)
        #expect(test.threshold == .infinity)
        #expect(test.kthDistance([100, 100]).isNaN)
    }
}
