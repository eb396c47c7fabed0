import Foundation
import Testing
@testable import Demo

@Suite struct ScaleDiskBudgetTests {
    typealias Free = ScaleDiskBudget.FreeSpace
    /// 1,000,000 spectra at 40 kB with the 1.5 margin: 60 GB of database; one chunk of 20,000 files of 100 kB
    /// and 730,000 allStar rows of 300 bytes: 2.219 GB of scratch.
    let budget = ScaleDiskBudget(spectra: 1_000_000, chunkFiles: 20_000, bytesPerFile: 100_000, apogeeRows: 730_000,
                                 databaseBytesPerSpectrum: 40_000)

    @Test func estimatesTheDatabaseAndOneChunk() {
        #expect(budget.databaseBytes == 60_000_000_000)
        #expect(budget.scratchBytes == 2_219_000_000)
        let small = ScaleDiskBudget(spectra: 500, chunkFiles: 20_000, bytesPerFile: 100, apogeeRows: 0, databaseBytesPerSpectrum: 10)
        #expect(small.scratchBytes == 50_000 && small.databaseBytes == 7_500)
    }

    @Test func refusesWhenTheDatabaseDoesNotFit() {
        let database = Free(path: "/db", freeBytes: 59_000_000_000, fileSystem: 1)
        let scratch = Free(path: "/scratch", freeBytes: 100_000_000_000, fileSystem: 2)
        #expect(throws: ScaleBenchmarkError.insufficientDisk(what: "database", path: "/db", neededBytes: 60_000_000_000,
                                                             freeBytes: 59_000_000_000)) {
            try budget.check(database: database, scratch: scratch)
        }
        #expect(throws: Never.self) { try budget.check(database: Free(path: "/db", freeBytes: 61_000_000_000, fileSystem: 1), scratch: scratch) }
    }

    @Test func refusesWhenTheScratchDoesNotFit() {
        let scratch = Free(path: "/scratch", freeBytes: 2_000_000_000, fileSystem: 2)
        #expect(throws: ScaleBenchmarkError.self) { try budget.check(database: nil, scratch: scratch) }
        #expect(throws: Never.self) { try budget.check(database: nil, scratch: Free(path: "/scratch", freeBytes: 3_000_000_000, fileSystem: 2)) }
    }

    @Test func oneFileSystemMustHoldBoth() {
        let shared = Free(path: "/data", freeBytes: 61_000_000_000, fileSystem: 7)
        #expect(throws: ScaleBenchmarkError.insufficientDisk(what: "database and scratch files", path: "/data",
                                                             neededBytes: 62_219_000_000, freeBytes: 61_000_000_000)) {
            try budget.check(database: shared, scratch: shared)
        }
        let roomy = Free(path: "/data", freeBytes: 63_000_000_000, fileSystem: 7)
        #expect(throws: Never.self) { try budget.check(database: roomy, scratch: roomy) }
    }

    @Test func messageSaysWhatToDo() {
        let error = ScaleBenchmarkError.insufficientDisk(what: "database", path: "/db", neededBytes: 60_000_000_000, freeBytes: 5_000_000_000)
        #expect(error.description == "not enough disk for the database at /db: needs about 60.0 GB, 5.0 GB free "
            + "(choose fewer --spectra, a smaller --chunk, or another --scratch)")
    }

    @Test func readsTheFreeSpaceOfARealDirectory() throws {
        let free = try #require(ScaleDiskBudget.freeSpace(at: FileManager.default.temporaryDirectory.path))
        #expect(free.freeBytes > 0)
        #expect(ScaleDiskBudget.freeSpace(at: "/nonexistent-\(UInt64.random(in: 0...UInt64.max))") == nil)
    }
}
