import Foundation

/// The plot area of an `SVGPlot`: pixel bounds and the data ranges they show.
struct SVGFrame {
    var left: Double, right: Double, top: Double, bottom: Double
    var x: ClosedRange<Double>, y: ClosedRange<Double>
    var xReversed: Bool, yReversed: Bool

    /// Pixel x of data value `v`.
    func px(_ v: Double) -> Double {
        let t = (v - x.lowerBound) / (x.upperBound - x.lowerBound)
        return xReversed ? right - t * (right - left) : left + t * (right - left)
    }

    /// Pixel y of data value `v` (SVG y grows downwards).
    func py(_ v: Double) -> Double {
        let t = (v - y.lowerBound) / (y.upperBound - y.lowerBound)
        return yReversed ? top + t * (bottom - top) : bottom - t * (bottom - top)
    }

    func contains(_ vx: Double, _ vy: Double) -> Bool { x.contains(vx) && y.contains(vy) }
}

extension SVGPlot {
    /// "Nice" tick values (steps of 1, 2 or 5 x 10^k) covering `lo...hi`, about `target` of them;
    /// every tick lies within the range. A degenerate or non-finite range gives no ticks.
    public static func niceTicks(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo, target >= 1 else { return [] }
        let raw = (hi - lo) / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        let norm = raw / magnitude
        let step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude
        var ticks: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9 {
            let t = k * step
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            k += 1
        }
        return ticks
    }

    /// Decimals needed to tell ticks apart (from their spacing).
    static func decimals(_ ticks: [Double]) -> Int {
        guard ticks.count >= 2 else { return 2 }
        return max(0, min(6, Int(-floor(log10(ticks[1] - ticks[0]) + 1e-9))))
    }

    static func tickLabel(_ v: Double, _ digits: Int) -> String {
        let s = String(format: "%.\(digits)f", v)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// Range of `values` from their 0.5th to 99.5th percentiles (so a few outliers do not squash the
    /// plot), padded by 5%; `0...1` when there is no finite value.
    public static func autoRange(_ values: [Double]) -> ClosedRange<Double> {
        let v = values.filter(\.isFinite).sorted()
        guard let first = v.first, let last = v.last else { return 0...1 }
        var lo = first, hi = last
        if v.count >= 200 {
            lo = v[Int(Double(v.count - 1) * 0.005)]
            hi = v[Int((Double(v.count - 1) * 0.995).rounded(.up))]
        }
        if hi <= lo {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            return (lo - pad)...(hi + pad)
        }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// A pixel coordinate or size with one decimal.
    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// `text` safe inside XML/HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Viridis-like colour of `v` along `range` as `#rrggbb` (clamped; non-finite values are grey).
    public static func colour(_ v: Double, in range: ClosedRange<Double>) -> String {
        guard v.isFinite else { return "#999999" }
        let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let span = range.upperBound - range.lowerBound
        let t = span > 0 ? min(1, max(0, (v - range.lowerBound) / span)) : 0.5
        let s = t * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(s)), w = s - Double(i)
        let a = stops[i], b = stops[i + 1]
        func c(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * w).rounded()) }
        return String(format: "#%02x%02x%02x", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
    }

    /// Indices of at most `limit` of `count` items, evenly spaced (deterministic downsampling).
    public static func sampleIndices(count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<max(0, count)) }
        return (0..<limit).map { $0 * count / limit }
    }
}
