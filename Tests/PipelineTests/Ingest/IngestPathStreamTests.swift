import Foundation
@testable import Pipeline
import Testing

/// The streamed listing of `slam ingest lamost` (IngestPathStream.swift, with IngestDirectoryWalk and
/// IngestManifest): the same paths and batch keys as the listing it replaced (LegacyIngestFileList),
/// sorted, without repeats, through link loops, linked files, globs and manifests larger than a run.
@Suite struct IngestPathStreamTests {
    /// A fresh directory (its real path: the temporary directory may itself be a link).
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slam-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return URL(fileURLWithPath: url.resolvingSymlinksInPath().path)
    }

    static func touch(_ url: URL, _ text: String = "SIMPLE") throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func link(_ url: URL, to target: URL) throws {
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
    }

    static func streamed(_ arguments: [String], relativeTo directory: String = "/", runLength: Int = 1 << 18) throws -> [String] {
        var stream = try IngestPathStream(arguments, relativeTo: directory, manifestRunLength: runLength)
        var paths: [String] = []
        while let path = try stream.next() { paths.append(path) }
        #expect(stream.count == paths.count)
        return paths
    }

    /// A tree with every kind of link: directory links (a loop, a second path to a directory, a link out
    /// of the tree), links to files before and after their targets' own entries, hard links, a dangling
    /// link and a link looping on itself named like spectra, and files that are not spectra.
    static func linkedTree(_ root: URL) throws -> URL {
        let top = root.appendingPathComponent("top")
        let fm = FileManager.default
        try touch(top.appendingPathComponent("a/spec-55859-F5902_sp08-001.fits"))
        try touch(top.appendingPathComponent("a/spec-55859-F5902_sp08-004.fits.gz"))
        try touch(top.appendingPathComponent("a/notes.txt"))
        try touch(top.appendingPathComponent("m/spec-55859-F5902_sp08-005.fit"))
        try touch(root.appendingPathComponent("elsewhere/spec-55859-F5902_sp08-002.fits"))
        try touch(root.appendingPathComponent("elsewhere/deeper/spec-55859-F5902_sp08-006.FITS"))
        try link(top.appendingPathComponent("b"), to: root.appendingPathComponent("elsewhere"))
        try link(top.appendingPathComponent("a/loop"), to: top)
        try link(top.appendingPathComponent("c"), to: top.appendingPathComponent("a"))
        try link(top.appendingPathComponent("spec-55859-F5902_sp08-003.fits"), to: top.appendingPathComponent("spec-55859-F5902_sp08-003.fits"))
        try link(top.appendingPathComponent("spec-55859-F5902_sp08-009.fits"), to: top.appendingPathComponent("missing.fits"))
        // Links to files: one sorting before its target's entry (0-...), one after (z-...), one to a file outside.
        try link(top.appendingPathComponent("0-first.fits"), to: top.appendingPathComponent("m/spec-55859-F5902_sp08-005.fit"))
        try link(top.appendingPathComponent("z-last.fits"), to: top.appendingPathComponent("a/spec-55859-F5902_sp08-001.fits"))
        try link(top.appendingPathComponent("outside.fits"), to: root.appendingPathComponent("elsewhere/deeper/spec-55859-F5902_sp08-006.FITS"))
        // Hard links: three names of one file.
        try touch(top.appendingPathComponent("h/spec-55859-F5902_sp08-007.fits"))
        try fm.linkItem(atPath: top.appendingPathComponent("h/spec-55859-F5902_sp08-007.fits").path,
                        toPath: top.appendingPathComponent("h/copy-007.fits").path)
        try fm.linkItem(atPath: top.appendingPathComponent("h/spec-55859-F5902_sp08-007.fits").path,
                        toPath: top.appendingPathComponent("a/hard-007.fits").path)
        return top
    }

    @Test func aLinkedTreeListsWhatTheOldListingListed() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let top = try Self.linkedTree(root)
        let expected = try LegacyIngestFileList.expand([top.path])
        #expect(try Self.streamed([top.path]) == expected)
        #expect(expected.contains(top.path + "/0-first.fits") && !expected.contains(top.path + "/m/spec-55859-F5902_sp08-005.fit"))
        #expect(expected.contains(top.path + "/a/spec-55859-F5902_sp08-001.fits") && !expected.contains(top.path + "/z-last.fits"))
        #expect(expected.contains(top.path + "/a/hard-007.fits") && !expected.contains(top.path + "/h/copy-007.fits"))
        #expect(expected.contains(top.path + "/spec-55859-F5902_sp08-003.fits") && expected.contains(top.path + "/spec-55859-F5902_sp08-009.fits"))
        #expect(!expected.contains(top.path + "/a/notes.txt"))
        #expect(expected.count == 8, "\(expected)")
    }

    @Test func pathsComeOutSortedWhenNamesSortBeforeTheSlash() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // '-' and '.' sort before '/', so F5902-b.fits comes before F5902/..., which a walk by name alone gets wrong.
        for name in ["F5902/spec-1.fits", "F5902-b.fits", "F5902.fits", "F5902a/spec-2.fits", "F5902 x/spec-3.fits", "F5902/sub/spec-0.fits"] {
            try Self.touch(root.appendingPathComponent(name))
        }
        let paths = try Self.streamed([root.path])
        #expect(paths == paths.sorted())
        #expect(paths == (try LegacyIngestFileList.expand([root.path])))
        #expect(paths.count == 6)
    }

    @Test func globsOfManyDirectoriesAndOverlappingArgumentsMergeWithoutRepeats() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for date in ["20111024", "20111025", "2011102"] {
            for plan in ["F1", "F1-x", "F2"] {
                for fibre in [1, 2] { try Self.touch(root.appendingPathComponent("\(date)/\(plan)/spec-\(plan)-\(fibre).fits.gz")) }
            }
        }
        try Self.touch(root.appendingPathComponent("2011102.fits"))
        let arguments = [root.path + "/2011*", root.path + "/20111024/F1", root.path + "/20111024/F1/spec-F1-1.fits.gz",
                         "20111025/F2/../F2/", root.path + "/2011102.fits"]
        let paths = try Self.streamed(arguments, relativeTo: root.path)
        #expect(paths == (try LegacyIngestFileList.expand(arguments, relativeTo: root.path)))
        #expect(paths.count == 19 && Set(paths).count == 19 && paths == paths.sorted())
    }

    @Test func aManifestLargerThanARunIsSortedThroughTemporaryRuns() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var lines: [String] = ["# a comment", ""]
        for i in (0..<23).reversed() {
            let name = "d\(i % 4)/spec-\(i).fits"
            try Self.touch(root.appendingPathComponent(name))
            lines.append(i.isMultiple(of: 2) ? name + "   # kept" : root.path + "/" + name)
        }
        lines.append("d1/spec-1.fits")  // listed twice
        lines.append("./d2/../d2/spec-2.fits\r")  // another spelling of one, with a CR line end
        let manifest = root.appendingPathComponent("list.txt")
        try (lines.joined(separator: "\n")).write(to: manifest, atomically: true, encoding: .utf8)
        let expected = try LegacyIngestFileList.expand([manifest.path])
        #expect(expected.count == 23)
        for runLength in [1, 2, 5, 23, 1_000] {
            #expect(try Self.streamed([manifest.path], runLength: runLength) == expected, "run length \(runLength)")
        }
        let temporary = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!temporary.contains { $0.hasPrefix("slam-manifest-run-") }, "runs are unlinked once open")
    }

    @Test func batchesHaveTheOldUniqueKeys() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let top = try Self.linkedTree(root)
        try Self.touch(top.appendingPathComponent("t/spec-old.fits"), "old")
        let stamp = Date(timeIntervalSince1970: 1_317_000_000.123_456_789)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: top.appendingPathComponent("t/spec-old.fits").path)
        let legacy = LegacyIngestFileList.batches(try LegacyIngestFileList.expand([top.path]), size: 2)
        var stream = try IngestPathStream([top.path])
        var batches: [IngestFileList.Batch] = []
        while let batch = try stream.nextBatch(size: 2) { batches.append(batch) }
        #expect(batches.map(\.paths) == legacy.map(\.paths))
        #expect(batches.map(\.uniqueKey) == legacy.map(\.uniqueKey))
        #expect(IngestFileList.batches(batches.flatMap(\.paths), size: 2) == batches)
        #expect(batches.count == 5)
    }

    @Test func aChangedFileChangesOnlyItsBatchsKey() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for i in 0..<6 { try Self.touch(root.appendingPathComponent("spec-\(i).fits")) }
        let before = IngestFileList.batches(try IngestFileList.expand([root.path]), size: 2).map(\.uniqueKey)
        try Self.touch(root.appendingPathComponent("spec-3.fits"), "SIMPLE, longer")
        let after = IngestFileList.batches(try IngestFileList.expand([root.path]), size: 2).map(\.uniqueKey)
        #expect(before[0] == after[0] && before[1] != after[1] && before[2] == after[2])
    }

    @Test func badArgumentsAreRefusedByName() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.touch(root.appendingPathComponent("empty/readme.md"))
        try Self.touch(root.appendingPathComponent("list.txt"), "present.fits\nabsent.fits\n")
        try Self.touch(root.appendingPathComponent("present.fits"))
        try Data([0x61, 0xFF, 0x0A]).write(to: root.appendingPathComponent("binary.lst"))
        #expect(throws: IngestFileList.Failure.notFound(root.path + "/nothing")) { try Self.streamed([root.path + "/nothing"]) }
        #expect(throws: IngestFileList.Failure.globMatchedNothing(root.path + "/*.none")) { try Self.streamed([root.path + "/*.none"]) }
        #expect(throws: IngestFileList.Failure.notFound(root.path + "/absent.fits")) { try Self.streamed([root.path + "/list.txt"]) }
        #expect(throws: IngestFileList.Failure.unreadableManifest(root.path + "/binary.lst")) { try Self.streamed([root.path + "/binary.lst"]) }
        #expect(throws: IngestFileList.Failure.noSpectra([root.path + "/empty"])) { try Self.streamed([root.path + "/empty"]) }
    }
}
