import Store

/// A conjunction of comparisons on columns of `lamost_spectrum` (alias `s`), as an `SQL` fragment: the
/// column and operator come from fixed lists, spelled by literals in code, and every value is bound.
/// (`SpectrumFilter` in Pipeline parses a user's text into one.)
public struct SpectrumPredicate: Sendable, Equatable {
    /// A column of `lamost_spectrum` a filter may compare.
    public enum Column: String, Sendable, CaseIterable {
        case obsid, ra, dec, snru, snrg, snrr, snri, snrz, lmjd, mjd, spid, fiberid, z
        case helioRV = "helio_rv"
        case `class`, subclass, planid, designation
        case dataRelease = "data_release"

        /// Whether the column is numeric (else text).
        public var isNumeric: Bool {
            switch self {
            case .class, .subclass, .planid, .designation, .dataRelease: false
            default: true
            }
        }

        /// The qualified column, `s.<name>`.
        public var sql: SQL {
            switch self {
            case .obsid: "s.obsid"
            case .ra: "s.ra"
            case .dec: "s.dec"
            case .snru: "s.snru"
            case .snrg: "s.snrg"
            case .snrr: "s.snrr"
            case .snri: "s.snri"
            case .snrz: "s.snrz"
            case .lmjd: "s.lmjd"
            case .mjd: "s.mjd"
            case .spid: "s.spid"
            case .fiberid: "s.fiberid"
            case .z: "s.z"
            case .helioRV: "s.helio_rv"
            case .class: "s.class"
            case .subclass: "s.subclass"
            case .planid: "s.planid"
            case .designation: "s.designation"
            case .dataRelease: "s.data_release"
            }
        }
    }

    /// A comparison operator (`!=` is spelled `<>`).
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        public var sql: SQL {
            switch self {
            case .equal: "="
            case .notEqual: "<>"
            case .less: "<"
            case .lessOrEqual: "<="
            case .greater: ">"
            case .greaterOrEqual: ">="
            }
        }
    }

    /// A bound value.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
    }

    /// `column op value`.
    public struct Comparison: Sendable, Equatable {
        public var column: Column
        public var op: Operator
        public var value: Value

        public init(column: Column, op: Operator, value: Value) {
            self.column = column
            self.op = op
            self.value = value
        }

        /// `s.column op $n`.
        public var sql: SQL {
            switch value {
            case let .number(x): "\(column.sql) \(op.sql) \(x)"
            case let .text(t): "\(column.sql) \(op.sql) \(t)"
            }
        }
    }

    public var comparisons: [Comparison]

    /// The predicate that keeps every spectrum.
    public static let all = SpectrumPredicate(comparisons: [])

    public init(comparisons: [Comparison]) { self.comparisons = comparisons }

    /// The comparisons joined by `AND`; `true` when there are none.
    public var sql: SQL {
        comparisons.isEmpty ? "true" : SQL.joined(comparisons.map(\.sql), separator: " AND ")
    }
}
