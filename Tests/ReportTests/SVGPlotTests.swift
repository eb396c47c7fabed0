import Foundation
@testable import Report
import Testing

/// The SVG plotting layer of the demo report: ticks, escaping, determinism, marks. No server.
@Suite("SVGPlot")
struct SVGPlotTests {
    @Test func niceTicksUseStepsOfOneTwoOrFiveInsideTheRange() {
        #expect(SVGPlot.niceTicks(0, 10) == [0, 2, 4, 6, 8, 10])
        #expect(SVGPlot.niceTicks(3870, 5230) == [4000, 4200, 4400, 4600, 4800, 5000, 5200])
        let small = SVGPlot.niceTicks(-0.13, 0.11)
        let expected = [-0.1, -0.05, 0, 0.05, 0.1]
        #expect(small.count == expected.count)
        #expect(zip(small, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(small.contains(0))
    }

    @Test func niceTicksOfDegenerateRangesAreEmpty() {
        #expect(SVGPlot.niceTicks(1, 1).isEmpty)
        #expect(SVGPlot.niceTicks(2, 1).isEmpty)
        #expect(SVGPlot.niceTicks(.nan, 1).isEmpty)
        #expect(SVGPlot.niceTicks(0, .infinity).isEmpty)
    }

    @Test func tickLabelsShowTheDecimalsTheStepNeeds() {
        let svg = SVGPlot(title: "t", x: .init("x", range: 0...1), y: .init("y", range: 4000...5000), marks: []).render()
        #expect(svg.contains(">0.2</text>"))
        #expect(svg.contains(">4200</text>"))
        #expect(!svg.contains(">4200.0</text>"))
    }

    @Test func textIsEscaped() {
        #expect(SVGPlot.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        let svg = SVGPlot(title: "<script>alert(1)</script>", x: .init("[M/H] & co"), y: .init("y"), marks: []).render()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("[M/H] &amp; co"))
    }

    @Test func renderingIsDeterministic() {
        func plot() -> SVGPlot {
            SVGPlot(title: "one-to-one", x: .init("a"), y: .init("b"),
                    marks: [.oneToOne, .points(x: [1, 2, 3], y: [1.1, 2.2, 2.9], values: [10, 50, 90], colour: "#333", radius: 2)],
                    colourScale: .init("S/N", range: 0...100))
        }
        #expect(plot().render() == plot().render())
    }

    @Test func everyFinitePointInsideTheRangeIsDrawnAndTheRestCounted() {
        let svg = SVGPlot(title: "t", x: .init("x", range: 0...10), y: .init("y", range: 0...10),
                          marks: [.points(x: [1, 2, 3, 20, .nan], y: [1, 2, 3, 5, 5], values: nil, colour: "red", radius: 2)]).render()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains("1 outside"))
    }

    @Test func pointsAreColouredAlongTheScaleWithAColourBar() {
        let svg = SVGPlot(title: "t", x: .init("x", range: 0...10), y: .init("y", range: 0...10),
                          marks: [.points(x: [1, 9], y: [1, 9], values: [0, 100], colour: "red", radius: 2)],
                          colourScale: .init("S/N_g", range: 0...100)).render()
        #expect(svg.contains("fill=\"#440154\""))
        #expect(svg.contains("fill=\"#fde725\""))
        #expect(svg.contains(">S/N_g</text>"))
    }

    @Test func reversedAxesPutTheLowEndOnTheRightAndBottom() {
        let frame = SVGFrame(left: 0, right: 100, top: 0, bottom: 100, x: 0...10, y: 0...10, xReversed: true, yReversed: true)
        #expect(frame.px(0) == 100)
        #expect(frame.py(0) == 0)
        let normal = SVGFrame(left: 0, right: 100, top: 0, bottom: 100, x: 0...10, y: 0...10, xReversed: false, yReversed: false)
        #expect(normal.px(0) == 0)
        #expect(normal.py(0) == 100)
    }

    @Test func linesBreakAtMissingValues() {
        let svg = SVGPlot(title: "t", x: .init("x", range: 0...10), y: .init("y", range: 0...10),
                          marks: [.line(x: [1, 2, 3, 4, 5, 6], y: [1, 2, .nan, 4, 5, 6], colour: "black", width: 1)]).render()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test func downsamplingKeepsAtMostTheLimitEvenlySpaced() {
        #expect(SVGPlot.sampleIndices(count: 10, limit: 20) == Array(0..<10))
        let kept = SVGPlot.sampleIndices(count: 10_000, limit: 3000)
        #expect(kept.count == 3000)
        #expect(kept == kept.sorted())
        #expect(Set(kept).count == 3000)
    }

    @Test func autoRangeIgnoresNonFiniteValuesAndPadsFlatData() {
        #expect(SVGPlot.autoRange([]) == 0...1)
        let flat = SVGPlot.autoRange([2, 2, .nan])
        #expect(flat.lowerBound < 2 && flat.upperBound > 2)
        let r = SVGPlot.autoRange([0, 10])
        #expect(r.lowerBound == -0.5 && r.upperBound == 10.5)
    }

    @Test func svgHasNoScriptsOrExternalReferences() {
        let svg = SVGPlot(title: "t", x: .init("x"), y: .init("y"), marks: [.points(x: [1], y: [1], values: nil, colour: "red", radius: 2)]).render()
        #expect(!svg.contains("http"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains(" id=\""))
    }
}
