import Catalogue
import Store

/// A user's filter on LAMOST spectra, such as `snrg > 20 AND class = 'STAR'`, parsed into a
/// ``SpectrumPredicate`` on `lamost_spectrum s` (columns and operators from fixed lists, values bound). Only a small, safe grammar is accepted:
///
///     filter := comparison (AND comparison)*
///     comparison := column op value
///     column := one of ``columns``;  op := = <> != < <= > >=;  value := number | 'text'
///
/// Anything else (other columns, functions, OR, sub-queries, comments, semicolons) is refused with
/// ``PredictionError/unsafeFilter(_:reason:)``; values always travel as parameters.
public struct SpectrumFilter: Sendable, Equatable {
    /// Columns a filter may use, with whether they are numeric.
    public static let columns: [String: Bool] = Dictionary(
        uniqueKeysWithValues: SpectrumPredicate.Column.allCases.map { ($0.rawValue, $0.isNumeric) })

    /// One `column op value` term.
    public struct Comparison: Sendable, Equatable {
        /// A column of ``columns``, lower case.
        public var column: String
        /// `=`, `<>`, `<`, `<=`, `>` or `>=` (`!=` is stored as `<>`).
        public var op: String
        public var value: Value

        /// A comparison as the parser makes it (no validation: use ``SpectrumFilter/init(_:)`` for user text).
        public init(column: String, op: String, value: Value) {
            self.column = column
            self.op = op
            self.value = value
        }
    }
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
    }

    /// The parsed filter: what the queries use.
    public let predicate: SpectrumPredicate
    /// The user's text.
    public var text: String

    /// The comparisons as parsed (column and operator as text).
    public var comparisons: [Comparison] {
        predicate.comparisons.map { c in
            let value: Value = switch c.value {
            case let .number(x): .number(x)
            case let .text(t): .text(t)
            }
            return Comparison(column: c.column.rawValue, op: c.op.rawValue, value: value)
        }
    }

    /// The filter that keeps every spectrum (the empty text).
    public static let all = SpectrumFilter(predicate: .all, text: "")

    private init(predicate: SpectrumPredicate, text: String) {
        self.predicate = predicate
        self.text = text
    }

    /// Parses `text`; an empty text is the filter that keeps everything.
    public init(_ text: String) throws(PredictionError) {
        self.text = text
        var comparisons: [SpectrumPredicate.Comparison] = []
        var tokens = try Self.tokenize(text)
        while !tokens.isEmpty {
            guard tokens.count >= 3 else { throw .unsafeFilter(text, reason: "expected COLUMN OP VALUE") }
            let column = tokens.removeFirst().lowercased(), op = tokens.removeFirst(), raw = tokens.removeFirst()
            guard let typedColumn = SpectrumPredicate.Column(rawValue: column) else {
                throw .unsafeFilter(text, reason: "unknown column '\(column)'; allowed: \(Self.columns.keys.sorted().joined(separator: ", "))")
            }
            guard let typedOp = SpectrumPredicate.Operator(rawValue: op == "!=" ? "<>" : op) else {
                throw .unsafeFilter(text, reason: "operator '\(op)'")
            }
            let numeric = typedColumn.isNumeric
            let value: SpectrumPredicate.Value
            if raw.hasPrefix("'") {
                guard !numeric else { throw .unsafeFilter(text, reason: "\(column) is numeric, got \(raw)") }
                value = .text(String(raw.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
            } else {
                guard numeric, let number = Double(raw), number.isFinite else { throw .unsafeFilter(text, reason: "value '\(raw)' for \(column)") }
                value = .number(number)
            }
            comparisons.append(.init(column: typedColumn, op: typedOp, value: value))
            if !tokens.isEmpty {
                guard tokens.removeFirst().uppercased() == "AND" else { throw .unsafeFilter(text, reason: "only AND joins comparisons") }
                guard !tokens.isEmpty else { throw .unsafeFilter(text, reason: "nothing after AND") }
            }
        }
        predicate = SpectrumPredicate(comparisons: comparisons)
    }

    static func tokenize(_ text: String) throws(PredictionError) -> [String] {
        var tokens: [String] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace { chars.removeFirst(); continue }
            if c == "'" {
                var token = "'"
                chars.removeFirst()
                var closed = false
                while let d = chars.first {
                    chars.removeFirst()
                    token.append(d)
                    if d == "'" {
                        if chars.first == "'" { token.append("'"); chars.removeFirst(); continue }
                        closed = true
                        break
                    }
                }
                guard closed else { throw .unsafeFilter(text, reason: "unterminated string") }
                tokens.append(token)
            } else if "<>=!".contains(c) {
                var token = String(c)
                chars.removeFirst()
                if let d = chars.first, d == "=" || (c == "<" && d == ">") { token.append(d); chars.removeFirst() }
                tokens.append(token)
            } else if c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" || c == "+" {
                var token = ""
                while let d = chars.first, d.isLetter || d.isNumber || d == "_" || d == "." || d == "-" || d == "+" {
                    token.append(d)
                    chars.removeFirst()
                }
                tokens.append(token)
            } else {
                throw .unsafeFilter(text, reason: "character '\(c)' is not allowed")
            }
        }
        return tokens
    }
}
