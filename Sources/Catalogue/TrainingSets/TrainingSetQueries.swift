import Store

/// Named queries that select and write training sets (``TrainingSetSelection`` candidates, the versioned
/// `training_set` row and its `training_set_member` rows). Statements over a selection change with its
/// cuts, so they run unprepared (no `name:` would fit every variant).
public enum TrainingSetQueries {
    /// The candidates and, per cut in order, the candidates that passed every earlier cut and fail it.
    public static func cutCounts(_ selection: TrainingSetSelection, db: PostgresConnection) throws(PostgresError) -> (candidates: Int, removed: [Int]) {
        let filters = selection.cuts.indices.map { k -> SQL in
            let earlier: SQL = k == 0 ? "" : TrainingSetSelection.passing(k) + " AND "
            return ", count(*) FILTER (WHERE \(earlier)NOT \(TrainingSetSelection.flag(k)))"
        }
        let sql = selection.with + " SELECT count(*)" + SQL.joined(filters, separator: "") + " FROM ranked"
        guard let row = try db.query(sql).first else { throw .noRows(statement: "training set counts") }
        var removed: [Int] = []
        for k in selection.cuts.indices { removed.append(try row.decode(Int.self, at: k + 1)) }
        return (try row.decode(Int.self, at: 0), removed)
    }

    /// Stages an explicit member list in the transaction's temporary table `listed_member`.
    public static func stageListedMembers(_ obsids: [Int64], heldOut: [Bool], db: PostgresConnection) throws(PostgresError) {
        // DDL takes no parameters.
        try db.executeScript("CREATE TEMP TABLE listed_member (obsid bigint PRIMARY KEY, held_out boolean) ON COMMIT DROP",
                             name: "create member list")
        try db.execute("INSERT INTO listed_member SELECT * FROM unnest(\(obsids.map { Int($0) })::bigint[], \(heldOut)::boolean[])",
                       name: "listed_member_insert")
    }

    /// Up to 10 listed members that are not candidates or fail a cut, by obsid: the names of the cuts they
    /// fail, or nil when no candidate has that obsid.
    public static func unusableListedMembers(_ selection: TrainingSetSelection, db: PostgresConnection) throws(PostgresError) -> [(obsid: Int64, failedCuts: String?)] {
        let failed = SQL.joined(selection.cuts.enumerated().map { k, cut in
            "CASE WHEN r.\(TrainingSetSelection.flag(k)) THEN NULL ELSE \(cut.name) END"
        }, separator: ", ")
        let sql = selection.with + """
             SELECT m.obsid, CASE WHEN r.obsid IS NULL THEN NULL
                                  ELSE (SELECT string_agg(x, ', ') FROM unnest(ARRAY[\(failed)]::text[]) AS x) END
            FROM listed_member m LEFT JOIN ranked r ON r.obsid = m.obsid
            WHERE r.obsid IS NULL OR NOT (\(TrainingSetSelection.passing(selection.cuts.count, prefix: "r.")))
            ORDER BY m.obsid LIMIT 10
            """
        return try db.query(sql).rows.map { row throws(PostgresError) in
            (try row.decode(Int64.self, at: 0), try row.decode(String?.self, at: 1))
        }
    }

    /// Takes the transaction's lock on set name `name` and returns its next version (1 for a new name),
    /// so two creators never collide.
    public static func lockNextVersion(name: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("SELECT pg_advisory_xact_lock(hashtext('training_set:' || \(name)))", name: "training_set_lock_name")
        return try db.query("SELECT coalesce(max(version), 0) + 1 FROM training_set WHERE name = \(name)",
                            name: "training_set_next_version").first?.decode(Int.self, at: 0) ?? 1
    }

    /// Inserts the `training_set` row (empty cut report) and returns its id.
    public static func insert(_ set: TrainingSetRecord, db: PostgresConnection) throws(PostgresError) -> Int {
        guard let row = try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, crossmatch_run_id, preprocessing_id,
                                      criteria, cut_report, validation_fraction, seed, n_members, catalogue_id)
            VALUES (\(set.name), \(set.version), \(set.labelSet), \(set.labelNames), \(set.labelSource), \(set.crossmatchRunID),
                    \(set.preprocessingID), \(set.criteria), '{}', \(set.validationFraction), \(Int64(bitPattern: set.seed)),
                    \(set.members), \(set.catalogueID))
            RETURNING training_set_id
            """, name: "training_set_insert").first else { throw .noRows(statement: "training_set_insert") }
        return try row.decode(Int.self, at: 0)
    }

    /// Copies the candidates passing every cut into set `setID` with their labels, and a held-out mark:
    /// the seeded split (`md5(seed:obsid)` below `validationFraction`), or the member list's mark where
    /// `listedHeldOut` and the list has one. Returns the rows inserted.
    public static func insertMembers(_ selection: TrainingSetSelection, setID: Int, seed: UInt64, validationFraction: Double,
                                     listedHeldOut: Bool, db: PostgresConnection) throws(PostgresError) -> Int {
        let split: SQL = "('x' || substr(md5(\(String(seed))::text || ':' || obsid::text), 1, 8))::bit(32)::bigint / 4294967296.0 < \(validationFraction)"
        let heldOut = listedHeldOut ? "coalesce((SELECT m.held_out FROM listed_member m WHERE m.obsid = ranked.obsid), \(split))" : split
        return try db.execute(selection.with + """
             INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, label_errors, snrg, held_out)
            SELECT \(setID), obsid, \(selection.referenceColumn), labels, label_errors, snrg, \(heldOut)
            FROM ranked WHERE \(TrainingSetSelection.passing(selection.cuts.count))
            """)
    }

    /// Minimum and maximum of label `index` (0-based) over the members of set `setID`, or nil without members.
    public static func labelSpan(setID: Int, index: Int, db: PostgresConnection) throws(PostgresError) -> (minimum: Double, maximum: Double)? {
        guard let row = try db.query("""
            SELECT min(labels[\(Int32(index + 1))])::float8, max(labels[\(Int32(index + 1))])::float8
            FROM training_set_member WHERE training_set_id = \(setID)
            """, name: "training_set_label_span").first else { return nil }
        return (try row.decode(Double.self, at: 0), try row.decode(Double.self, at: 1))
    }

    /// Members of set `setID` held out for validation.
    public static func heldOutCount(setID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM training_set_member WHERE training_set_id = \(setID) AND held_out",
                     name: "training_set_held_out_count").first?.decode(Int.self, at: 0) ?? 0
    }

    /// Stores the set's cut report.
    public static func setCutReport(setID: Int, report: JSONB, db: PostgresConnection) throws(PostgresError) {
        try db.execute("UPDATE training_set SET cut_report = \(report) WHERE training_set_id = \(setID)", name: "training_set_cut_report")
    }

    /// Every training set, oldest first, as `slam trainingset list` shows them.
    public static func list(db: PostgresConnection) throws(PostgresError) -> [TrainingSetListRow] {
        try db.query("""
            SELECT t.training_set_id, t.name, t.version, t.label_set, t.label_names, t.n_members, t.crossmatch_run_id,
                   c.name AS catalogue_name, c.version AS catalogue_version,
                   to_char(t.created_at, 'YYYY-MM-DD HH24:MI') AS created
            FROM training_set t LEFT JOIN label_catalogue c USING (catalogue_id) ORDER BY t.training_set_id
            """, name: "training_set_list").rows.map { row throws(PostgresError) in try TrainingSetListRow(row: row) }
    }
}
