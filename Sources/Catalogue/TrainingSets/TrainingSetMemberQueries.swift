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
    /// The members `obsids` of training set `trainingSetID` that have a spectrum preprocessed with
    /// `preprocessingID`, by obsid, each passed to `body`: a chosen part of a large set, read without the rest.
    public static func membersWithSpectra(trainingSetID: Int, preprocessingID: Int, obsids: [Int64], db: PostgresConnection,
                                          _ body: (TrainingSetMemberRow) throws -> Void) throws {
        for row in try db.query("""
            SELECT m.obsid, m.snrg, m.labels, m.held_out, \(PreprocessedArrays.select(from: "sp"))
            FROM training_set_member m
            JOIN spectrum_preprocessed sp ON sp.obsid = m.obsid AND sp.preprocessing_id = \(preprocessingID)
            WHERE m.training_set_id = \(trainingSetID) AND m.obsid = ANY(\(obsids.map { Int($0) }))
            ORDER BY m.obsid
            """, name: "training_set_members_with_spectra_by_obsid").rows {
            try body(try TrainingSetMemberRow(row: row))
        }
    }

    /// The obsids of the members of training set `trainingSetID` held out for validation (`heldOut` true)
    /// or trained on (false) that have a spectrum preprocessed with `preprocessingID`, by obsid: 8 bytes a
    /// member, where the spectra are 8 kB.
    public static func memberObsids(trainingSetID: Int, preprocessingID: Int, heldOut: Bool,
                                    db: PostgresConnection) throws(PostgresError) -> [Int64] {
        var obsids: [Int64] = []
        for row in try db.query("""
            SELECT m.obsid
            FROM training_set_member m
            JOIN spectrum_preprocessed sp ON sp.obsid = m.obsid AND sp.preprocessing_id = \(preprocessingID)
            WHERE m.training_set_id = \(trainingSetID) AND m.held_out = \(heldOut)
            ORDER BY m.obsid
            """, name: "training_set_member_obsids").rows {
            obsids.append(try row.decode(Int64.self, at: 0))
        }
        return obsids
    }
}
