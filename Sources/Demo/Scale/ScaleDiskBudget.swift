import Foundation

/// The disk a scale run needs, checked before it starts: the database it will build (bytes per spectrum
/// times spectra, with a margin for WAL, free space and the training and export files) and one chunk of
/// spectrum files in the scratch directory.
public struct ScaleDiskBudget: Sendable, Equatable {
    /// Database bytes per spectrum (heap, TOAST and indexes of every table, after predicting with one model
    /// and calibrating): 22,860 measured by `slam-bench scale --sizes 10000,100000` at N = 10,016, of which
    /// 16,540 are the preprocessed arrays (docs/scale.md), rounded up.
    public static let databaseBytesPerSpectrum: Int64 = 24_000
    /// Headroom on the database estimate (WAL, dead tuples before vacuum, exports).
    public static let margin = 1.5

    /// Bytes the database will need.
    public var databaseBytes: Int64
    /// Bytes the scratch directory will need (one chunk of files, plus the allStar table).
    public var scratchBytes: Int64

    /// The budget of `spectra` spectra written `chunkFiles` at a time, files of `bytesPerFile` bytes and an
    /// allStar table of `apogeeRows` rows (about 300 bytes each).
    public init(spectra: Int, chunkFiles: Int, bytesPerFile: Int64, apogeeRows: Int,
                databaseBytesPerSpectrum: Int64 = Self.databaseBytesPerSpectrum) {
        databaseBytes = Int64(Double(spectra) * Double(databaseBytesPerSpectrum) * Self.margin)
        scratchBytes = Int64(min(spectra, chunkFiles)) * bytesPerFile + Int64(apogeeRows) * 300
    }

    /// Checks the budget against free space: `database` and `scratch` are (path, free bytes, file-system id)
    /// from ``freeSpace(at:)``; `database` is `nil` when the server's data directory is not known here (a
    /// remote server: only the scratch is checked). Both on one file system must fit together.
    /// - Throws: ``ScaleBenchmarkError/insufficientDisk(what:path:neededBytes:freeBytes:)``.
    public func check(database: FreeSpace?, scratch: FreeSpace) throws(ScaleBenchmarkError) {
        if let database, database.fileSystem == scratch.fileSystem {
            let needed = databaseBytes + scratchBytes
            guard needed <= scratch.freeBytes else {
                throw .insufficientDisk(what: "database and scratch files", path: database.path, neededBytes: needed,
                                        freeBytes: scratch.freeBytes)
            }
            return
        }
        if let database, databaseBytes > database.freeBytes {
            throw .insufficientDisk(what: "database", path: database.path, neededBytes: databaseBytes, freeBytes: database.freeBytes)
        }
        guard scratchBytes <= scratch.freeBytes else {
            throw .insufficientDisk(what: "scratch files", path: scratch.path, neededBytes: scratchBytes, freeBytes: scratch.freeBytes)
        }
    }

    /// Free space of one file system.
    public struct FreeSpace: Sendable, Equatable {
        public var path: String
        /// Bytes available to this user.
        public var freeBytes: Int64
        /// The file system's id (two paths with the same id share their free space).
        public var fileSystem: UInt64

        public init(path: String, freeBytes: Int64, fileSystem: UInt64) {
            self.path = path
            self.freeBytes = freeBytes
            self.fileSystem = fileSystem
        }
    }

    /// The free space of the file system holding `path` (statvfs), or `nil` when it cannot be read.
    public static func freeSpace(at path: String) -> FreeSpace? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return FreeSpace(path: path, freeBytes: Int64(stats.f_bavail) * Int64(stats.f_frsize), fileSystem: UInt64(stats.f_fsid))
    }
}
