import Foundation

extension SVGPlot {
    /// One mark as SVG elements; points outside the frame are skipped and counted in `outside`.
    func render(_ mark: Mark, _ frame: SVGFrame, outside: inout Int) -> String {
        switch mark {
        case .points(let xs, let ys, let values, let colour, let radius):
            var out = "<g fill-opacity=\"0.75\" stroke=\"none\" fill=\"\(Self.escape(colour))\">\n"
            for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite {
                guard frame.contains(xs[i], ys[i]) else { outside += 1; continue }
                var fill = ""
                if let values, i < values.count, let scale = colourScale {
                    fill = " fill=\"\(Self.colour(values[i], in: scale.range))\""
                }
                out += "<circle cx=\"\(Self.f(frame.px(xs[i])))\" cy=\"\(Self.f(frame.py(ys[i])))\" r=\"\(Self.f(radius))\"\(fill)/>\n"
            }
            return out + "</g>\n"
        case .rings(let xs, let ys, let colour, let radius):
            var out = "<g fill=\"none\" stroke=\"\(Self.escape(colour))\" stroke-width=\"1.2\">\n"
            for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite && frame.contains(xs[i], ys[i]) {
                out += "<circle cx=\"\(Self.f(frame.px(xs[i])))\" cy=\"\(Self.f(frame.py(ys[i])))\" r=\"\(Self.f(radius))\"/>\n"
            }
            return out + "</g>\n"
        case .line(let xs, let ys, let colour, let width):
            var out = "", run: [String] = []
            func flush() {
                if run.count > 1 {
                    out += "<polyline fill=\"none\" stroke=\"\(Self.escape(colour))\" stroke-width=\"\(Self.f(width))\" points=\"\(run.joined(separator: " "))\"/>\n"
                }
                run = []
            }
            for i in 0..<min(xs.count, ys.count) {
                if xs[i].isFinite, ys[i].isFinite, frame.contains(xs[i], ys[i]) {
                    run.append(Self.f(frame.px(xs[i])) + "," + Self.f(frame.py(ys[i])))
                } else { flush() }
            }
            flush()
            return out
        case .cells(let xs, let ys, let width, let height, let values):
            var out = "<g stroke=\"none\">\n"
            for i in 0..<min(xs.count, ys.count, values.count) where xs[i].isFinite && ys[i].isFinite {
                guard frame.contains(xs[i], ys[i]) else { outside += 1; continue }
                let x0 = frame.px(xs[i] - width / 2), x1 = frame.px(xs[i] + width / 2)
                let y0 = frame.py(ys[i] - height / 2), y1 = frame.py(ys[i] + height / 2)
                let fill = colourScale.map { Self.colour(values[i], in: $0.range) } ?? "#777777"
                out += "<rect x=\"\(Self.f(min(x0, x1)))\" y=\"\(Self.f(min(y0, y1)))\" width=\"\(Self.f(abs(x1 - x0) + 0.4))\" "
                    + "height=\"\(Self.f(abs(y1 - y0) + 0.4))\" fill=\"\(fill)\"/>\n"
            }
            return out + "</g>\n"
        case .oneToOne:
            let lo = max(frame.x.lowerBound, frame.y.lowerBound), hi = min(frame.x.upperBound, frame.y.upperBound)
            guard lo < hi else { return "" }
            return "<line x1=\"\(Self.f(frame.px(lo)))\" y1=\"\(Self.f(frame.py(lo)))\" x2=\"\(Self.f(frame.px(hi)))\" y2=\"\(Self.f(frame.py(hi)))\" "
                + "stroke=\"#c0392b\" stroke-width=\"1.2\" stroke-dasharray=\"5,3\"/>\n"
        case .horizontal(let y, let colour):
            guard y.isFinite, frame.y.contains(y) else { return "" }
            return "<line x1=\"\(Self.f(frame.left))\" y1=\"\(Self.f(frame.py(y)))\" x2=\"\(Self.f(frame.right))\" y2=\"\(Self.f(frame.py(y)))\" "
                + "stroke=\"\(Self.escape(colour))\" stroke-width=\"1.2\" stroke-dasharray=\"5,3\"/>\n"
        }
    }

    /// A vertical colour bar right of the frame, made of stacked rectangles (no gradient ids needed).
    func colourBar(_ scale: ColourScale, _ frame: SVGFrame) -> String {
        let x = frame.right + 14, w = 12.0, steps = 40
        let h = (frame.bottom - frame.top) / Double(steps)
        var out = "<g stroke=\"none\">\n"
        for s in 0..<steps {
            let v = scale.range.lowerBound + (Double(s) + 0.5) / Double(steps) * (scale.range.upperBound - scale.range.lowerBound)
            out += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(frame.bottom - Double(s + 1) * h))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h + 0.3))\" fill=\"\(Self.colour(v, in: scale.range))\"/>\n"
        }
        out += "</g>\n<rect x=\"\(Self.f(x))\" y=\"\(Self.f(frame.top))\" width=\"\(Self.f(w))\" height=\"\(Self.f(frame.bottom - frame.top))\" fill=\"none\" stroke=\"black\"/>\n"
        let ticks = Self.niceTicks(scale.range.lowerBound, scale.range.upperBound, target: 4)
        let digits = Self.decimals(ticks)
        let span = scale.range.upperBound - scale.range.lowerBound
        for t in ticks {
            let py = frame.bottom - (t - scale.range.lowerBound) / span * (frame.bottom - frame.top)
            out += "<text x=\"\(Self.f(x + w + 3))\" y=\"\(Self.f(py + 4))\">\(Self.tickLabel(t, digits))</text>\n"
        }
        let cx = x + w + 38, cy = (frame.top + frame.bottom) / 2
        out += "<text x=\"\(Self.f(cx))\" y=\"\(Self.f(cy))\" text-anchor=\"middle\" transform=\"rotate(-90 \(Self.f(cx)) \(Self.f(cy)))\">\(Self.escape(scale.label))</text>\n"
        return out
    }
}
