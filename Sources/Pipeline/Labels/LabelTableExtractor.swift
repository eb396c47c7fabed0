import Catalogue
import Formats
import Foundation

/// Turns a table read from a file into validated reference rows, following a ``LabelTableMapping``.
/// Pure: no database. Any problem throws ``LabelCatalogueError`` naming the file, column and row
/// (1-based data rows), so that nothing is written: a mapped column that is absent, a label, error,
/// S/N or position column holding text that is not a number, a row without its id, a repeated id, a
/// position out of range, an empty table. Values of -9999 or NaN (or empty) are missing (`nil`).
public enum LabelTableExtractor {
    /// The rows of a whole table `table` (read from `file`) under `mapping`; throws
    /// ``LabelCatalogueError/emptyTable(file:)`` when it has no rows (after checking the columns).
    public static func rows(_ table: CatalogueTable, mapping: LabelTableMapping, file: String) throws(LabelCatalogueError) -> [LabelReferenceRow] {
        try checkColumns(table.columnNames, mapping: mapping, file: file)
        guard table.rowCount > 0 else { throw .emptyTable(file: file) }
        var seen: [String: Int] = [:]
        return try rows(table, mapping: mapping, file: file, firstRow: 0, seen: &seen)
    }

    /// Checks that every column the mapping names is among `columnNames` (case-insensitive), and the
    /// mapping itself; throws ``LabelCatalogueError/missingColumn(_:role:file:available:)`` naming the first absent one.
    public static func checkColumns(_ columnNames: [String], mapping: LabelTableMapping, file: String) throws(LabelCatalogueError) {
        try mapping.validate()
        let present = Set(columnNames.map { $0.lowercased() })
        var wanted: [(String, String)] = []
        if let c = mapping.obsidColumn { wanted.append((c, "obsid")) }
        if let c = mapping.raColumn { wanted.append((c, "right ascension")) }
        if let c = mapping.decColumn { wanted.append((c, "declination")) }
        if let c = mapping.idColumn { wanted.append((c, "id")) }
        for label in mapping.labels {
            wanted.append((label.column, "label \(label.name)"))
            if let e = label.error { wanted.append((e, "error of \(label.name)")) }
        }
        if let c = mapping.snrColumn { wanted.append((c, "S/N")) }
        if let c = mapping.flagsColumn { wanted.append((c, "flags")) }
        for (column, role) in wanted where !present.contains(column.lowercased()) {
            throw .missingColumn(column, role: role, file: file, available: columnNames)
        }
    }

    /// The rows of one chunk of a table whose first row is data row `firstRow + 1` of the file; `seen`
    /// carries the ids of earlier chunks (id -> 1-based row) to find repeated ids across chunks.
    public static func rows(_ table: CatalogueTable, mapping: LabelTableMapping, file: String, firstRow: Int,
                            seen firstRowOfID: inout [String: Int]) throws(LabelCatalogueError) -> [LabelReferenceRow] {
        let available = table.columnNames
        func require(_ name: String, _ role: String) throws(LabelCatalogueError) -> CatalogueColumn {
            guard let column = table.column(name) else {
                throw .missingColumn(name, role: role, file: file, available: available)
            }
            return column
        }
        func numbers(_ name: String, _ role: String) throws(LabelCatalogueError) -> [Double?] {
            let column = try require(name, role)
            switch column.values {
            case .double(let v): return v.map { $0.flatMap(missingToNil) }
            case .int64(let v): return v.map { $0.flatMap { missingToNil(Double($0)) } }
            case .string(let v):
                var out = [Double?](repeating: nil, count: v.count)
                for (i, text) in v.enumerated() {
                    guard let text else { continue }
                    let t = text.trimmingCharacters(in: .whitespaces)
                    if missingTokens.contains(t) { continue }
                    guard let value = Double(t) else { throw .notNumeric(column: column.name, file: file, row: firstRow + i + 1, value: text) }
                    out[i] = missingToNil(value)
                }
                return out
            }
        }

        let obsids: [Int64?]? = try mapping.obsidColumn.map { name throws(LabelCatalogueError) in
            let column = try require(name, "obsid")
            guard case .string(let v) = column.values else { return table.int64s(name) ?? [] }
            var out = [Int64?](repeating: nil, count: v.count)
            for (i, text) in v.enumerated() {
                guard let text, !missingTokens.contains(text.trimmingCharacters(in: .whitespaces)) else { continue }
                guard let value = CatalogueTable.parseIntegerText(text) else {
                    throw .notNumeric(column: column.name, file: file, row: firstRow + i + 1, value: text)
                }
                out[i] = value
            }
            return out
        }
        let ra = try mapping.raColumn.map { c throws(LabelCatalogueError) in try numbers(c, "right ascension") }
        let dec = try mapping.decColumn.map { c throws(LabelCatalogueError) in try numbers(c, "declination") }
        let ids: [String?]? = try mapping.idColumn.map { name throws(LabelCatalogueError) in
            _ = try require(name, "id")
            return table.strings(name)?.map { $0.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } } ?? []
        }
        var values: [[Double?]] = [], errors: [[Double?]] = []
        for label in mapping.labels {
            values.append(try numbers(label.column, "label \(label.name)").map { $0.map { $0 * label.unit.factor } })
            if let e = label.error {
                errors.append(try numbers(e, "error of \(label.name)").map { $0.map { abs($0) * label.unit.factor } })
            } else {
                errors.append([Double?](repeating: nil, count: table.rowCount))
            }
        }
        let snr = try mapping.snrColumn.map { c throws(LabelCatalogueError) in try numbers(c, "S/N") }
        let flags = try mapping.flagsColumn.map { c throws(LabelCatalogueError) in try numbers(c, "flags") }

        var rows: [LabelReferenceRow] = []
        rows.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            let row = firstRow + r + 1
            let obsid = obsids?[r]
            if obsids != nil, obsid == nil { throw .invalidRow(file: file, row: row, detail: "no obsid") }
            let id: String
            if let ids {
                guard let value = ids[r] else { throw .invalidRow(file: file, row: row, detail: "no \(mapping.idColumn ?? "id")") }
                id = value
            } else if let obsid {
                id = String(obsid)
            } else {
                id = "row:\(row)"
            }
            if let earlier = firstRowOfID.updateValue(row, forKey: id) { throw .duplicateID(id, file: file, rows: (earlier, row)) }
            let (a, d) = (ra?[r], dec?[r])
            if !mapping.isObsidKeyed {
                guard let a, let d else { throw .invalidRow(file: file, row: row, detail: "no position") }
                guard (0..<360).contains(a), (-90...90).contains(d) else {
                    throw .invalidRow(file: file, row: row, detail: "RA \(a), Dec \(d) out of range")
                }
            }
            let position = a.flatMap { a in d.map { (a, $0) } }.flatMap { (0..<360).contains($0.0) && (-90...90).contains($0.1) ? $0 : nil }
            rows.append(LabelReferenceRow(
                referenceID: id, obsid: obsid, ra: position?.0, dec: position?.1,
                labels: values.map { $0[r] }, errors: errors.map { $0[r] },
                snr: snr?[r], flags: flags?[r].flatMap { Int64(exactly: $0) } ?? 0))
        }
        return rows
    }

    static let missingTokens: Set<String> = ["", "NULL", "null", "NaN", "nan", "NA", "N/A", "None", "--"]

    /// -9999 (the LAMOST and APOGEE sentinel) and non-finite values are missing.
    static func missingToNil(_ value: Double) -> Double? { value.isFinite && value != -9999 ? value : nil }
}

extension CatalogueTable {
    /// Whether `text` is an integer literal (or an integral real such as `55862.0`).
    static func parseIntegerText(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let v = Int64(t) { return v }
        if let d = Double(t), d == d.rounded(), abs(d) < 9.2e18 { return Int64(d) }
        return nil
    }
}
