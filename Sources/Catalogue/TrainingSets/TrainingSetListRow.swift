import Store

/// One training set as listed (`slam trainingset list`).
public struct TrainingSetListRow: Sendable, Equatable {
    public var trainingSetID: Int
    public var name: String
    public var version: Int
    public var labelSet: String
    public var labelNames: [String]
    public var members: Int
    /// Crossmatch run of APOGEE sets.
    public var crossmatchRunID: Int?
    /// Label catalogue name and version the labels come from, if any.
    public var catalogueName: String?
    public var catalogueVersion: Int?
    /// When it was created, `YYYY-MM-DD HH24:MI` in the server's time zone.
    public var created: String

    public init(row: PostgresRow) throws(PostgresError) {
        trainingSetID = try row.decode(Int.self, "training_set_id")
        name = try row.decode(String.self, "name")
        version = try row.decode(Int.self, "version")
        labelSet = try row.decode(String.self, "label_set")
        labelNames = try row.decode([String].self, "label_names")
        members = try row.decode(Int.self, "n_members")
        crossmatchRunID = try row.decode(Int?.self, "crossmatch_run_id")
        catalogueName = try row.decode(String?.self, "catalogue_name")
        catalogueVersion = try row.decode(Int?.self, "catalogue_version")
        created = try row.decode(String.self, "created")
    }
}
