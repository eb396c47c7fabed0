import SLAMNumerics
import Store

/// The coded arrays of `spectrum_preprocessed` (16-bit codes with per-spectrum ranges; see
/// ``SLAMNumerics/CompactSpectrumArrays`` and `migrations/0023_compact_preprocessed.sql`): the columns a query
/// selects, and their decoding into normalised flux and inverse variance.
public enum PreprocessedArrays {
    /// The six coded columns, in the order ``decode(_:)`` reads them by name.
    public static let columns = ["flux_code", "flux_offset", "flux_step", "ivar_code", "log2_ivar_offset", "log2_ivar_step"]

    /// `alias.flux_code, alias.flux_offset, ...` for a select list.
    public static func select(from alias: String) -> SQL {
        SQL.joined(columns.map { "\(identifier: alias).\(identifier: $0)" }, separator: ", ")
    }

    /// The normalised flux and inverse variance (P entries each) of a row holding the ``columns``.
    public static func decode(_ row: PostgresRow) throws(PostgresError) -> (flux: [Float], ivar: [Float]) {
        let arrays = CompactSpectrumArrays(
            fluxCodes: try row.decode([Int16].self, "flux_code"), fluxOffset: try row.decode(Float.self, "flux_offset"),
            fluxStep: try row.decode(Float.self, "flux_step"), ivarCodes: try row.decode([Int16].self, "ivar_code"),
            log2IvarOffset: try row.decode(Float.self, "log2_ivar_offset"),
            log2IvarStep: try row.decode(Float.self, "log2_ivar_step"))
        guard arrays.fluxCodes.count == arrays.ivarCodes.count else {
            throw .decoding(column: "ivar_code", expected: "\(arrays.fluxCodes.count) codes, as flux_code",
                            actualType: 0, reason: "\(arrays.ivarCodes.count) codes")
        }
        return (arrays.flux, arrays.ivar)
    }

    /// The normalised flux and inverse variance of spectrum `obsid` preprocessed with `preprocessingID` (P
    /// entries each), or nil when there is none.
    public static func spectrum(obsid: Int64, preprocessingID: Int,
                                db: PostgresConnection) throws(PostgresError) -> (flux: [Float], ivar: [Float])? {
        guard let row = try db.query("""
            SELECT \(select(from: "sp")) FROM spectrum_preprocessed sp
            WHERE sp.obsid = \(obsid) AND sp.preprocessing_id = \(preprocessingID)
            """, name: "preprocessed_spectrum_arrays").first else { return nil }
        return try decode(row)
    }
}
