import Foundation
import Formats
import Store

/// One chunk of catalogue rows in column form (the rows of one `FETCH`), in ``CatalogueColumns`` order.
struct CatalogueChunk {
    enum Values {
        case int64([Int64])
        case int32([Int32])
        case double([Double])
        /// NaN is missing.
        case float([Float])
        case text([String?])
    }

    var values: [Values]
    var count = 0

    init(_ layout: CatalogueColumns) {
        values = layout.columns.map { c in
            switch c.kind {
            case .int64: .int64([])
            case .int32: .int32([])
            case .double: .double([])
            case .float: .float([])
            case .text: .text([])
            }
        }
    }

    /// Appends one row of ``CatalogueExporter/selectSQL`` (labels, errors and empirical errors arrays in
    /// the model's label order; a missing empirical error or short array becomes NaN).
    mutating func append(_ row: PostgresRow, labelCount l: Int) throws(PostgresError) {
        func element(_ array: [Float]?, _ j: Int) -> Float { array.flatMap { j < $0.count ? $0[j] : nil } ?? .nan }
        let labels = try row.decode([Float].self, "labels"), formal = try row.decode([Float].self, "formal_errors")
        let empirical = try row.decode([Float]?.self, "empirical_errors")
        var scalars: [Any] = [
            try row.decode(Int64.self, "obsid"), try row.decode(String?.self, "designation") as Any,
            try row.decode(Double.self, "ra"), try row.decode(Double.self, "dec"), try row.decode(Float?.self, "snrg") ?? .nan,
        ]
        for j in 0..<l { scalars += [element(labels, j), element(formal, j), element(empirical, j)] }
        scalars += [try row.decode(Float?.self, "reduced_chi2") ?? .nan, Int32(truncatingIfNeeded: try row.decode(Int.self, "flags")),
                    Int32(truncatingIfNeeded: try row.decode(Int.self, "model_id"))]
        for (c, value) in scalars.enumerated() {
            switch values[c] {
            case var .int64(v): v.append(value as? Int64 ?? 0); values[c] = .int64(v)
            case var .int32(v): v.append(value as? Int32 ?? 0); values[c] = .int32(v)
            case var .double(v): v.append(value as? Double ?? .nan); values[c] = .double(v)
            case var .float(v): v.append(value as? Float ?? .nan); values[c] = .float(v)
            case var .text(v): v.append(value as? String); values[c] = .text(v)
            }
        }
        count += 1
    }

    /// Writes the chunk into the current binary table of `file` from row `firstRow` (0-based).
    func write(to file: FITSFile, firstRow: Int) throws(FITSError) {
        for (c, column) in values.enumerated() {
            switch column {
            case let .int64(v): try file.write(column: c, firstRow: firstRow, int64s: v)
            case let .int32(v): try file.write(column: c, firstRow: firstRow, int32s: v)
            case let .double(v): try file.write(column: c, firstRow: firstRow, doubles: v)
            case let .float(v): try file.write(column: c, firstRow: firstRow, floats: v)
            case let .text(v): try file.write(column: c, firstRow: firstRow, strings: v.map { $0 ?? "" })
            }
        }
    }

    /// The chunk as a catalogue table (reals as the shortest decimal of their 32-bit value, NaN missing).
    func table(_ layout: CatalogueColumns) -> CatalogueTable {
        CatalogueTable(columns: zip(layout.columns, values).map { spec, column in
            switch column {
            case let .int64(v): CatalogueColumn(name: spec.name, values: .int64(v.map { $0 }))
            case let .int32(v): CatalogueColumn(name: spec.name, values: .int64(v.map { Int64($0) }))
            case let .double(v): CatalogueColumn(name: spec.name, values: .double(v.map { $0.isFinite ? $0 : nil }))
            case let .float(v): CatalogueColumn(name: spec.name, values: .double(v.map { $0.isFinite ? Double("\($0)") : nil }))
            case let .text(v): CatalogueColumn(name: spec.name, values: .string(v.map { $0?.isEmpty == false ? $0 : nil }))
            }
        })
    }
}
