import Foundation
import Formats

/// Turns a table read from a file into validated reference rows, following a ``LabelTableMapping``.
/// Pure: no database. Any problem throws ``LabelCatalogueError`` naming the file, column and row
/// (1-based data rows), so that nothing is written: a mapped column that is absent, a label, error,
/// S/N or position column holding text that is not a number, a row without its id, a repeated id, a
/// position out of range, an empty table. Values of -9999 or NaN (or empty) are missing (`nil`).
public enum LabelTableExtractor {
    /// The rows of `table` (read from `file`) under `mapping`.
    public static func rows(_ table: CatalogueTable, mapping: LabelTableMapping, file: String) throws(LabelCatalogueError) -> [LabelReferenceRow] {
        try mapping.validate()
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
                    guard let value = Double(t) else { throw .notNumeric(column: column.name, file: file, row: i + 1, value: text) }
                    out[i] = missingToNil(value)
                }
                return out
            }
        }
        guard table.rowCount > 0 else {
            // Still report a misnamed column first: it is the more useful message.
            for label in mapping.labels { _ = try require(label.column, "label \(label.name)") }
            throw .emptyTable(file: file)
        }

        let obsids: [Int64?]? = try mapping.obsidColumn.map { name throws(LabelCatalogueError) in
            let column = try require(name, "obsid")
            if case .string = column.values, let v = table.strings(name) {
                for (i, text) in v.enumerated() where text != nil && CatalogueTable.parseIntegerText(text!) == nil {
                    throw .notNumeric(column: column.name, file: file, row: i + 1, value: text!)
                }
            }
            return table.int64s(name) ?? []
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
        var firstRow: [String: Int] = [:]
        for r in 0..<table.rowCount {
            let obsid = obsids?[r]
            if obsids != nil, obsid == nil { throw .invalidRow(file: file, row: r + 1, detail: "no obsid") }
            let id: String
            if let ids {
                guard let value = ids[r] else { throw .invalidRow(file: file, row: r + 1, detail: "no \(mapping.idColumn ?? "id")") }
                id = value
            } else if let obsid {
                id = String(obsid)
            } else {
                id = "row:\(r + 1)"
            }
            if let earlier = firstRow.updateValue(r + 1, forKey: id) { throw .duplicateID(id, file: file, rows: (earlier, r + 1)) }
            let (a, d) = (ra?[r], dec?[r])
            if !mapping.isObsidKeyed {
                guard let a, let d else { throw .invalidRow(file: file, row: r + 1, detail: "no position") }
                guard (0..<360).contains(a), (-90...90).contains(d) else {
                    throw .invalidRow(file: file, row: r + 1, detail: "RA \(a), Dec \(d) out of range")
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
