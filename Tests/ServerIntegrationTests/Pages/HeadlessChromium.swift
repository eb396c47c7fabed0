import Foundation

/// A real browser for the pages' tests: Debian's `chromium` in headless mode (installed by
/// scripts/install-deps), loading a URL and returning the DOM after load and every line the page
/// wrote to its console (scripts, CSP refusals and load errors all land there).
enum HeadlessChromium {
    struct Page: Sendable {
        /// The serialised DOM after load.
        var dom: String
        /// The page's console messages (`INFO:CONSOLE...` lines of Chromium's log).
        var console: [String]
        var status: Int32
    }

    /// The browser's executable: `SLAM_CHROMIUM`, else `chromium` (Debian) or `chromium-browser` on PATH.
    static func executable() throws -> String {
        if let given = ProcessInfo.processInfo.environment["SLAM_CHROMIUM"], !given.isEmpty { return given }
        guard let found = TapClients.executable("chromium") ?? TapClients.executable("chromium-browser") else {
            throw TapClients.Failure(description: "headless Chromium is not installed: run scripts/install-deps (Debian package chromium)")
        }
        return found
    }

    /// Loads `url` and returns its DOM and console.
    static func load(_ url: String) async throws -> Page {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("slam-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let output = try await TapClients.run(try executable(), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url,
        ])
        let console = output.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: output.stdout, console: console, status: output.status)
    }

    /// Writes a PNG of `url` as a window of `width` x `height` px to `path`.
    static func screenshot(_ url: String, to path: String, width: Int = 1280, height: Int = 2000) async throws -> TapClients.Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("slam-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        return try await TapClients.run(try executable(), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
            "--window-size=\(width),\(height)", "--screenshot=\(path)", url,
        ])
    }
}
