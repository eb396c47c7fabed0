import Catalogue
import Formats
import Foundation
import Queue
import Store

/// Loads a reference-label table (the LASP AFGK catalogue, or a user table with a column mapping) as
/// a new version of a label catalogue: the file is read in chunks of ``chunkRows`` rows, each validated
/// (see ``LabelTableExtractor``) and copied into a staging table, and the version and its rows are
/// written in one transaction, so that any bad row rolls everything back. Every attempt
/// leaves a `label_catalogue_load` row: complete with the catalogue written, or failed with the reason
/// (and nothing else written).
public struct LabelCatalogueLoader: Sendable {
    /// Catalogue name, e.g. `lasp-dr5`, `galah-dr3` (the label set of models trained on it).
    public var name: String
    /// `.lasp` or `.table`.
    public var kind: LabelCatalogueKind
    /// How the file's columns become labels.
    public var mapping: LabelTableMapping
    /// Rows read, validated and copied per chunk (bounded memory for catalogues of millions of rows).
    public var chunkRows = 100_000

    /// A loader; `kind` must be `.lasp` or `.table` (APOGEE goes through ``LabelCatalogueRegistry/registerApogee(release:path:jobID:db:)``).
    public init(name: String, kind: LabelCatalogueKind, mapping: LabelTableMapping) {
        precondition(kind != .apogee, "APOGEE catalogues are registered, not loaded here")
        self.name = name
        self.kind = kind
        self.mapping = mapping
    }

    /// The LASP AFGK catalogue of a data release, named `lasp-<release>`.
    public static func lasp(release: String = "DR5") -> LabelCatalogueLoader {
        LabelCatalogueLoader(name: LabelCatalogueKind.lasp.defaultName(release: release), kind: .lasp, mapping: .lasp)
    }


    /// Reads `path` (FITS binary table or CSV) in chunks and writes a new catalogue version; a problem
    /// in any chunk rolls the whole version back.
    /// - Throws: ``LabelCatalogueError``; the failure is recorded in `label_catalogue_load` (when the
    ///   database is reachable) and nothing else is written.
    ///   Run as a job, the catalogue (or the failure record) is written behind the job's lease `fence`, the
    ///   catalogue with the job's completion.
    public func load(path: String, connection: PostgresConnection, jobID: Int64? = nil, fence: JobFence = .unfenced,
                     progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(LabelCatalogueError) -> LabelCatalogueSummary {
        let started = Date()
        do throws(LabelCatalogueError) {
            guard LabelCatalogueRegistry.isValidName(name) else { throw .invalidName(name) }
            let reader: CatalogueChunkReader
            do { reader = try CatalogueChunkReader(url: URL(fileURLWithPath: path), csvAsText: true) } catch { throw .unreadable(error) }
            try LabelTableExtractor.checkColumns(reader.columnNames, mapping: mapping, file: path)
            var summary = try write(reader, path: path, digest: Self.sha256(path), connection: connection, jobID: jobID,
                                    fence: fence, progress: progress)
            summary.seconds = Date().timeIntervalSince(started)
            return summary
        } catch {
            _ = try? connection.transaction { db in
                try LabelCatalogueRegistry.recordFailure(name: name, kind: kind, path: path, error: error.description,
                                                         jobID: jobID, db: db)
                try fence.check(db)
            }
            throw error
        }
    }

    private func write(_ reader: CatalogueChunkReader, path: String, digest: String?, connection: PostgresConnection, jobID: Int64?,
                       fence: JobFence, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) throws(LabelCatalogueError) -> LabelCatalogueSummary {
        let mapping = self.mapping, name = self.name, kind = self.kind, chunkRows = self.chunkRows
        do {
            return try connection.transaction { db in
                let version = try LabelCatalogueQueries.lockNextVersion(name: name, db: db)
                let id = try LabelCatalogueQueries.insert(
                    name: name, version: version, kind: kind.rawValue, keyKind: mapping.isObsidKeyed ? "obsid" : "position",
                    labelNames: mapping.labels.map(\.name), labelUnits: mapping.labels.map(\.unit.stored.rawValue), sourceFile: path,
                    fileSHA256: digest, mapping: try JSONB(encoding: mapping), apogeeRelease: nil, rows: 0, jobID: jobID, db: db)
                try LabelCatalogueQueries.createStaging(db: db)
                var total = 0
                var seen: [String: Int] = [:]
                while true {
                    let chunk: CatalogueTable?
                    do throws(FITSError) { chunk = try reader.next(maxRows: chunkRows) } catch {
                        throw LabelCatalogueError.unreadable(error)
                    }
                    guard let chunk else { break }
                    let rows = try LabelTableExtractor.rows(chunk, mapping: mapping, file: path, firstRow: total, seen: &seen)
                    try LabelCatalogueQueries.stage(rows, db: db)
                    total += chunk.rowCount
                    progress?(total, max(total, reader.rowCount ?? total))
                }
                guard total > 0 else { throw LabelCatalogueError.emptyTable(file: path) }
                let written = try LabelCatalogueQueries.insertStagedRows(catalogueID: id, db: db)
                let matched = try LabelCatalogueQueries.matchedSpectra(catalogueID: id, byPosition: !mapping.isObsidKeyed, db: db)
                let missingErrors = try Self.missingErrors(catalogueID: id, labelNames: mapping.labels.map(\.name), db: db)
                try LabelCatalogueQueries.recordCompleteLoad(name: name, kind: kind.rawValue, sourceFile: path, catalogueID: id,
                                                             rows: written, jobID: jobID, db: db)
                try fence.complete(db)
                var summary = LabelCatalogueSummary(catalogueID: id, name: name, version: version, rows: written,
                                                    labelNames: mapping.labels.map(\.name), matchedSpectra: matched)
                summary.missingErrors = missingErrors
                return summary
            }
        } catch let error as LabelCatalogueError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }

    /// Per label name, the rows of catalogue `catalogueID` (with labels `labelNames`, in stored order) that
    /// have the label but not its error (no error column, or -9999, NaN or empty in the file: a NULL
    /// element); labels with every error present are absent.
    public static func missingErrors(catalogueID: Int, labelNames: [String], db: PostgresConnection) throws -> [String: Int] {
        var missing: [String: Int] = [:]
        for (k, rows) in try LabelCatalogueQueries.missingErrorCounts(catalogueID: catalogueID, db: db) where labelNames.indices.contains(k - 1) {
            missing[labelNames[k - 1]] = rows
        }
        return missing
    }

    /// SHA-256 of files up to 256 MB (larger ones are identified by path and row count only).
    static func sha256(_ path: String) -> String? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= 256 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256Digest.hex(data)
    }
}

/// What a label-catalogue load wrote.
public struct LabelCatalogueSummary: Sendable, Codable, Equatable {
    /// `label_catalogue.catalogue_id` of the version written.
    public var catalogueID: Int
    /// Catalogue name (the label set of models trained on it).
    public var name: String
    /// Version written, from 1.
    public var version: Int
    /// Reference rows written.
    public var rows: Int
    /// Label names in stored order.
    public var labelNames: [String]
    /// Rows that name an ingested spectrum (obsid) or lie within 3 arcsec of one (position).
    public var matchedSpectra: Int
    /// Wall time, seconds.
    public var seconds = 0.0
    /// Per label name, the rows that have the label but no error for it (stored as NULL: no error column,
    /// or -9999, NaN or empty in the file); labels with every error present are absent. The calibration
    /// then estimates those labels' error floors with the reference error taken as 0 (and says so).
    public var missingErrors: [String: Int] = [:]

    /// A summary (``seconds`` is set by the loader).
    public init(catalogueID: Int, name: String, version: Int, rows: Int, labelNames: [String], matchedSpectra: Int) {
        self.catalogueID = catalogueID
        self.name = name
        self.version = version
        self.rows = rows
        self.labelNames = labelNames
        self.matchedSpectra = matchedSpectra
    }

    /// One line for the terminal and the job log.
    public var text: String {
        "label catalogue \(name) v\(version) (id \(catalogueID)): \(rows) rows, labels \(labelNames.joined(separator: ",")), \(matchedSpectra) match ingested spectra"
            + (Self.missingErrorsNote(missingErrors, labelNames: labelNames).map { "; \($0)" } ?? "")
    }

    /// The note on labels without errors in some rows (see ``missingErrors``), or nil when there are none.
    public static func missingErrorsNote(_ missing: [String: Int], labelNames: [String]) -> String? {
        let parts = labelNames.compactMap { name in missing[name].map { "\(name) in \($0) rows" } }
        guard !parts.isEmpty else { return nil }
        return "note: no error (stored as NULL) for \(parts.joined(separator: ", ")); "
            + "the error floors calibrated against them take that error as 0 and include it"
    }
}
