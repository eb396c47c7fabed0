import Catalogue
import Foundation
import Queue
import Store

/// What the survey dashboard (`/survey`) shows, computed at once (`computedAt`) by
/// ``load(db:now:)``: the server refreshes it in the background and serves the last one.
public struct SurveySummary: Sendable {
    public var counts: SurveyCountsRow
    public var rejections: [RejectionSummaryRow]
    public var labelSets: [LabelSetSummaryRow]
    /// Kiel and [α/M]-[M/H] diagrams of every label set that has the labels.
    public var densities: [LabelDensity]
    public var queue: [JobQueue.SummaryRow]
    /// Workers alive, lost, or stopped within a day.
    public var workers: [WorkerRow]
    public var deadJobs: [DeadJobRow]
    public var schedules: [ScheduleEntry]
    /// When it was computed, and how long that took (seconds).
    public var computedAt: Date
    public var seconds: Double

    /// The newest dead jobs listed, and the most workers.
    public static let deadJobLimit = 20
    public static let workerLimit = 100

    public init(counts: SurveyCountsRow, rejections: [RejectionSummaryRow], labelSets: [LabelSetSummaryRow], densities: [LabelDensity],
                queue: [JobQueue.SummaryRow], workers: [WorkerRow], deadJobs: [DeadJobRow], schedules: [ScheduleEntry],
                computedAt: Date, seconds: Double) {
        self.counts = counts
        self.rejections = rejections
        self.labelSets = labelSets
        self.densities = densities
        self.queue = queue
        self.workers = workers
        self.deadJobs = deadJobs
        self.schedules = schedules
        self.computedAt = computedAt
        self.seconds = seconds
    }

    /// Runs every query of the dashboard in one READ ONLY, REPEATABLE READ transaction (one snapshot).
    public static func load(db: PostgresConnection, now: @Sendable () -> Date = Date.init) throws -> SurveySummary {
        let started = now()
        return try db.transaction { db throws -> SurveySummary in
            try db.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", name: "survey_snapshot")
            let labelSets = try SurveySummaryQueries.labelSets(db: db)
            var densities: [LabelDensity] = []
            for set in labelSets {
                for binning in [LabelDensity.Binning.kiel, .alphaMetallicity]
                where set.labelNames.contains(binning.x) && set.labelNames.contains(binning.y) {
                    if let density = try SurveySummaryQueries.density(labelSet: set.labelSet, binning: binning, db: db) {
                        densities.append(density)
                    }
                }
            }
            return SurveySummary(
                counts: try SurveySummaryQueries.counts(db: db), rejections: try SurveySummaryQueries.rejections(db: db),
                labelSets: labelSets, densities: densities, queue: try JobQueue(db).summary(),
                workers: try SurveySummaryQueries.workers(limit: workerLimit, db: db), deadJobs: try SurveySummaryQueries.deadJobs(limit: deadJobLimit, db: db),
                schedules: try ScheduleStore(db).list(), computedAt: started, seconds: now().timeIntervalSince(started))
        }
    }
}
