import Foundation

/// A small, self-contained SVG plot: a frame with ticks and axis labels, scatter points (optionally
/// coloured along a colour scale, with a colour bar), density cells, lines, a one-to-one line and horizontal guides.
/// Pure string building: the same plot always renders to the same bytes; text is XML-escaped; no ids,
/// scripts or external references, so many plots can sit inline in one HTML page.
public struct SVGPlot: Sendable {
    /// One axis: its label and its range in data units (nil: from the data).
    public struct Axis: Sendable {
        /// Axis title, with units.
        public var label: String
        /// Shown range in data units; nil: `SVGPlot.autoRange` of the marks' values.
        public var range: ClosedRange<Double>?
        /// Values grow leftwards (x) or downwards (y), as Teff and log g in a Kiel diagram.
        public var reversed: Bool
        /// An axis titled `label`.
        public init(_ label: String, range: ClosedRange<Double>? = nil, reversed: Bool = false) {
            self.label = label
            self.range = range
            self.reversed = reversed
        }
    }

    /// A colour scale for scatter points: its label and value range (values outside are clamped).
    public struct ColourScale: Sendable {
        /// Title of the colour bar, with units.
        public var label: String
        /// Values mapped from dark purple (lower bound) to yellow (upper bound).
        public var range: ClosedRange<Double>
        /// A scale titled `label` over `range`.
        public init(_ label: String, range: ClosedRange<Double>) {
            self.label = label
            self.range = range
        }
    }

    /// Something drawn in the plot area, in data units.
    public enum Mark: Sendable {
        /// Filled circles of radius `radius` px; `values` (same count as x) are coloured along the plot's
        /// colour scale, otherwise every point gets `colour` (a CSS colour).
        case points(x: [Double], y: [Double], values: [Double]?, colour: String, radius: Double)
        /// Open circles (rings), e.g. to mark a subset on top of filled points.
        case rings(x: [Double], y: [Double], colour: String, radius: Double)
        /// A polyline; non-finite values break it.
        case line(x: [Double], y: [Double], colour: String, width: Double)
        /// Filled rectangles of `width` x `height` data units centred on (x, y), coloured by `values` along
        /// the plot's colour scale (grey without one): a binned density map.
        case cells(x: [Double], y: [Double], width: Double, height: Double, values: [Double])
        /// The line y = x across the plot area, dashed.
        case oneToOne
        /// A horizontal line at `y`, dashed.
        case horizontal(y: Double, colour: String)
    }

    /// Title above the plot.
    public var title: String
    /// Horizontal axis.
    public var x: Axis
    /// Vertical axis.
    public var y: Axis
    /// What is drawn, in order (later marks on top).
    public var marks: [Mark]
    /// Colour scale of `.points` marks with values; nil: no colour bar.
    public var colourScale: ColourScale?
    /// Overall size in px.
    public var width: Double
    public var height: Double

    /// A plot of `width` x `height` px; nothing is computed until `render()`.
    public init(title: String, x: Axis, y: Axis, marks: [Mark], colourScale: ColourScale? = nil,
                width: Double = 420, height: Double = 320) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.colourScale = colourScale
        self.width = width
        self.height = height
    }

    static let marginLeft = 62.0, marginRight = 14.0, marginTop = 26.0, marginBottom = 42.0, colourBarWidth = 64.0

    /// The plot as an `<svg>` element (no XML prolog), ready to inline in HTML.
    public func render() -> String {
        let xRange = x.range ?? Self.autoRange(marks.flatMap { $0.xValues })
        let yRange = y.range ?? Self.autoRange(marks.flatMap { $0.yValues })
        let right = width - Self.marginRight - (colourScale == nil ? 0 : Self.colourBarWidth)
        let frame = SVGFrame(left: Self.marginLeft, right: right, top: Self.marginTop, bottom: height - Self.marginBottom,
                             x: xRange, y: yRange, xReversed: x.reversed, yReversed: y.reversed)
        var out = "<svg width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" "
            + "viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" fill=\"white\"/>\n"
        out += "<text x=\"\(Self.f(width / 2))\" y=\"17\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        out += axes(frame)
        var outside = 0
        for mark in marks { out += render(mark, frame, outside: &outside) }
        out += "<rect x=\"\(Self.f(frame.left))\" y=\"\(Self.f(frame.top))\" width=\"\(Self.f(frame.right - frame.left))\" "
            + "height=\"\(Self.f(frame.bottom - frame.top))\" fill=\"none\" stroke=\"black\"/>\n"
        if outside > 0 {
            out += "<text x=\"\(Self.f(frame.right - 4))\" y=\"\(Self.f(frame.top + 12))\" text-anchor=\"end\" fill=\"#666\">"
                + "\(outside) outside</text>\n"
        }
        if let scale = colourScale { out += colourBar(scale, frame) }
        return out + "</svg>"
    }

    /// Ticks, tick labels, grid lines and axis labels.
    func axes(_ frame: SVGFrame) -> String {
        var out = "<g stroke=\"#e4e4e4\">\n"
        let xTicks = Self.niceTicks(frame.x.lowerBound, frame.x.upperBound)
        let yTicks = Self.niceTicks(frame.y.lowerBound, frame.y.upperBound)
        for t in xTicks { out += "<line x1=\"\(Self.f(frame.px(t)))\" y1=\"\(Self.f(frame.top))\" x2=\"\(Self.f(frame.px(t)))\" y2=\"\(Self.f(frame.bottom))\"/>\n" }
        for t in yTicks { out += "<line x1=\"\(Self.f(frame.left))\" y1=\"\(Self.f(frame.py(t)))\" x2=\"\(Self.f(frame.right))\" y2=\"\(Self.f(frame.py(t)))\"/>\n" }
        out += "</g>\n<g>\n"
        let xDigits = Self.decimals(xTicks), yDigits = Self.decimals(yTicks)
        for t in xTicks {
            out += "<line x1=\"\(Self.f(frame.px(t)))\" y1=\"\(Self.f(frame.bottom))\" x2=\"\(Self.f(frame.px(t)))\" y2=\"\(Self.f(frame.bottom + 4))\" stroke=\"black\"/>"
                + "<text x=\"\(Self.f(frame.px(t)))\" y=\"\(Self.f(frame.bottom + 15))\" text-anchor=\"middle\">\(Self.tickLabel(t, xDigits))</text>\n"
        }
        for t in yTicks {
            out += "<line x1=\"\(Self.f(frame.left - 4))\" y1=\"\(Self.f(frame.py(t)))\" x2=\"\(Self.f(frame.left))\" y2=\"\(Self.f(frame.py(t)))\" stroke=\"black\"/>"
                + "<text x=\"\(Self.f(frame.left - 6))\" y=\"\(Self.f(frame.py(t) + 4))\" text-anchor=\"end\">\(Self.tickLabel(t, yDigits))</text>\n"
        }
        let midY = (frame.top + frame.bottom) / 2
        out += "<text x=\"\(Self.f((frame.left + frame.right) / 2))\" y=\"\(Self.f(height - 8))\" text-anchor=\"middle\" font-size=\"12\">\(Self.escape(x.label))</text>\n"
        out += "<text x=\"14\" y=\"\(Self.f(midY))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(Self.f(midY)))\">\(Self.escape(y.label))</text>\n"
        return out + "</g>\n"
    }
}

extension SVGPlot.Mark {
    var xValues: [Double] {
        switch self {
        case .points(let x, _, _, _, _), .rings(let x, _, _, _), .line(let x, _, _, _), .cells(let x, _, _, _, _): x
        case .oneToOne, .horizontal: []
        }
    }

    var yValues: [Double] {
        switch self {
        case .points(_, let y, _, _, _), .rings(_, let y, _, _), .line(_, let y, _, _), .cells(_, let y, _, _, _): y
        case .horizontal(let y, _): [y]
        case .oneToOne: []
        }
    }
}
