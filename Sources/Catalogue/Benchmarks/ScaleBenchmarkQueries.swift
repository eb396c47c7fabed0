import Store

/// The users' queries that `slam-bench scale` times at every survey size (issue 18), the random inputs it
/// draws for them, and the table sizes it compares before and after each stage.
public enum ScaleBenchmarkQueries {
    /// One of the timed queries, on the views users query (`labels_current`, `labels_history`).
    public enum Query: String, Sendable, CaseIterable {
        /// The current labels of one star, by designation.
        case starByDesignation = "star by designation"
        /// A cone of 1 arcminute radius around a spectrum's position (q3c).
        case cone1Arcminute = "cone 1 arcmin"
        /// A cone of 1 degree radius around a spectrum's position (q3c).
        case cone1Degree = "cone 1 deg"
        /// Giants (log g < 3.5) with [M/H] < -1 and no flag: the first page of 100, ordered by [M/H].
        case metalPoorGiantsPage = "metal-poor giants, page of 100"
        /// Spectra per label set and flag bit (the view `label_flag_counts`, migration 0031).
        case countsByLabelSetAndFlag = "counts by label set and flag bit"
        /// One spectrum's labels from every model version.
        case labelsAcrossModels = "labels of one spectrum, all models"
    }

    /// Random inputs: spectra (obsid, designation, position) drawn uniformly from `lamost_spectrum`.
    public struct Inputs: Sendable, Equatable {
        public var obsids: [Int64]
        public var designations: [String]
        /// Right ascension and declination, degrees.
        public var positions: [[Double]]

        public init(obsids: [Int64], designations: [String], positions: [[Double]]) {
            self.obsids = obsids
            self.designations = designations
            self.positions = positions
        }

        /// Number of inputs.
        public var count: Int { obsids.count }
    }

    /// Bytes of one table: heap (main fork plus free-space and visibility maps), TOAST (table and index)
    /// and indexes.
    public struct TableSize: Sendable, Equatable {
        public var table: String
        public var heapBytes: Int64
        public var toastBytes: Int64
        public var indexBytes: Int64

        public init(table: String, heapBytes: Int64, toastBytes: Int64, indexBytes: Int64) {
            self.table = table
            self.heapBytes = heapBytes
            self.toastBytes = toastBytes
            self.indexBytes = indexBytes
        }

        /// Heap, TOAST and index bytes together.
        public var totalBytes: Int64 { heapBytes + toastBytes + indexBytes }
    }

    /// `count` spectra drawn at random (server `random()` seeded with `seed` in [-1, 1]; fewer when the
    /// table holds fewer), with their designation (empty when missing) and position.
    public static func sampleInputs(count: Int, seed: Double, db: PostgresConnection) throws(PostgresError) -> Inputs {
        try db.execute("SELECT setseed(\(seed))", name: "scale_bench_setseed")
        let rows = try db.query("""
            SELECT obsid, coalesce(designation, ''), ra, dec FROM lamost_spectrum ORDER BY random() LIMIT \(count)
            """, name: "scale_bench_inputs").rows
        var inputs = Inputs(obsids: [], designations: [], positions: [])
        for row in rows {
            inputs.obsids.append(try row.decode(Int64.self, at: 0))
            inputs.designations.append(try row.decode(String.self, at: 1))
            inputs.positions.append([try row.decode(Double.self, at: 2), try row.decode(Double.self, at: 3)])
        }
        return inputs
    }

    /// The statement of `query` for input number `k` of `inputs` (taken modulo their count; `inputs` must not
    /// be empty for the queries that take one).
    public static func statement(_ query: Query, inputs: Inputs, k: Int) -> SQL {
        let i = inputs.count > 0 ? k % inputs.count : 0
        func position() -> (Double, Double) {
            inputs.positions.isEmpty ? (0, 0) : (inputs.positions[i][0], inputs.positions[i][1])
        }
        switch query {
        case .starByDesignation:
            return """
                SELECT obsid, label_set, teff, teff_err, logg, logg_err, m_h, m_h_err, flags
                FROM labels_current WHERE designation = \(inputs.designations.isEmpty ? "" : inputs.designations[i])
                """
        case .cone1Arcminute, .cone1Degree:
            let (ra, dec) = position()
            let radius = query == .cone1Degree ? 1.0 : 1.0 / 60
            return """
                SELECT obsid, designation, teff, logg, m_h, flags FROM labels_current
                WHERE q3c_radial_query(ra, dec, \(ra), \(dec), \(radius))
                """
        case .metalPoorGiantsPage:
            return """
                SELECT obsid, designation, snrg, teff, logg, m_h, m_h_err, alpha_m FROM labels_current
                WHERE m_h < -1 AND logg < 3.5 AND flags = 0 ORDER BY m_h LIMIT 100
                """
        case .countsByLabelSetAndFlag:
            return "SELECT label_set, bit, n_spectra FROM label_flag_counts ORDER BY label_set, bit"
        case .labelsAcrossModels:
            return """
                SELECT obsid, label_set, model_id, labels, formal_errors, flags, is_current FROM labels_history
                WHERE obsid = \(inputs.obsids.isEmpty ? Int64(0) : inputs.obsids[i]) ORDER BY model_id
                """
        }
    }

    /// Runs `query` with input `k`; returns the number of rows (the rows are read in full).
    public static func run(_ query: Query, inputs: Inputs, k: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query(statement(query, inputs: inputs, k: k)).count
    }

    /// The plan of `query` with input `k`, run: `EXPLAIN (ANALYZE, BUFFERS)`, one line per row.
    public static func explain(_ query: Query, inputs: Inputs, k: Int, db: PostgresConnection) throws(PostgresError) -> [String] {
        try db.query("EXPLAIN (ANALYZE, BUFFERS) " + statement(query, inputs: inputs, k: k)).rows.map {
            row throws(PostgresError) in try row.decode(String.self, at: 0)
        }
    }

    /// Sizes of every table of the public schema (and the job queue's), largest first; a partitioned
    /// table (`prediction`, migration 0035) counts as the sum of its partitions.
    public static func tableSizes(db: PostgresConnection) throws(PostgresError) -> [TableSize] {
        try db.query("""
            SELECT coalesce(pg_partition_root(c.oid), c.oid)::regclass::text AS table_name,
                   sum(pg_table_size(c.oid) - coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0))::int8,
                   sum(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0))::int8,
                   sum(pg_indexes_size(c.oid))::int8
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            GROUP BY 1
            ORDER BY sum(pg_total_relation_size(c.oid)) DESC, 1
            """, name: "scale_bench_table_sizes").rows.map { row throws(PostgresError) in
            TableSize(table: try row.decode(String.self, at: 0), heapBytes: try row.decode(Int64.self, at: 1),
                      toastBytes: try row.decode(Int64.self, at: 2), indexBytes: try row.decode(Int64.self, at: 3))
        }
    }

    /// The server's data directory, or `nil` when this role may not read it.
    public static func dataDirectory(db: PostgresConnection) throws(PostgresError) -> String? {
        let value = try db.query("SELECT setting FROM pg_settings WHERE name = 'data_directory'", name: "scale_bench_data_dir")
            .first.map { row throws(PostgresError) in try row.decode(String?.self, at: 0) } ?? nil
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The process id of this connection's server process (its parent is the postmaster).
    public static func backendProcessID(db: PostgresConnection) throws(PostgresError) -> Int32 {
        guard let row = try db.query("SELECT pg_backend_pid()", name: "scale_bench_backend_pid").first else {
            throw .noRows(statement: "scale_bench_backend_pid")
        }
        return try row.decode(Int32.self, at: 0)
    }

    /// The server's WAL insert position (`pg_current_wal_insert_lsn`), as text.
    public static func walPosition(db: PostgresConnection) throws(PostgresError) -> String {
        guard let row = try db.query("SELECT pg_current_wal_insert_lsn()::text", name: "scale_bench_wal_position").first else {
            throw .noRows(statement: "scale_bench_wal_position")
        }
        return try row.decode(String.self, at: 0)
    }

    /// Bytes of WAL written since `position` (from ``walPosition(db:)``).
    public static func walBytes(since position: String, db: PostgresConnection) throws(PostgresError) -> Int64 {
        guard let row = try db.query("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), \(position)::pg_lsn)::int8",
                                     name: "scale_bench_wal_bytes").first else {
            throw .noRows(statement: "scale_bench_wal_bytes")
        }
        return try row.decode(Int64.self, at: 0)
    }

    /// Deletes the predictions of model `modelID` row by row, as removing a model version cost before
    /// `prediction` was partitioned (migration 0035), and rolls the deletion back; returns the rows it deleted.
    public static func deletePredictionsRolledBack(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        _ = try db.execute("BEGIN", name: "scale_bench_begin")
        do throws(PostgresError) {
            let deleted = try db.execute("DELETE FROM prediction WHERE model_id = \(modelID)", name: "scale_bench_delete_predictions")
            _ = try db.execute("ROLLBACK", name: "scale_bench_rollback")
            return deleted
        } catch {
            _ = try? db.execute("ROLLBACK", name: "scale_bench_rollback")
            throw error
        }
    }

    /// The largest obsid of `lamost_spectrum`, 0 when it is empty.
    public static func largestObsid(db: PostgresConnection) throws(PostgresError) -> Int64 {
        try db.query("SELECT coalesce(max(obsid), 0)::int8 FROM lamost_spectrum", name: "scale_bench_largest_obsid")
            .first?.decode(Int64.self, at: 0) ?? 0
    }

    /// A transaction id taken now (this statement's own, modulo 2^32 as `xmin` holds it): rows that a later
    /// transaction inserts or updates carry a larger `xmin` (``rowsWritten(in:since:db:)``). A fresh
    /// benchmark database is far from the 2^31 transactions after which ids wrap around.
    public static func transactionMark(db: PostgresConnection) throws(PostgresError) -> Int64 {
        guard let row = try db.query("SELECT (pg_current_xact_id()::text::int8 % 4294967296)::int8", name: "scale_bench_xact_mark").first else {
            throw .noRows(statement: "scale_bench_xact_mark")
        }
        return try row.decode(Int64.self, at: 0)
    }

    /// Rows of `table` (a partitioned table: of all its partitions) inserted or last updated by a
    /// transaction after `mark` (``transactionMark(db:)``): what a stage wrote, new rows and rewritten ones.
    public static func rowsWritten(in table: String, since mark: Int64, db: PostgresConnection) throws(PostgresError) -> Int {
        // Not prepared under a name: the table differs from call to call.
        guard let row = try db.query("SELECT count(*)::int8 FROM \(identifier: table) WHERE xmin::text::int8 > \(mark)").first else {
            throw .noRows(statement: "scale_bench_rows_written")
        }
        return Int(try row.decode(Int64.self, at: 0))
    }

    /// Updates the planner statistics of `tables` (`ANALYZE`), e.g. after a stage filled them.
    public static func analyse(_ tables: [String], db: PostgresConnection) throws(PostgresError) {
        for table in tables { try db.execute("ANALYZE \(identifier: table)") }
    }
}
