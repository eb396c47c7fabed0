import Store

/// Named queries of the survey dashboard (`/survey`): counts per stage, rejections by reason, the
/// current catalogue per label set and as binned label diagrams, workers holding leases and dead jobs.
/// Some scan whole tables (counts, bins): the server runs them in the background and serves the last
/// result, never per request.
public enum SurveySummaryQueries {
    /// Spectra ingested and preprocessed, rejections, training sets and models.
    public static func counts(db: PostgresConnection) throws(PostgresError) -> SurveyCountsRow {
        guard let row = try db.query("""
            SELECT (SELECT count(*) FROM lamost_spectrum) AS spectra,
                   (SELECT count(DISTINCT obsid) FROM spectrum_preprocessed) AS preprocessed,
                   (SELECT count(*) FROM rejection) AS rejections,
                   (SELECT count(*) FROM training_set) AS training_sets,
                   (SELECT count(*) FROM model) AS models
            """, name: "survey_counts").first else { throw .noRows(statement: "survey_counts") }
        return SurveyCountsRow(spectra: try row.decode(Int.self, "spectra"), preprocessed: try row.decode(Int.self, "preprocessed"),
                               rejections: try row.decode(Int.self, "rejections"),
                               trainingSets: try row.decode(Int.self, "training_sets"), models: try row.decode(Int.self, "models"))
    }

    /// Rejections per stage and reason, with the newest of each as an example, by stage then count.
    public static func rejections(db: PostgresConnection) throws(PostgresError) -> [RejectionSummaryRow] {
        var rows: [RejectionSummaryRow] = []
        for row in try db.query("""
            SELECT * FROM (
                SELECT DISTINCT ON (stage, reason_code) stage, reason_code,
                       count(*) OVER (PARTITION BY stage, reason_code) AS count, object, reason, created_at
                FROM rejection ORDER BY stage, reason_code, rejection_id DESC) r
            ORDER BY stage, count DESC, reason_code
            """, name: "survey_rejections").rows {
            rows.append(try RejectionSummaryRow(row: row))
        }
        return rows
    }

    /// Each label set's current model with the spectra it labelled and how many are flagged.
    public static func labelSets(db: PostgresConnection) throws(PostgresError) -> [LabelSetSummaryRow] {
        var rows: [LabelSetSummaryRow] = []
        for row in try db.query("""
            SELECT mc.label_set, mc.model_id, m.label_names, count(pr.obsid) AS predicted,
                   count(pr.obsid) FILTER (WHERE pr.flags <> 0) AS flagged
            FROM model_current mc JOIN model m USING (model_id) LEFT JOIN prediction pr ON pr.model_id = mc.model_id
            GROUP BY mc.label_set, mc.model_id, m.label_names ORDER BY mc.label_set
            """, name: "survey_label_sets").rows {
            rows.append(try LabelSetSummaryRow(row: row))
        }
        return rows
    }

    /// The current catalogue of `labelSet` binned on `binning` (`labels_current`); nil when a label is not
    /// one of ``LabelDensity/Binning/labels``.
    public static func density(labelSet: String, binning: LabelDensity.Binning, db: PostgresConnection) throws(PostgresError) -> LabelDensity? {
        guard LabelDensity.Binning.labels.contains(binning.x), LabelDensity.Binning.labels.contains(binning.y),
              binning.xBins > 0, binning.yBins > 0 else { return nil }
        let (nx, ny) = (binning.xBins, binning.yBins)
        var unflagged = [Int](repeating: 0, count: nx * ny), flagged = unflagged, outside = 0
        for row in try db.query("""
            SELECT width_bucket(\(identifier: binning.x)::float8, \(binning.xRange.lowerBound), \(binning.xRange.upperBound), \(nx)::int) AS i,
                   width_bucket(\(identifier: binning.y)::float8, \(binning.yRange.lowerBound), \(binning.yRange.upperBound), \(ny)::int) AS j,
                   (flags <> 0) AS flagged, count(*) AS n
            FROM labels_current
            WHERE label_set = \(labelSet) AND \(identifier: binning.x) IS NOT NULL AND \(identifier: binning.y) IS NOT NULL
            GROUP BY 1, 2, 3
            """, name: "survey_density").rows {
            let i = try row.decode(Int.self, "i"), j = try row.decode(Int.self, "j"), n = try row.decode(Int.self, "n")
            guard (1...nx).contains(i), (1...ny).contains(j) else {
                outside += n
                continue
            }
            let cell = (j - 1) * nx + (i - 1)
            if try row.decode(Bool.self, "flagged") { flagged[cell] += n } else { unflagged[cell] += n }
        }
        return LabelDensity(labelSet: labelSet, binning: binning, unflagged: unflagged, flagged: flagged, outside: outside)
    }

    /// The workers alive or lost, and those stopped within the last day: alive first, then lost, then
    /// stopped, newest heartbeat first within each; at most `limit`.
    public static func workers(limit: Int, db: PostgresConnection) throws(PostgresError) -> [WorkerRow] {
        var rows: [WorkerRow] = []
        for row in try db.query("""
            SELECT * FROM (
                SELECT w.worker_id, w.host, w.pid, w.kinds, w.slots, w.running, w.started_at, w.heartbeat_at, w.stopped_at,
                       CASE WHEN w.stopped_at IS NOT NULL THEN 'stopped'
                            WHEN w.heartbeat_at >= now() - make_interval(secs => 3 * w.heartbeat_seconds) THEN 'alive'
                            ELSE 'lost' END AS state,
                       (SELECT count(*) FROM job j WHERE j.state = 'running' AND j.lease_owner = w.worker_id) AS leases
                FROM worker w
                WHERE w.stopped_at IS NULL OR w.stopped_at > now() - interval '1 day') w
            ORDER BY CASE state WHEN 'alive' THEN 0 WHEN 'lost' THEN 1 ELSE 2 END, heartbeat_at DESC
            LIMIT \(limit)
            """, name: "survey_workers").rows {
            rows.append(try WorkerRow(row: row))
        }
        return rows
    }

    /// The newest `limit` dead jobs (failed for good), newest first.
    public static func deadJobs(limit: Int, db: PostgresConnection) throws(PostgresError) -> [DeadJobRow] {
        var rows: [DeadJobRow] = []
        for row in try db.query("""
            SELECT id, kind, attempt, last_error, finished_at FROM job WHERE state = 'dead'
            ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT \(limit)
            """, name: "survey_dead_jobs").rows {
            rows.append(try DeadJobRow(row: row))
        }
        return rows
    }
}
