import Foundation
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// `IngestLamostJob.enqueue(listing:)`: a streamed listing enqueued in bulk (issue 18). A rerun inserts
/// nothing, a changed file makes one new batch, and the manifest of the same files makes the same batches.
@Suite struct IngestLamostJobEnqueueTests {
    @Test func aRerunIsANoOpAndAChangedFileMakesOneNewBatch() async throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var lines: [String] = []
        for i in (0..<7).reversed() {
            let name = "2011102\(i % 2)/F59\(i % 3)/spec-5585\(i)-F59\(i % 3)_sp01-00\(i).fits.gz"
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data("SIMPLE".utf8).write(to: root.appendingPathComponent(name))
            lines.append(name)
        }
        try lines.joined(separator: "\n").write(to: root.appendingPathComponent("all.lst"), atomically: true, encoding: .utf8)
        let directory = root.path, manifest = root.appendingPathComponent("all.lst").path
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                func enqueue(_ argument: String, collectIDs: Bool = false) throws -> IngestEnqueueSummary {
                    var listing = try IngestPathStream([argument])
                    return try IngestLamostJob.enqueue(listing: &listing, batchSize: 3, collectIDs: collectIDs, db: connection)
                }
                let first = try enqueue(directory)
                #expect(first == IngestEnqueueSummary(files: 7, jobs: 3, inserted: 3, alreadyEnqueued: 0, ids: []))
                let rerun = try enqueue(directory, collectIDs: true)
                #expect(rerun.inserted == 0 && rerun.alreadyEnqueued == 3 && rerun.ids.count == 3)
                #expect(try enqueue(manifest).inserted == 0)

                // The stored jobs are the sorted files in batches of 3, in order.
                let payloads = try connection.query("SELECT payload::text FROM job WHERE kind = 'ingest_lamost' ORDER BY id").rows
                    .map { try JSONB(try $0.decode(String.self, at: 0)).decode(IngestLamostPayload.self).paths }
                let sorted = try IngestFileList.expand([directory])
                #expect(payloads == [Array(sorted[0..<3]), Array(sorted[3..<6]), [sorted[6]]])

                // Rewriting the fourth file changes its size: its batch (the second) is enqueued again, alone.
                try Data("SIMPLE, rewritten".utf8).write(to: URL(fileURLWithPath: sorted[3]))
                let changed = try enqueue(directory)
                #expect(changed.inserted == 1 && changed.alreadyEnqueued == 2)
                #expect(try JobQueue(connection).count(kind: JobKind.ingestLamost) == 4)
            }
        }
    }

    @Test func aManifestNamingAMissingFileEnqueuesNothing() async throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for i in 0..<5 { try Data("SIMPLE".utf8).write(to: root.appendingPathComponent("spec-\(i).fits")) }
        // The manifest names a missing file: the listing fails when it is read, before anything is written.
        try "spec-0.fits\nspec-9.fits\n".write(to: root.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection throws in
                #expect(throws: IngestFileList.Failure.notFound(root.path + "/spec-9.fits")) {
                    var listing = try IngestPathStream([root.path, root.path + "/bad.txt"])
                    _ = try IngestLamostJob.enqueue(listing: &listing, batchSize: 1, db: connection)
                }
                #expect(try JobQueue(connection).count(kind: JobKind.ingestLamost) == 0)
            }
        }
    }
}
