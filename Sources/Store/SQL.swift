import Foundation

/// A SQL statement and its parameters, built by string interpolation so that no value is ever pasted
/// into the text: `\(value)` binds `value` as the next `$n` parameter, `\(identifier: name)` quotes a
/// name (a table, a column) as a PostgreSQL identifier, and `\(fragment)` splices another `SQL` with its
/// own parameters renumbered. Literal text is the only text.
///
/// ```swift
/// let rows = try db.query("SELECT status FROM model WHERE model_id = \(id) AND label_set = \(labelSet)")
/// ```
///
/// Modelled on postgres-nio's `PostgresQuery`.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Piece: Sendable {
        case text(String)
        case parameter(Int)
    }

    var pieces: [Piece]
    /// The bound values, `$1` first.
    public private(set) var parameters: [any PostgresEncodable]

    /// The statement text with `$1`, `$2`, ... in place of the bound values.
    public var text: String {
        var result = ""
        for piece in pieces {
            switch piece {
            case let .text(text): result += text
            case let .parameter(index): result += "$\(index + 1)"
            }
        }
        return result
    }

    public var description: String { text }

    public init(stringLiteral value: String) {
        pieces = [.text(value)]
        parameters = []
    }

    public init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
        parameters = stringInterpolation.parameters
    }

    /// `lhs` followed by `rhs`, with `rhs`'s parameters renumbered after `lhs`'s.
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        result.appendInterpolation(lhs)
        result.appendInterpolation(rhs)
        return SQL(stringInterpolation: result)
    }

    /// The fragments joined by `separator` (literal text), parameters renumbered in order.
    public static func joined(_ fragments: [SQL], separator: String) -> SQL {
        var result = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        for (k, fragment) in fragments.enumerated() {
            if k > 0 { result.appendLiteral(separator) }
            result.appendInterpolation(fragment)
        }
        return SQL(stringInterpolation: result)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []
        var parameters: [any PostgresEncodable] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parameters.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            pieces.append(.text(literal))
        }

        /// Binds `value` as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            pieces.append(.parameter(parameters.count))
            parameters.append(value)
        }

        /// Binds `value` (NULL when nil) as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            pieces.append(.parameter(parameters.count))
            parameters.append(value)
        }

        /// Quotes `name` as an identifier (`"name"`, inner quotes doubled): for table and column names
        /// that come from code or configuration, never from a value.
        public mutating func appendInterpolation(identifier name: String) {
            pieces.append(.text(SQL.quoteIdentifier(name)))
        }

        /// Splices `fragment`, renumbering its parameters after the ones bound so far.
        public mutating func appendInterpolation(_ fragment: SQL) {
            let offset = parameters.count
            for piece in fragment.pieces {
                switch piece {
                case .text: pieces.append(piece)
                case let .parameter(index): pieces.append(.parameter(index + offset))
                }
            }
            parameters.append(contentsOf: fragment.parameters)
        }
    }

    /// `name` as a quoted PostgreSQL identifier. A NUL character cannot appear in an identifier and is
    /// a programmer error.
    public static func quoteIdentifier(_ name: String) -> String {
        precondition(!name.contains("\u{0}"), "an identifier cannot contain NUL")
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
