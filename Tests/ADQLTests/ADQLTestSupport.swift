import ADQL

/// A small published schema for the tests: slam.labels (ra, dec, teff with a different SQL name) and
/// slam.apogee, plus an upload table.
enum ADQLTestSchema {
    static let schema = ADQLSchema(tables: [
        ADQLSchema.Table(schema: "slam", name: "labels", sqlSchema: "public", sqlName: "labels_current", columns: [
            .init(name: "obsid", sqlName: "obsid", type: .bigint),
            .init(name: "ra", sqlName: "ra", type: .double),
            .init(name: "dec", sqlName: "dec", type: .double),
            .init(name: "teff", sqlName: "teff_k", type: .real),
            .init(name: "logg", sqlName: "logg", type: .real),
            .init(name: "pos", sqlName: "pos", type: .point),
            .init(name: "is_current", sqlName: "is_current", type: .boolean),
        ]),
        ADQLSchema.Table(schema: "slam", name: "apogee", sqlSchema: "public", sqlName: "apogee_star", columns: [
            .init(name: "apogee_id", sqlName: "apogee_id", type: .varchar),
            .init(name: "ra", sqlName: "ra", type: .double),
            .init(name: "dec", sqlName: "dec", type: .double),
            .init(name: "teff", sqlName: "teff", type: .real),
        ]),
        ADQLSchema.Table(schema: "TAP_UPLOAD", name: "mine", sqlSchema: "tap_upload", sqlName: "u_123_mine", columns: [
            .init(name: "id", sqlName: "id", type: .integer),
            .init(name: "Ra", sqlName: "ra", type: .double),
        ]),
    ])

    /// The labels table alone (for SELECT * tests without the POINT column).
    static let plain = ADQLSchema(tables: [
        ADQLSchema.Table(schema: "slam", name: "labels", sqlSchema: nil, sqlName: "labels_current", columns: [
            .init(name: "obsid", sqlName: "obsid", type: .bigint),
            .init(name: "teff", sqlName: "teff_k", type: .real),
        ]),
    ])
}

/// Renders fragments as the caller would: identifiers quoted by PostgreSQL rules, strings as $n.
func rendered(_ fragments: [ADQLFragment]) -> (text: String, strings: [String]) {
    var text = ""
    var strings: [String] = []
    for fragment in fragments {
        switch fragment {
        case let .sql(sql): text += sql
        case let .identifier(name):
            text += "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        case let .string(value):
            strings.append(value)
            text += "$\(strings.count)"
        }
    }
    return (text, strings)
}

/// Parses and translates `adql`, returning the rendered SQL.
func translate(_ adql: String, schema: ADQLSchema = ADQLTestSchema.schema, maxRows: Int? = nil) throws -> String {
    try rendered(translation(adql, schema: schema, maxRows: maxRows).fragments).text
}

func translation(_ adql: String, schema: ADQLSchema = ADQLTestSchema.schema, maxRows: Int? = nil) throws -> ADQLTranslation {
    try ADQLTranslator(schema: schema, maxRows: maxRows).translate(try ADQLParser.parse(adql))
}

/// The error parsing or translating `adql` throws (nil if none).
func failure(_ adql: String, schema: ADQLSchema = ADQLTestSchema.schema) -> ADQLError? {
    do {
        _ = try translation(adql, schema: schema)
        return nil
    } catch let error as ADQLError {
        return error
    } catch {
        return nil
    }
}
