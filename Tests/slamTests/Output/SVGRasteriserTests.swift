import Foundation
@testable import slam
import Testing

/// PNG output of `slam show`: the browser found on the search path is run headless on the SVG, and its
/// absence or failure is reported with what to do instead. The browser here is a shell script in a
/// temporary directory. (Serialized: the SVG is written to one temporary file per process.)
@Suite(.serialized) struct SVGRasteriserTests {
    /// A temporary directory holding an executable `name` with the given shell `body`; removed by `cleanUp`.
    static func directory(withExecutable name: String, body: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slam-rasteriser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent(name)
        // Written and made executable by a child shell, so no descriptor open for writing on the script
        // lives in this process, where a process spawned at that moment by a concurrent test would
        // inherit it and make running the script fail with "Text file busy".
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh", script.path]
        let input = Pipe()
        writer.standardInput = input
        try writer.run()
        input.fileHandleForWriting.write(Data("#!/bin/sh\n\(body)\n".utf8))
        try input.fileHandleForWriting.close()
        writer.waitUntilExit()
        return directory
    }

    /// Copies the page (the last argument, a file URL) to the `--screenshot=` path and logs the arguments.
    static let copyingBrowser = """
        for a in "$@"; do echo "$a" >> "$(dirname "$0")/arguments"; case "$a" in --screenshot=*) out="${a#--screenshot=}";; esac; done
        for a in "$@"; do page="$a"; done
        cp "${page#file://}" "$out"
        """

    @Test func theBrowserOnTheSearchPathRendersTheSVGAtTheGivenSize() throws {
        let bin = try Self.directory(withExecutable: "chromium-browser", body: Self.copyingBrowser)
        defer { try? FileManager.default.removeItem(at: bin) }
        let output = bin.appendingPathComponent("out.png").path
        let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='960' height='624'/>"
        try SVGRasteriser.png(svg: svg, to: output, width: 960, height: 624, searchPath: "/nonexistent:\(bin.path)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == svg)
        let arguments = try String(contentsOf: bin.appendingPathComponent("arguments"), encoding: .utf8).split(separator: "\n")
        #expect(arguments.contains("--headless") && arguments.contains("--window-size=960,624") && arguments.contains("--screenshot=\(output)"))
    }

    @Test func withoutABrowserItSaysWhatToInstallOrWriteInstead() throws {
        let empty = try Self.directory(withExecutable: "not-a-browser", body: "exit 0")
        defer { try? FileManager.default.removeItem(at: empty) }
        let output = empty.appendingPathComponent("out.png").path
        let error = #expect(throws: (any Error).self) {
            try SVGRasteriser.png(svg: "<svg/>", to: output, width: 10, height: 10, searchPath: empty.path)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")" == "PNG output needs headless Chromium, which is not installed (apt-get install -y chromium); write an .svg instead")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aFailingBrowserIsReportedWithItsStatus() throws {
        let bin = try Self.directory(withExecutable: "chromium", body: "exit 3")
        defer { try? FileManager.default.removeItem(at: bin) }
        let browser = bin.appendingPathComponent("chromium").path
        let error = #expect(throws: (any Error).self) {
            try SVGRasteriser.png(svg: "<svg/>", to: bin.appendingPathComponent("out.png").path, width: 10, height: 10, searchPath: bin.path)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")" == "\(browser) failed to render the PNG (status 3); write an .svg instead")
    }

    @Test func aBrowserThatWritesNothingHasFailedToo() throws {
        let bin = try Self.directory(withExecutable: "google-chrome", body: "exit 0")
        defer { try? FileManager.default.removeItem(at: bin) }
        let error = #expect(throws: (any Error).self) {
            try SVGRasteriser.png(svg: "<svg/>", to: bin.appendingPathComponent("out.png").path, width: 10, height: 10, searchPath: bin.path)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("google-chrome failed to render the PNG (status 0)"))
    }
}
