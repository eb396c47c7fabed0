/// ADQL geometry onto q3c. POINT(ra, dec) is a pair of expressions, never a value; regions exist only
/// as arguments of CONTAINS / INTERSECTS. All coordinates are ICRS degrees.
///
/// - `CONTAINS(POINT(a,b), CIRCLE(c,d,r)) = 1` (or `1 = ...`; INTERSECTS either way round) becomes
///   `q3c_join(c, d, a, b, r)`: the indexable form puts the columns last. When the point is constant and
///   the centre is not, the pairs swap. When both are columns (a crossmatch) the circle's centre comes
///   first and the POINT's columns last, so the table whose rows are searched for (the POINT's) uses its
///   index. `= 0` is the NOT of it.
/// - `CONTAINS(POINT, POLYGON(...)) = 1` becomes `q3c_poly_query(a, b, ARRAY[ra1, dec1, ...])`.
/// - `BOX(c, d, w, h)` is the polygon with corners `(c ∓ w/2/cos(d), d ∓ h/2)`: width measured along the
///   parallel through the centre, height along the meridian, edges great circles as q3c joins them.
/// - `INTERSECTS(CIRCLE, CIRCLE) = 1`: the centres closer than the sum of the radii (q3c_join).
/// - `DISTANCE(p, q)` is `q3c_dist(...)`; `DISTANCE(p, q) < r` (or `<=`, or `r > DISTANCE`) is
///   `q3c_join(...)` with any constant point first, so the index serves it.
/// - CONTAINS / INTERSECTS used as a value is `CASE WHEN ... THEN 1 ELSE 0 END`.
/// - COORD1 / COORD2 of POINT(a, b) are a and b.
/// - AREA, CENTROID, REGION, COORDSYS, POINT columns, geometry in the select list and region pairs q3c
///   cannot test (a circle in a polygon, ...) are refused, naming the construct and its position.
enum ADQLShape {
    case point(ADQLTranslated, ADQLTranslated)
    case circle(ADQLTranslated, ADQLTranslated, radius: ADQLTranslated)
    case polygon([(ADQLTranslated, ADQLTranslated)])

    var name: String {
        switch self {
        case .point: return "POINT"
        case .circle: return "CIRCLE"
        case .polygon: return "POLYGON"
        }
    }
}

extension ADQLTranslationState {
    /// The shape a geometry expression builds.
    mutating func shape(_ expression: ADQLExpression, scopes: [ADQLScope],
                        ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> ADQLShape {
        guard case let .function(name, allArguments, _, _) = expression.kind,
              ["POINT", "CIRCLE", "BOX", "POLYGON"].contains(name) else {
            if case .column = expression.kind {
                throw ADQLError("a geometry column cannot be used here (q3c needs the ra and dec columns: write POINT(ra, dec))",
                                at: expression.position)
            }
            throw ADQLError("expected POINT, CIRCLE, BOX or POLYGON here", at: expression.position)
        }
        var arguments = allArguments
        if let first = arguments.first, case let .string(system) = first.kind {
            let trimmed = system.trimmingSpaces.uppercased()
            guard trimmed.isEmpty || trimmed == "ICRS" else {
                throw ADQLError("coordinate system '\(system)' is not supported (only ICRS)", at: first.position)
            }
            arguments.removeFirst()
        }
        var points: [(ADQLTranslated, ADQLTranslated)] = []
        var numbers: [ADQLTranslated] = []
        for argument in arguments {
            if case let .function(inner, _, _, _) = argument.kind, inner == "POINT", name != "POINT" {
                guard case let .point(x, y) = try shape(argument, scopes: scopes, ctes: ctes) else { continue }
                points.append((x, y))
            } else {
                numbers.append(try value(argument, scopes: scopes, ctes: ctes))
            }
        }
        switch name {
        case "POINT" where numbers.count == 2 && points.isEmpty:
            return .point(numbers[0], numbers[1])
        case "CIRCLE" where numbers.count == 3 && points.isEmpty:
            return .circle(numbers[0], numbers[1], radius: numbers[2])
        case "CIRCLE" where numbers.count == 1 && points.count == 1:
            return .circle(points[0].0, points[0].1, radius: numbers[0])
        case "BOX" where numbers.count == 4 && points.isEmpty:
            return .polygon(boxCorners(numbers[0], numbers[1], width: numbers[2], height: numbers[3]))
        case "POLYGON" where points.isEmpty && numbers.count >= 6 && numbers.count % 2 == 0:
            return .polygon(stride(from: 0, to: numbers.count, by: 2).map { (numbers[$0], numbers[$0 + 1]) })
        case "POLYGON" where numbers.isEmpty && points.count >= 3:
            return .polygon(points)
        default:
            let expected = ["POINT": "(ra, dec)", "CIRCLE": "(ra, dec, radius) or (POINT, radius)",
                            "BOX": "(ra, dec, width, height)", "POLYGON": "(ra1, dec1, ra2, dec2, ra3, dec3, ...) or (POINT, POINT, POINT, ...)"][name] ?? ""
            throw ADQLError("\(name) takes \(expected) (an optional coordinate system first)", at: expression.position)
        }
    }

    private func boxCorners(_ c: ADQLTranslated, _ d: ADQLTranslated, width w: ADQLTranslated,
                            height h: ADQLTranslated) -> [(ADQLTranslated, ADQLTranslated)] {
        let constant = c.isConstant && d.isConstant && w.isConstant && h.isConstant
        func make(_ fragments: [ADQLFragment]) -> ADQLTranslated {
            ADQLTranslated(fragments: fragments, type: .double, table: nil, column: nil, isConstant: constant)
        }
        let halfRA = [.sql("(")] + w.fragments + [.sql(" / 2.0 / cos(radians(")] + d.fragments + [.sql(")))")]
        let halfDec = [.sql("(")] + h.fragments + [.sql(" / 2.0)")]
        let west = make([.sql("(")] + c.fragments + [.sql(" - ")] + halfRA + [.sql(")")])
        let east = make([.sql("(")] + c.fragments + [.sql(" + ")] + halfRA + [.sql(")")])
        let south = make([.sql("(")] + d.fragments + [.sql(" - ")] + halfDec + [.sql(")")])
        let north = make([.sql("(")] + d.fragments + [.sql(" + ")] + halfDec + [.sql(")")])
        return [(west, south), (east, south), (east, north), (west, north)]
    }

    private func join(_ a: (ADQLTranslated, ADQLTranslated), _ b: (ADQLTranslated, ADQLTranslated),
                      _ radius: [ADQLFragment]) -> [ADQLFragment] {
        [.sql("q3c_join(")] + a.0.fragments + [.sql(", ")] + a.1.fragments + [.sql(", ")] + b.0.fragments
            + [.sql(", ")] + b.1.fragments + [.sql(", ")] + radius + [.sql(")")]
    }

    /// The q3c condition that `point` lies in `region`.
    private func pointIn(_ px: ADQLTranslated, _ py: ADQLTranslated, _ region: ADQLShape) -> [ADQLFragment]? {
        switch region {
        case let .circle(cx, cy, radius):
            if px.isConstant && py.isConstant && !(cx.isConstant && cy.isConstant) {
                return join((px, py), (cx, cy), radius.fragments)
            }
            return join((cx, cy), (px, py), radius.fragments)
        case let .polygon(vertices):
            var fragments: [ADQLFragment] = [.sql("q3c_poly_query(")] + px.fragments + [.sql(", ")] + py.fragments + [.sql(", ARRAY[")]
            for (k, vertex) in vertices.enumerated() {
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += vertex.0.fragments + [.sql(", ")] + vertex.1.fragments
            }
            return fragments + [.sql("]::double precision[])")]
        case .point:
            return nil
        }
    }

    /// CONTAINS(a, b) or INTERSECTS(a, b) as a q3c condition.
    private mutating func regionCondition(_ name: String, _ arguments: [ADQLExpression], at position: ADQLPosition,
                                          scopes: [ADQLScope], ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> [ADQLFragment] {
        guard arguments.count == 2 else { throw ADQLError("\(name) takes 2 arguments, not \(arguments.count)", at: position) }
        let a = try shape(arguments[0], scopes: scopes, ctes: ctes)
        let b = try shape(arguments[1], scopes: scopes, ctes: ctes)
        switch (a, b) {
        case let (.point(px, py), region):
            if let condition = pointIn(px, py, region) { return condition }
        case let (region, .point(px, py)) where name == "INTERSECTS":
            if let condition = pointIn(px, py, region) { return condition }
        case let (.circle(ax, ay, ar), .circle(bx, by, br)) where name == "INTERSECTS":
            let radius = [.sql("(")] + ar.fragments + [.sql(" + ")] + br.fragments + [.sql(")")]
            if bx.isConstant && by.isConstant && !(ax.isConstant && ay.isConstant) {
                return join((bx, by), (ax, ay), radius)
            }
            return join((ax, ay), (bx, by), radius)
        default:
            break
        }
        throw ADQLError("\(name)(\(a.name), \(b.name)) cannot be served (q3c tests a POINT in a CIRCLE, BOX or POLYGON, "
                        + "and CIRCLEs intersecting)", at: position)
    }

    /// Geometry functions used as values.
    mutating func geometryFunction(_ name: String, _ arguments: [ADQLExpression], at position: ADQLPosition,
                                   scopes: [ADQLScope], ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> ADQLTranslated {
        func plain(_ fragments: [ADQLFragment], _ type: ADQLType, _ constant: Bool = false) -> ADQLTranslated {
            ADQLTranslated(fragments: fragments, type: type, table: nil, column: nil, isConstant: constant)
        }
        switch name {
        case "DISTANCE":
            let (p, q) = try distancePoints(arguments, at: position, scopes: scopes, ctes: ctes)
            let constant = p.0.isConstant && p.1.isConstant && q.0.isConstant && q.1.isConstant
            return plain([.sql("q3c_dist(")] + p.0.fragments + [.sql(", ")] + p.1.fragments + [.sql(", ")]
                         + q.0.fragments + [.sql(", ")] + q.1.fragments + [.sql(")")], .double, constant)
        case "COORD1", "COORD2":
            guard arguments.count == 1 else { throw ADQLError("\(name) takes 1 argument, not \(arguments.count)", at: position) }
            guard case let .point(x, y) = try shape(arguments[0], scopes: scopes, ctes: ctes) else {
                throw ADQLError("\(name) takes a POINT", at: arguments[0].position)
            }
            return name == "COORD1" ? x : y
        case "CONTAINS", "INTERSECTS":
            let condition = try regionCondition(name, arguments, at: position, scopes: scopes, ctes: ctes)
            return plain([.sql("CASE WHEN ")] + condition + [.sql(" THEN 1 ELSE 0 END")], .integer)
        case "POINT", "CIRCLE", "BOX", "POLYGON":
            throw ADQLError("\(name) can only be an argument of CONTAINS, INTERSECTS, DISTANCE, COORD1 or COORD2 "
                            + "(geometry values are not served)", at: position)
        default:
            throw ADQLError("\(name) is not served (q3c has no equivalent)", at: position)
        }
    }

    private mutating func distancePoints(_ arguments: [ADQLExpression], at position: ADQLPosition, scopes: [ADQLScope],
                                         ctes: [ADQLCommonTableEntry])
        throws(ADQLError) -> ((ADQLTranslated, ADQLTranslated), (ADQLTranslated, ADQLTranslated)) {
        if arguments.count == 4 {
            var v: [ADQLTranslated] = []
            for argument in arguments { v.append(try value(argument, scopes: scopes, ctes: ctes)) }
            return ((v[0], v[1]), (v[2], v[3]))
        }
        guard arguments.count == 2,
              case let .point(a, b) = try shape(arguments[0], scopes: scopes, ctes: ctes),
              case let .point(c, d) = try shape(arguments[1], scopes: scopes, ctes: ctes) else {
            throw ADQLError("DISTANCE takes two POINTs (or ra1, dec1, ra2, dec2)", at: position)
        }
        return ((a, b), (c, d))
    }

    /// `CONTAINS(...) = 1 / 0`, `DISTANCE(...) < r`: the indexable q3c forms; nil for other comparisons.
    mutating func geometricComparison(_ op: String, _ left: ADQLExpression, _ right: ADQLExpression,
                                      scopes: [ADQLScope], ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> [ADQLFragment]? {
        func region(_ e: ADQLExpression) -> (String, [ADQLExpression], ADQLPosition)? {
            if case let .function(name, arguments, _, _) = e.kind, name == "CONTAINS" || name == "INTERSECTS" {
                return (name, arguments, e.position)
            }
            return nil
        }
        func flag(_ e: ADQLExpression) -> Int64? {
            if case let .integer(v) = e.kind, v == 0 || v == 1 { return v }
            return nil
        }
        if op == "=" {
            for (r, f) in [(region(left), flag(right)), (region(right), flag(left))] {
                if let (name, arguments, position) = r, let f {
                    let condition = try regionCondition(name, arguments, at: position, scopes: scopes, ctes: ctes)
                    return f == 1 ? condition : [.sql("(NOT ")] + condition + [.sql(")")]
                }
            }
        }
        func distance(_ e: ADQLExpression) -> ([ADQLExpression], ADQLPosition)? {
            if case let .function(name, arguments, _, _) = e.kind, name == "DISTANCE" { return (arguments, e.position) }
            return nil
        }
        var found: (([ADQLExpression], ADQLPosition), ADQLExpression)?
        if op == "<" || op == "<=", let d = distance(left) { found = (d, right) }
        if op == ">" || op == ">=", let d = distance(right) { found = (d, left) }
        guard let ((arguments, position), radiusExpression) = found else { return nil }
        let (p, q) = try distancePoints(arguments, at: position, scopes: scopes, ctes: ctes)
        let radius = try value(radiusExpression, scopes: scopes, ctes: ctes)
        if q.0.isConstant && q.1.isConstant && !(p.0.isConstant && p.1.isConstant) {
            return join(q, p, radius.fragments)
        }
        return join(p, q, radius.fragments)
    }
}

extension String {
    /// Without leading and trailing spaces (no Foundation).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
