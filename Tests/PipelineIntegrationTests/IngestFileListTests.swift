import Foundation
import Pipeline
import Testing

/// `slam ingest lamost DIR` over symbolic links: a linked directory, links inside the tree, link loops.
@Suite struct IngestFileListTests {
    static func touch(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("SIMPLE".utf8).write(to: url)
    }

    @Test func aSymlinkedDirectoryListsItsFiles() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data/20111024/F5902")
        try Self.touch(data.appendingPathComponent("spec-55859-F5902_sp08-171.fits.gz"))
        try Self.touch(data.appendingPathComponent("spec-55859-F5902_sp08-172.fits"))
        let link = root.appendingPathComponent("dr5")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: root.appendingPathComponent("data").path)
        let files = try IngestFileList.expand([link.path])
        #expect(files == [link.path + "/20111024/F5902/spec-55859-F5902_sp08-171.fits.gz",
                          link.path + "/20111024/F5902/spec-55859-F5902_sp08-172.fits"])
    }

    @Test func linksInsideTheTreeAreFollowedWithoutLoopingOrListingAFileTwice() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let top = root.appendingPathComponent("top")
        try Self.touch(top.appendingPathComponent("a/spec-55859-F5902_sp08-001.fits"))
        try Self.touch(root.appendingPathComponent("elsewhere/spec-55859-F5902_sp08-002.fits"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: top.appendingPathComponent("b").path, withDestinationPath: root.appendingPathComponent("elsewhere").path)
        try fm.createSymbolicLink(atPath: top.appendingPathComponent("a/loop").path, withDestinationPath: top.path)  // a directory loop
        try fm.createSymbolicLink(atPath: top.appendingPathComponent("c").path, withDestinationPath: top.appendingPathComponent("a").path)  // a second path to a/
        try fm.createSymbolicLink(atPath: top.appendingPathComponent("spec-55859-F5902_sp08-003.fits").path,
                                  withDestinationPath: top.appendingPathComponent("spec-55859-F5902_sp08-003.fits").path)  // loops on itself
        let files = try IngestFileList.expand([top.path])
        #expect(files == [top.path + "/a/spec-55859-F5902_sp08-001.fits", top.path + "/b/spec-55859-F5902_sp08-002.fits",
                          top.path + "/spec-55859-F5902_sp08-003.fits"])
    }
}
