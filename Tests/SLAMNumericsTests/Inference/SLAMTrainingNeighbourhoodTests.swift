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

    /// At a training star's own label the leave-one-out distance is that star's own d_k among the
    /// others (what `threshold` ranks), where `kthDistance` counts the star itself at distance 0.
    @Test func leaveOneOutDistanceSkipsTheNearestTrainingLabel() {
        let test = SLAMTrainingNeighbourhood(labels: Self.line, labelCount: 1, k: 2, quantile: 1, factor: 1)
        #expect(test.kthDistance([0]) == 1)  // distances 0, 1, 2, ...: the star itself counts
        #expect(test.leaveOneOutDistance([0]) == 2)  // star 0's second-nearest other star
        #expect(test.leaveOneOutDistance([2]) == 1)
        #expect(test.leaveOneOutDistance([2.25]) == 1.25)  // near star 2: 0.25, 0.75, 1.25
        let small = SLAMTrainingNeighbourhood(labels: [0, 1, 3], labelCount: 1, k: 2, quantile: 1, factor: 1)
        #expect(small.k == 2 && small.leaveOneOutDistance([0]) == 3)  // k clamped to N - 1: k + 1 = N still fits
    }

    @Test func aSingleTrainingStarTurnsTheTestOff() {
        let test = SLAMTrainingNeighbourhood(labels: [1, 2], labelCount: 2, k: 3, quantile: 0.5, factor: 2)
        #expect(test.k == 0)
        #expect(test.threshold == .infinity)
        #expect(test.kthDistance([100, 100]).isNaN)
    }
}
