/// The fixed table of ADQL functions the translator serves and the PostgreSQL function each becomes.
/// A name not in this table (and not a geometry function or an aggregate) is refused, so no other
/// function name can reach the output.
enum ADQLFunctions {
    struct Entry: Sendable {
        /// The PostgreSQL function written.
        var sqlName: String
        var arity: ClosedRange<Int>
        /// The result type; nil: the first argument's type.
        var type: ADQLType?
    }

    static let scalar: [String: Entry] = [
        "ABS": Entry(sqlName: "abs", arity: 1...1, type: nil),
        "CEILING": Entry(sqlName: "ceil", arity: 1...1, type: nil),
        "FLOOR": Entry(sqlName: "floor", arity: 1...1, type: nil),
        "DEGREES": Entry(sqlName: "degrees", arity: 1...1, type: .double),
        "RADIANS": Entry(sqlName: "radians", arity: 1...1, type: .double),
        "EXP": Entry(sqlName: "exp", arity: 1...1, type: .double),
        "LOG": Entry(sqlName: "ln", arity: 1...1, type: .double),
        "LOG10": Entry(sqlName: "log", arity: 1...1, type: .double),
        "PI": Entry(sqlName: "pi", arity: 0...0, type: .double),
        "POWER": Entry(sqlName: "power", arity: 2...2, type: .double),
        "SQRT": Entry(sqlName: "sqrt", arity: 1...1, type: .double),
        "RAND": Entry(sqlName: "random", arity: 0...0, type: .double),
        "SIN": Entry(sqlName: "sin", arity: 1...1, type: .double),
        "COS": Entry(sqlName: "cos", arity: 1...1, type: .double),
        "TAN": Entry(sqlName: "tan", arity: 1...1, type: .double),
        "COT": Entry(sqlName: "cot", arity: 1...1, type: .double),
        "ASIN": Entry(sqlName: "asin", arity: 1...1, type: .double),
        "ACOS": Entry(sqlName: "acos", arity: 1...1, type: .double),
        "ATAN": Entry(sqlName: "atan", arity: 1...1, type: .double),
        "ATAN2": Entry(sqlName: "atan2", arity: 2...2, type: .double),
        "LOWER": Entry(sqlName: "lower", arity: 1...1, type: .varchar),
        "UPPER": Entry(sqlName: "upper", arity: 1...1, type: .varchar),
        "COALESCE": Entry(sqlName: "coalesce", arity: 1...64, type: nil),
        // ROUND, TRUNCATE and MOD are written by the translator (numeric casts), see `roundingFunctions`.
    ]

    /// ROUND(x[, n]) -> round, TRUNCATE(x[, n]) -> trunc, MOD(x, y) -> mod: PostgreSQL defines the
    /// two-argument forms on numeric only, so they are written with casts to numeric and back.
    static let rounding: [String: String] = ["ROUND": "round", "TRUNCATE": "trunc", "MOD": "mod"]

    static let aggregates: [String: String] = ["COUNT": "count", "AVG": "avg", "MIN": "min", "MAX": "max", "SUM": "sum"]

    static let geometry: Set<String> = [
        "POINT", "CIRCLE", "BOX", "POLYGON", "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2",
        "AREA", "CENTROID", "REGION", "COORDSYS",
    ]
}
