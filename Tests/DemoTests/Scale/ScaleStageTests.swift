import Catalogue
import Testing
@testable import Demo

@Suite struct ScaleStageTests {
    typealias Size = ScaleBenchmarkQueries.TableSize

    @Test func growthIsPerTableAndLeavesUnchangedTablesOut() {
        let before = [Size(table: "a", heapBytes: 100, toastBytes: 0, indexBytes: 10), Size(table: "b", heapBytes: 5, toastBytes: 5, indexBytes: 5)]
        let after = [Size(table: "a", heapBytes: 300, toastBytes: 8, indexBytes: 30), Size(table: "b", heapBytes: 5, toastBytes: 5, indexBytes: 5),
                     Size(table: "c", heapBytes: 1, toastBytes: 2, indexBytes: 3)]
        let growth = ScaleStage.growth(before: before, after: after)
        #expect(growth == [Size(table: "a", heapBytes: 200, toastBytes: 8, indexBytes: 20), Size(table: "c", heapBytes: 1, toastBytes: 2, indexBytes: 3)])
        let stage = ScaleStage(name: "s", seconds: 2, units: 10, unitName: "spectra", peaks: .init(processBytes: 1, serverBytes: nil), growth: growth)
        #expect(stage.bytesAdded == 234 && stage.throughput == 5)
    }

    @Test func percentilesInterpolateBetweenRanks() {
        let values = (1...20).map(Double.init)
        #expect(ScaleQueryTiming.percentile(values, 0.5) == 10.5)
        #expect(abs(ScaleQueryTiming.percentile(values, 0.95) - 19.05) < 1e-12)
        #expect(ScaleQueryTiming.percentile([], 0.5) == 0)
        let timing = ScaleQueryTiming(query: .cone1Degree, milliseconds: [3, 1, 2], rows: [7, 5, 9], plan: [])
        #expect(timing.medianMilliseconds == 2 && timing.medianRows == 7)
    }

    @Test func peaksMergeFieldByField() {
        let a = ResourceSampler.Peaks(processBytes: 10, serverBytes: nil), b = ResourceSampler.Peaks(processBytes: 5, serverBytes: 7)
        #expect(a.merged(b) == .init(processBytes: 10, serverBytes: 7))
        #expect(b.merged(.init(processBytes: 6, serverBytes: 9)) == .init(processBytes: 6, serverBytes: 9))
    }
}
