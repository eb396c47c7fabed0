import ArgumentParser
import Foundation

/// Renders an SVG to PNG with headless Chromium (as `scripts/render-report` does).
enum SVGRasteriser {
    /// The browser is looked for in the directories of `searchPath` (colon-separated, as `PATH`; the
    /// process's `PATH` by default, a test passes a directory of its own).
    static func png(svg: String, to path: String, width: Int, height: Int,
                    searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin") throws {
        let candidates = ["chromium", "chromium-browser", "google-chrome"]
        let directories = searchPath.split(separator: ":").map(String.init)
        guard let browser = candidates.lazy.flatMap({ name in directories.map { "\($0)/\(name)" } })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ValidationError("PNG output needs headless Chromium, which is not installed (apt-get install -y chromium); write an .svg instead")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("slam-show-\(ProcessInfo.processInfo.processIdentifier).svg")
        try Data(svg.utf8).write(to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let output = URL(fileURLWithPath: path).standardizedFileURL.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)",
                             "--screenshot=\(output)", temporary.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: output) else {
            throw ValidationError("\(browser) failed to render the PNG (status \(process.terminationStatus)); write an .svg instead")
        }
    }
}
