import Catalogue
import Store

/// One row of `slam-bench scale`: a stage's wall time, what it processed, the memory peaks while it ran and
/// the database bytes it added, per table.
public struct ScaleStage: Sendable {
    public var name: String
    public var seconds: Double
    /// Items processed (spectra, rows, training stars) and their name.
    public var units: Int
    public var unitName: String
    /// Peaks while the stage ran.
    public var peaks: ResourceSampler.Peaks
    /// Bytes added per table (after minus before; tables that did not change are left out).
    public var growth: [ScaleBenchmarkQueries.TableSize]

    public init(name: String, seconds: Double, units: Int, unitName: String, peaks: ResourceSampler.Peaks,
                growth: [ScaleBenchmarkQueries.TableSize]) {
        self.name = name
        self.seconds = seconds
        self.units = units
        self.unitName = unitName
        self.peaks = peaks
        self.growth = growth
    }

    /// Units per second.
    public var throughput: Double { Double(units) / max(seconds, 1e-9) }

    /// Bytes added by the stage, all tables.
    public var bytesAdded: Int64 { growth.reduce(0) { $0 + $1.totalBytes } }

    /// Per-table differences `after - before` (tables only in `after` count from zero), non-zero ones.
    public static func growth(before: [ScaleBenchmarkQueries.TableSize], after: [ScaleBenchmarkQueries.TableSize])
        -> [ScaleBenchmarkQueries.TableSize]
    {
        let old = Dictionary(before.map { ($0.table, $0) }, uniquingKeysWith: { a, _ in a })
        return after.compactMap { t in
            let b = old[t.table]
            let d = ScaleBenchmarkQueries.TableSize(table: t.table, heapBytes: t.heapBytes - (b?.heapBytes ?? 0),
                                                    toastBytes: t.toastBytes - (b?.toastBytes ?? 0),
                                                    indexBytes: t.indexBytes - (b?.indexBytes ?? 0))
            return d.heapBytes == 0 && d.toastBytes == 0 && d.indexBytes == 0 ? nil : d
        }
    }
}

/// A timed query of `slam-bench scale`: milliseconds over its runs.
public struct ScaleQueryTiming: Sendable {
    public var query: ScaleBenchmarkQueries.Query
    public var medianMilliseconds: Double
    public var p95Milliseconds: Double
    /// Median rows returned.
    public var medianRows: Int
    /// `EXPLAIN (ANALYZE, BUFFERS)` of the first input.
    public var plan: [String]

    public init(query: ScaleBenchmarkQueries.Query, milliseconds: [Double], rows: [Int], plan: [String]) {
        self.query = query
        let sorted = milliseconds.sorted()
        medianMilliseconds = Self.percentile(sorted, 0.5)
        p95Milliseconds = Self.percentile(sorted, 0.95)
        medianRows = rows.isEmpty ? 0 : rows.sorted()[rows.count / 2]
        self.plan = plan
    }

    /// Times every query of ``ScaleBenchmarkQueries`` `runs` times, each run with another random spectrum
    /// as input (drawn with a fixed seed), and keeps the plan of the first.
    public static func measureAll(runs: Int, db: PostgresConnection) throws -> [ScaleQueryTiming] {
        let inputs = try ScaleBenchmarkQueries.sampleInputs(count: runs, seed: 0.5, db: db)
        let clock = ContinuousClock()
        return try ScaleBenchmarkQueries.Query.allCases.map { query in
            var milliseconds: [Double] = [], rows: [Int] = []
            for k in 0..<runs {
                let start = clock.now
                rows.append(try ScaleBenchmarkQueries.run(query, inputs: inputs, k: k, db: db))
                milliseconds.append(1e3 * (clock.now - start).seconds)
            }
            let plan = try ScaleBenchmarkQueries.explain(query, inputs: inputs, k: 0, db: db)
            return ScaleQueryTiming(query: query, milliseconds: milliseconds, rows: rows, plan: plan)
        }
    }

    /// The `p` quantile of sorted values by linear interpolation between closest ranks; 0 when empty.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let x = p * Double(sorted.count - 1)
        let i = Int(x), w = x - Double(i)
        return i + 1 < sorted.count ? sorted[i] * (1 - w) + sorted[i + 1] * w : sorted[i]
    }
}

/// What a scale run measured.
public struct ScaleResult: Sendable {
    public var spectra: Int
    public var apogeeRows: Int
    public var stages: [ScaleStage]
    public var queries: [ScaleQueryTiming]
    /// Database bytes per table at the end, minus those of the freshly migrated database.
    public var tables: [ScaleBenchmarkQueries.TableSize]

    public init(spectra: Int, apogeeRows: Int, stages: [ScaleStage], queries: [ScaleQueryTiming],
                tables: [ScaleBenchmarkQueries.TableSize]) {
        self.spectra = spectra
        self.apogeeRows = apogeeRows
        self.stages = stages
        self.queries = queries
        self.tables = tables
    }
}
