import Store

/// One member of a training set with its preprocessed spectrum, as training reads it.
public struct TrainingSetMemberRow: Sendable {
    public var obsid: Int64
    /// S/N in the g band (nil when the survey gave none).
    public var snrg: Float?
    /// Reference labels, L entries, label units.
    public var labels: [Float]
    /// Whether the member is held out for validation.
    public var heldOut: Bool
    /// Normalised flux and its inverse variance on the set's grid, P entries each.
    public var flux: [Float]
    public var ivar: [Float]

    public init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        snrg = try row.decode(Float?.self, "snrg")
        labels = try row.decode([Float].self, "labels")
        heldOut = try row.decode(Bool.self, "held_out")
        (flux, ivar) = try PreprocessedArrays.decode(row)
    }
}

/// Reads the members of a training set (read side only).
public enum TrainingSetMemberQueries {
    /// The members of training set `trainingSetID` that have a spectrum preprocessed with `preprocessingID`,
    /// by obsid, each passed to `body` as it is decoded (a large set is not held twice).
    public static func membersWithSpectra(trainingSetID: Int, preprocessingID: Int, db: PostgresConnection,
                                          _ body: (TrainingSetMemberRow) throws -> Void) throws {
        for row in try db.query("""
            SELECT m.obsid, m.snrg, m.labels, m.held_out, \(PreprocessedArrays.select(from: "sp"))
            FROM training_set_member m
            JOIN spectrum_preprocessed sp ON sp.obsid = m.obsid AND sp.preprocessing_id = \(preprocessingID)
            WHERE m.training_set_id = \(trainingSetID)
            ORDER BY m.obsid
            """, name: "training_set_members_with_spectra").rows {
            try body(try TrainingSetMemberRow(row: row))
        }
    }
}
