import ArgumentParser
import Foundation
import Logging
import Pipeline
import Queue
import Store

/// `slam-bench enqueue`: listing and bulk enqueue of a whole release, without reading any file. Creates
/// `--files` empty files in a tree shaped like LAMOST's (`DATE/PLAN/spec-LMJD-PLAN_spNN-FFF.fits.gz`, 16
/// spectrographs of 250 fibres per plan) and a manifest listing them in shuffled order, recreates the
/// database `slam_bench_enqueue`, then times: the streamed listing of the directory and of the manifest;
/// the first enqueue (`IngestLamostJob.enqueue(listing:)` as `slam ingest lamost DIR` runs it); the rerun,
/// a no-op (with the job ids collected, as `--wait` does); the manifest's enqueue, also a no-op (same
/// batches); and one `--wait` poll of every job. Prints files/s and the peak resident memory of each phase
/// (VmHWM, reset between phases); deletes the files unless `--dir` names where to keep them. Asserts nothing.
struct EnqueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Benchmark the listing and bulk enqueue of many spectrum files (empty files; no ingest).")

    @Option(help: "Files to create and enqueue.")
    var files = 100_000

    @Option(name: .customLong("batch-size"), help: "Files per ingest job.")
    var batchSize = 200

    @Option(help: "Keep (or reuse) the file tree in this directory instead of a temporary one.")
    var dir: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of the server (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    @Option(help: "Database created (dropped first) for the benchmark.")
    var database = "slam_bench_enqueue"

    static let filesPerPlan = 16 * 250
    static let plansPerDate = 10

    /// The relative path of file `index` of the tree.
    static func relativePath(_ index: Int) -> String {
        let plan = index / filesPerPlan, date = plan / plansPerDate
        let spectrograph = (index % filesPerPlan) / 250 + 1, fibre = index % 250 + 1
        let lmjd = 55_859 + date
        let day = String(format: "2011%04d", 1024 + date), planName = String(format: "F%04d", 5_902 + plan)
        return "\(day)/\(planName)/spec-\(lmjd)-\(planName)_sp\(String(format: "%02d", spectrograph))-\(String(format: "%03d", fibre)).fits.gz"
    }

    func run() async throws {
        let logger: Logger = {
            var logger = Logger(label: "slam.bench.enqueue")
            logger.logLevel = .warning
            return logger
        }()
        let clock = ContinuousClock()
        let n = files
        let root = URL(fileURLWithPath: dir ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-bench-enqueue-\(getpid())").path)
        let tree = root.appendingPathComponent("spectra").path
        let manifest = root.appendingPathComponent("manifest.txt").path

        // 1. The files (empty: enqueue reads no content) and a shuffled manifest.
        var fs = statvfs()
        if statvfs(FileManager.default.temporaryDirectory.path, &fs) == 0, Int(fs.f_favail) < n + n / 10 + 10_000 {
            throw ValidationError("\(n) files need about \(n + n / 10) free inodes; \(fs.f_favail) are free (df -i)")
        }
        if FileManager.default.fileExists(atPath: manifest) {
            print("files: reusing \(root.path)")
        } else {
            let start = clock.now
            var lastDirectory = ""
            for index in 0..<n {
                let path = tree + "/" + Self.relativePath(index)
                let directory = String(path[..<path.lastIndex(of: "/")!])
                if directory != lastDirectory {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    lastDirectory = directory
                }
                let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw ValidationError("cannot create \(path): errno \(errno)") }
                close(fd)
            }
            // Shuffled order without holding the list: index -> (a * index + b) mod n, a coprime with n.
            var a = 7_919
            while Self.gcd(a, n) != 1 { a += 2 }
            guard FileManager.default.createFile(atPath: manifest, contents: nil),
                  let out = FileHandle(forWritingAtPath: manifest) else { throw ValidationError("cannot write \(manifest)") }
            var text = ""
            for i in 0..<n {
                text += "spectra/" + Self.relativePath((a * i + 12_345) % n) + "\n"
                if text.utf8.count > 1 << 20 { try out.write(contentsOf: Data(text.utf8)); text = "" }
            }
            try out.write(contentsOf: Data(text.utf8))
            try out.close()
            print(String(format: "files: %d empty files and a shuffled manifest written under %@ in %.1f s", n, root.path,
                         (clock.now - start).seconds))
        }

        // 2. A fresh database; then, per source, the listing alone and the enqueues.
        func listing(_ arguments: [String]) throws -> (files: Int, seconds: Double, peak: String) {
            Self.resetPeak()
            let start = clock.now
            var stream = try IngestPathStream(arguments)
            while try stream.next() != nil {}
            return (stream.count, (clock.now - start).seconds, Self.peak())
        }
        let (server, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let name = database
        try await PostgresConnectionFactory(configuration: server.withDatabase("postgres"), logger: logger).withConnection { admin in
            try admin.recreateDatabase(name)
        }
        let factory = PostgresConnectionFactory(configuration: server.withDatabase(name), logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        try await factory.withConnection { db in _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db) }
        let batch = batchSize
        print("slam-bench enqueue: \(n) files, batches of \(batch), database \(name) on \(source.rawValue)")
        var ids: [Int] = []
        // Each source listed alone first, then enqueued: the directory (first enqueue, then the no-op rerun
        // collecting ids as --wait does), then the manifest of the same files (a no-op: the same batches).
        for (label, argument) in [("directory", tree), ("manifest", manifest)] {
            let (count, seconds, peak) = try listing([argument])
            print(String(format: "  listing (%@): %d files in %.2f s -> %.0f files/s; peak RSS %@", label, count, seconds,
                         Double(count) / max(seconds, 1e-9), peak))
            let runs = argument == tree ? [("first enqueue", false), ("rerun (no-op), ids collected", true)] : [("enqueue (no-op)", false)]
            for (run, collectIDs) in runs {
                Self.resetPeak()
                let start = clock.now
                let summary = try await factory.withConnection { db in
                    var listing = try IngestPathStream([argument])
                    return try IngestLamostJob.enqueue(listing: &listing, batchSize: batch, collectIDs: collectIDs, db: db)
                }
                let seconds = (clock.now - start).seconds
                if collectIDs { ids = summary.ids }
                print(String(format: "  %@ %@: %d files, %d jobs (%d new, %d already enqueued) in %.2f s -> %.0f files/s; peak RSS %@",
                             label, run, summary.files, summary.jobs, summary.inserted, summary.alreadyEnqueued, seconds,
                             Double(summary.files) / max(seconds, 1e-9), Self.peak()))
            }
        }

        // 3. One --wait poll of every job.
        let followed = ids
        let pollSeconds = try await factory.withConnection { db -> Double in
            var baseline: [Int: Int] = [:]
            let waiter = JobWaiter(ids: followed)
            _ = try waiter.snapshot(db, since: Date(), baseline: &baseline)
            let start = clock.now
            _ = try waiter.snapshot(db, since: Date(), baseline: &baseline)
            return (clock.now - start).seconds
        }
        print(String(format: "  --wait poll of %d jobs: %.3f s", followed.count, pollSeconds))
        if dir == nil { try? FileManager.default.removeItem(at: root) }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Returns freed heap to the system (`malloc_trim`), then resets the process's peak resident memory
    /// (Linux: `echo 5 > /proc/self/clear_refs`), so each phase's peak is its own.
    static func resetPeak() {
        _ = mallocTrim(0)
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The peak resident memory since the last reset (VmHWM).
    static func peak() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }
            .map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) } ?? "n/a"
    }
}

/// glibc's `malloc_trim` (declared in `malloc.h`, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
