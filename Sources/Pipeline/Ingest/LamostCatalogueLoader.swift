import Catalogue
import Formats
import Foundation
import Queue
import Store

/// Loads a LAMOST catalogue file (FITS binary table or CSV, read with ``LamostCatalogue/read(url:)``)
/// into `lamost_catalogue`: rows go by binary COPY into a staging table and are upserted by obsid, all
/// in one transaction, so reloading the same file changes nothing but `loaded_at`. Rows that cannot be
/// stored (a position out of range, an identity number out of its column's range, an obsid repeated in
/// the file) become rejection rows with stage `ingest_catalogue`; the rest goes on. A column the file
/// does not have keeps its stored values on reload (loading the general catalogue after the AFGK one
/// does not erase the LASP parameters).
public struct LamostCatalogueLoader: Sendable {
    /// `rejection.stage` of refused catalogue rows.
    public static let stage = "ingest_catalogue"

    /// Data release recorded with every row, e.g. `DR5`.
    public var release: String

    public init(release: String = "DR5") {
        self.release = release
    }

    /// Loads `path`.
    /// - Throws: ``FITSError`` when the file cannot be read as a catalogue (no obsid column, a row
    ///   without obsid, a malformed CSV line ...): nothing is written. ``PostgresError`` when the
    ///   database fails: the transaction is rolled back.
    ///   Run as a job, the load is written with the job's completion (`fence`, ``JobFence/complete(_:)``).
    public func load(path: String, connection: PostgresConnection, jobID: Int64? = nil,
                     fence: JobFence = .unfenced) throws -> LamostCatalogueLoadSummary {
        let started = Date()
        let (entries, present) = try Self.read(path: path)
        var summary = LamostCatalogueLoadSummary(rows: entries.count)
        var rejections: [RejectionRecord] = []
        var seen = Set<Int64>()
        seen.reserveCapacity(entries.count)
        try connection.transaction { db in
            try LamostCatalogueQueries.createStaging(db: db)
            try LamostCatalogueQueries.stage(db: db) { copy in
                for (index, entry) in entries.enumerated() {
                    let source = "\(path)#\(index + 1)"
                    if let rejection = validate(entry, source: source) {
                        rejections.append(rejection)
                    } else if !seen.insert(entry.obsid).inserted {
                        rejections.append(RejectionRecord(
                            stage: Self.stage, source: source, object: String(entry.obsid), code: "duplicate_obsid",
                            reason: "row \(index + 1): obsid \(entry.obsid) already appears on an earlier row; the first is kept"))
                    } else {
                        try copy.append(row(entry, path: path, jobID: jobID))
                    }
                }
            }
            try RejectionWriter.clear(stage: Self.stage, rowsOf: path, db: db)
            try RejectionWriter.write(rejections, jobID: jobID, db: db)
            summary.loaded = try LamostCatalogueQueries.upsertStaged(keeping: Set(Self.dataColumns).subtracting(present), db: db)
            summary.rejected = rejections.count
            summary.matchedSpectra = try LamostCatalogueQueries.stagedMatchingSpectra(db: db)
            try fence.complete(db)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Why a row cannot be stored, or nil.
    func validate(_ e: LamostCatalogueEntry, source: String) -> RejectionRecord? {
        let object = String(e.obsid)
        if let ra = e.ra, let dec = e.dec {
            guard (0..<360).contains(ra), (-90...90).contains(dec) else {
                return RejectionRecord(stage: Self.stage, source: source, object: object, code: "invalid_position",
                                       reason: "obsid \(e.obsid): RA \(ra), DEC \(dec) out of range")
            }
        } else if e.ra != nil || e.dec != nil {
            return RejectionRecord(stage: Self.stage, source: source, object: object, code: "invalid_position",
                                   reason: "obsid \(e.obsid): only one of ra, dec is given")
        }
        for (name, value, range) in [("lmjd", e.lmjd, Int(Int32.min)...Int(Int32.max)),
                                     ("spid", e.spid, Int(Int16.min)...Int(Int16.max)),
                                     ("fiberid", e.fiberid, Int(Int16.min)...Int(Int16.max))] {
            if let value, !range.contains(value) {
                return RejectionRecord(stage: Self.stage, source: source, object: object, code: "invalid_value",
                                       reason: "obsid \(e.obsid): \(name) \(value) out of range")
            }
        }
        return nil
    }

    /// A row's values in ``LamostCatalogueQueries/columns`` order.
    func row(_ e: LamostCatalogueEntry, path: String, jobID: Int64?) -> [any PostgresEncodable] {
        [
            e.obsid, e.designation, e.obsdate, e.lmjd, e.planid, e.spid, e.fiberid, e.ra, e.dec,
            e.snr.u, e.snr.g, e.snr.r, e.snr.i, e.snr.z, e.objectClass, e.subclass, e.z,
            e.teff, e.teffErr, e.logg, e.loggErr, e.feh, e.fehErr, e.rv, release, path, jobID,
        ]
    }

    /// The catalogue's data columns (every column but obsid and the load bookkeeping).
    static var dataColumns: [String] { LamostCatalogueQueries.dataColumns }

    /// The file's rows and the names of the data columns it has (FITS when it starts with `SIMPLE` or
    /// is gzip, CSV otherwise, as ``LamostCatalogue/read(url:)``).
    static func read(path: String) throws(FITSError) -> (entries: [LamostCatalogueEntry], present: Set<String>) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .fileNotFound(file: path) }
        let magic = [UInt8]((try? handle.read(upToCount: 6)) ?? Data())
        try? handle.close()
        let isFITS = magic == Array("SIMPLE".utf8) || (magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        let url = URL(fileURLWithPath: path)
        let table = isFITS ? try CatalogueTable.readFITS(url: url)
            : try CatalogueTable.readCSV(url: url, types: LamostCatalogue.columnTypes)
        let entries = try LamostCatalogue.entries(from: table, file: path)
        return (entries, Set(dataColumns.filter { table.column($0) != nil }))
    }
}

/// What a catalogue load did.
public struct LamostCatalogueLoadSummary: Sendable, Codable, Equatable {
    /// Rows in the file.
    public var rows: Int
    /// Rows inserted or replaced in `lamost_catalogue`.
    public var loaded = 0
    /// Rows refused (see `rejection`, stage `ingest_catalogue`).
    public var rejected = 0
    /// Loaded rows that match an ingested spectrum (by obsid, or by file identity for synthetic obsids).
    public var matchedSpectra = 0
    /// Wall time, seconds.
    public var seconds = 0.0
    public init(rows: Int) { self.rows = rows }
}
