import Catalogue
import Formats
import Foundation
import Queue
import Store

/// Loads an APOGEE allStar file into `apogee_star`: reads only the needed columns in row chunks
/// (constant memory for a 200k-row, several-GB file), streams them with binary COPY into a staging
/// table, and keeps one row per APOGEE_ID (no EXTRATARG duplicate bit first, then the highest SNR,
/// then the earliest row), all in one transaction. Re-loading the same release replaces its rows.
/// Rows without an id or with an impossible position become rejection rows.
public struct ApogeeIngestor: Sendable {
    /// `rejection.stage` of refused allStar rows.
    public static let stage = "ingest_apogee"

    public var release: String
    public var columns: ApogeeColumnMap
    public var chunkRows: Int

    public init(release: String = "DR15", columns: ApogeeColumnMap = .dr15, chunkRows: Int = 20_000) {
        self.release = release
        self.columns = columns
        self.chunkRows = max(1, chunkRows)
    }

    /// Loads `path`; throws ``FITSError`` when the file cannot be opened as an allStar table (nothing is
    /// written), or ``PostgresError`` when the database fails (rolled back).
    /// Run as a job, the load is written with the job's completion (`fence`, ``JobFence/complete(_:)``).
    public func load(path: String, connection: PostgresConnection, jobID: Int64? = nil, fence: JobFence = .unfenced,
                     progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> ApogeeIngestSummary {
        let reader = try ApogeeAllStarReader(url: URL(fileURLWithPath: path), columns: columns)
        var summary = ApogeeIngestSummary(rows: reader.rowCount)
        let started = Date()
        try connection.transaction { db in
            try ApogeeStarQueries.createStaging(db: db)
            var rejections: [RejectionRecord] = []
            var start = 0
            while start < reader.rowCount {
                let rows = start..<min(reader.rowCount, start + chunkRows)
                let stars = try reader.read(rows: rows)
                try ApogeeStarQueries.stage(db: db) { copy in
                    for star in stars {
                        if let rejection = validate(star, path: path) {
                            rejections.append(rejection)
                            continue
                        }
                        try copy.append(row(star, path: path, jobID: jobID))
                    }
                }
                start = rows.upperBound
                progress?(start, reader.rowCount)
            }
            try RejectionWriter.clear(stage: Self.stage, rowsOf: path, db: db)
            try RejectionWriter.write(rejections, jobID: jobID, db: db)
            summary.rejected = rejections.count
            summary.stars = try ApogeeStarQueries.upsertStaged(release: release, db: db)
            summary.duplicateRows = summary.rows - summary.rejected - summary.stars
            try fence.complete(db)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    func validate(_ star: ApogeeStar, path: String) -> RejectionRecord? {
        let source = "\(path)#\(star.row + 1)"
        let id = star.apogeeID.trimmingCharacters(in: .whitespaces)
        if id.isEmpty {
            return RejectionRecord(stage: Self.stage, source: source, code: "missing_id", reason: "row \(star.row + 1): empty APOGEE_ID")
        }
        guard star.ra.isFinite, star.dec.isFinite, (0..<360).contains(star.ra), (-90...90).contains(star.dec) else {
            return RejectionRecord(stage: Self.stage, source: source, object: id, code: "invalid_position",
                                   reason: "row \(star.row + 1): RA \(star.ra), DEC \(star.dec) out of range")
        }
        return nil
    }

    /// A star's values in ``ApogeeStarQueries/stagedColumns`` order.
    func row(_ s: ApogeeStar, path: String, jobID: Int64?) -> [any PostgresEncodable] {
        func f(_ v: Double?) -> Float? { v.map(Float.init) }
        return [
            s.apogeeID.trimmingCharacters(in: .whitespaces), release, s.telescope, s.field, s.ra, s.dec, f(s.snr),
            f(s.teff), f(s.teffErr), f(s.logg), f(s.loggErr), f(s.mH), f(s.mHErr), f(s.alphaM), f(s.alphaMErr),
            f(s.cM), f(s.cMErr), f(s.nM), f(s.nMErr), Int64(bitPattern: s.aspcapFlag), Int64(bitPattern: s.starFlag),
            s.extraTarg.flatMap { Int32(exactly: $0) }, path, jobID, s.row,
        ]
    }
}

/// What an allStar load did.
public struct ApogeeIngestSummary: Sendable, Codable, Equatable {
    /// Rows in the file.
    public var rows: Int
    /// Distinct stars written (inserted or replaced).
    public var stars = 0
    /// Rows dropped as duplicates of a kept row with the same APOGEE_ID.
    public var duplicateRows = 0
    /// Rows refused (see `rejection`).
    public var rejected = 0
    public var seconds = 0.0
    public init(rows: Int) { self.rows = rows }
}
