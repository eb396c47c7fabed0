import Foundation
import Formats
import Store

/// One chunk of catalogue rows in column form (the rows of one `FETCH`), in ``CatalogueColumns`` order.
/// Missing reals are NaN.
struct CatalogueChunk {
    var obsid: [Int64] = []
    var designation: [String?] = []
    var ra: [Double] = []
    var dec: [Double] = []
    var snrg: [Float] = []
    /// Per label j: columns 3j (value), 3j+1 (formal error), 3j+2 (empirical error).
    var labelColumns: [[Float]]
    var rchi2: [Float] = []
    var flags: [Int32] = []
    var modelID: [Int32] = []

    init(labelCount: Int) {
        labelColumns = Array(repeating: [], count: 3 * labelCount)
    }

    var count: Int { obsid.count }

    /// Appends one row of the exporter's cursor (labels, errors and empirical errors arrays in the model's
    /// label order; a missing empirical error or a short array becomes NaN).
    mutating func append(_ row: PostgresRow) throws(PostgresError) {
        func element(_ array: [Float]?, _ j: Int) -> Float { array.flatMap { j < $0.count ? $0[j] : nil } ?? .nan }
        let labels = try row.decode([Float].self, "labels"), formal = try row.decode([Float].self, "formal_errors")
        let empirical = try row.decode([Float]?.self, "empirical_errors")
        obsid.append(try row.decode(Int64.self, "obsid"))
        designation.append(try row.decode(String?.self, "designation"))
        ra.append(try row.decode(Double.self, "ra"))
        dec.append(try row.decode(Double.self, "dec"))
        snrg.append(try row.decode(Float?.self, "snrg") ?? .nan)
        for j in 0..<(labelColumns.count / 3) {
            labelColumns[3 * j].append(element(labels, j))
            labelColumns[3 * j + 1].append(element(formal, j))
            labelColumns[3 * j + 2].append(element(empirical, j))
        }
        rchi2.append(try row.decode(Float?.self, "reduced_chi2") ?? .nan)
        flags.append(Int32(truncatingIfNeeded: try row.decode(Int.self, "flags")))
        modelID.append(Int32(truncatingIfNeeded: try row.decode(Int.self, "model_id")))
    }

    /// Writes the chunk into the current binary table of `file` from row `firstRow` (0-based).
    func write(to file: FITSFile, firstRow: Int) throws(FITSError) {
        try file.write(column: 0, firstRow: firstRow, int64s: obsid)
        try file.write(column: 1, firstRow: firstRow, strings: designation.map { $0 ?? "" })
        try file.write(column: 2, firstRow: firstRow, doubles: ra)
        try file.write(column: 3, firstRow: firstRow, doubles: dec)
        try file.write(column: 4, firstRow: firstRow, floats: snrg)
        for (k, column) in labelColumns.enumerated() { try file.write(column: 5 + k, firstRow: firstRow, floats: column) }
        let next = 5 + labelColumns.count
        try file.write(column: next, firstRow: firstRow, floats: rchi2)
        try file.write(column: next + 1, firstRow: firstRow, int32s: flags)
        try file.write(column: next + 2, firstRow: firstRow, int32s: modelID)
    }

    /// The chunk as a catalogue table with the names of `layout` (reals of 32 bits as their shortest
    /// decimal, so a CSV shows `4523.12` rather than `4523.1201171875`; NaN and empty text missing).
    func table(_ layout: CatalogueColumns) -> CatalogueTable {
        func reals(_ v: [Float]) -> CatalogueColumnValues { .double(v.map { $0.isFinite ? Double("\($0)") : nil }) }
        var values: [CatalogueColumnValues] = [
            .int64(obsid), .string(designation.map { $0?.isEmpty == false ? $0 : nil }),
            .double(ra), .double(dec), reals(snrg),
        ]
        values += labelColumns.map(reals)
        values += [reals(rchi2), .int64(flags.map { Int64($0) }), .int64(modelID.map { Int64($0) })]
        return CatalogueTable(columns: zip(layout.columns, values).map { CatalogueColumn(name: $0.name, values: $1) })
    }
}
