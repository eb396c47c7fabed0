import Catalogue
import Demo
import Foundation
import Logging
import Store
import StoreTestSupport
import Testing

/// Every page type of a small mock survey (the demo's pipeline: ingest, crossmatch, training, prediction,
/// calibration) opened in a real browser, headless Chromium: each loads with nothing on the console
/// (no script runs, no resource is refused or fails) and shows the values the database holds.
@Suite("Pages in a browser", .serialized)
struct PagesBrowserTests {
    struct Star: Sendable {
        var obsid: Int64
        var designation: String
        var teff: Double
        var path: String
        var sha256: String
    }

    @Test func theBrowserSeesAScriptErrorOnTheConsole() async throws {
        // The check below can fail: a page with a failing script is caught.
        let page = try await HeadlessChromium.load("data:text/html,<p>x</p><script>throw new Error('control-error')</script>")
        #expect(page.console.contains { $0.contains("control-error") }, "\(page.console)")
    }

    @Test func everyPageTypeOfASmallSurveyLoadsWithoutConsoleErrorsAndShowsItsValues() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slam-pages-survey-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestDatabase.withFresh { database in
            var logger = Logger(label: "test.pages")
            logger.logLevel = .warning
            var settings = DemoSettings(stars: 200, seed: 11, output: directory, hyperparameters: DemoSettings.defaultFixed, folds: 2)
            settings.laspApplication = false
            settings.densityComparison = false
            let factory = database.factory
            let result = try await DemoRunner(settings: settings, database: factory, logger: logger)
                .run(say: { _ in }, follow: DemoRunner.inProcessWorkers(factory, logger: logger))
            let model = result.modelID
            let (matched, repeated, spectra) = try await database.withConnection { db in
                (try Self.star(db, model: model, where: "EXISTS (SELECT 1 FROM crossmatch_pair c WHERE c.obsid = s.obsid)"),
                 try Self.star(db, model: model, where: """
                     EXISTS (SELECT 1 FROM lamost_spectrum r WHERE r.designation = s.designation AND r.obsid <> s.obsid)
                     """),
                 try db.query("SELECT count(*) FROM lamost_spectrum").first?.decode(Int.self, at: 0) ?? 0)
            }
            let teff = String(format: "%.0f", matched.teff)
            try await PagesTestServer.withServer(database) { root in
                let designationQuery = matched.designation.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let pages: [(String, [String])] = [
                    ("/", ["Find a LAMOST spectrum"]),
                    ("/?q=\(designationQuery)", ["/star/\(matched.obsid)"]),
                    ("/star/\(matched.obsid)", [matched.designation, "Labels by the current models", "<td>\(teff)</td>", "calibrated",
                                                "APOGEE", "<svg", "Fit of model \(model)", "/star/\(matched.obsid)/spectrum.fits"]),
                    ("/star/\(repeated.obsid)", ["Other spectra of the star", repeated.designation]),
                    ("/survey", ["<th scope=\"row\">Spectra ingested</th><td>\(spectra)</td>", "Kiel diagram of label set", "Jobs by kind and state",
                                 "Workers alive, lost, and stopped within the last day", "stopped"]),
                    ("/models", ["/models/\(model)", "current", "Promotion history"]),
                    ("/models/\(model)", ["Model \(model)", "precision-table", "calibration-table", "CV MSE"]),
                    ("/models/\(model)?compare=\(model)", ["comparison-table"]),
                ]
                for (path, expected) in pages {
                    let response = try await TapHTTP.get(root + path)
                    #expect(response.status == 200, "\(path)")
                    let page = try await HeadlessChromium.load(root + path)
                    #expect(page.status == 0, "\(path)")
                    #expect(page.console.isEmpty, "\(path): \(page.console)")
                    for text in expected {
                        #expect(page.dom.contains(text), "\(path) shows \(text)")
                    }
                }
                // The FITS link gives the file ingested for the obsid, byte for byte.
                let file = try await TapHTTP.get(root + "/star/\(matched.obsid)/spectrum.fits")
                #expect(file.status == 200)
                #expect(file.body == Array(try Data(contentsOf: URL(fileURLWithPath: matched.path))))
                // The star page's "Labels as VOTable" link is a TAP query that answers with the star's labels.
                let star = try await TapHTTP.get(root + "/star/\(matched.obsid)")
                let link = try #require(Self.href(in: star.text, before: ">Labels as VOTable<"))
                let labels = try await TapHTTP.get(root + link)
                #expect(labels.status == 200)
                #expect(labels.text.contains("<INFO name=\"QUERY_STATUS\" value=\"OK\""))
                #expect(labels.text.contains("name=\"teff\""))
                let csv = try await TapHTTP.get(root + link.replacingOccurrences(of: "FORMAT=votable", with: "FORMAT=csv"))
                #expect(csv.text.split(whereSeparator: \.isNewline).dropFirst().contains { $0.split(separator: ",").contains { $0 == "\(matched.obsid)" } }, "\(csv.text.prefix(400))")
            }
        }
    }

    /// The first spectrum predicted by `model` that satisfies `condition` (SQL over `lamost_spectrum s`).
    static func star(_ db: PostgresConnection, model: Int, where condition: SQL) throws -> Star {
        let row = try #require(try db.query("""
            SELECT s.obsid, s.designation, (p.labels[1])::float8 AS teff, s.file_path, s.file_sha256
            FROM lamost_spectrum s JOIN prediction p ON p.obsid = s.obsid AND p.model_id = \(model)
            WHERE s.designation IS NOT NULL AND \(condition) ORDER BY s.obsid LIMIT 1
            """).first)
        return Star(obsid: try row.decode(Int64.self, "obsid"), designation: try row.decode(String.self, "designation"),
                    teff: try row.decode(Double.self, "teff"), path: try row.decode(String.self, "file_path"),
                    sha256: try row.decode(String.self, "file_sha256"))
    }

    /// The `href` of the last link before `marker` in `html`, with `&amp;` undone.
    static func href(in html: String, before marker: String) -> String? {
        guard let end = html.range(of: marker)?.lowerBound,
              let start = html[..<end].range(of: "href=\"", options: .backwards)?.upperBound,
              let close = html[start...].firstIndex(of: "\"") else { return nil }
        return html[start..<close].replacingOccurrences(of: "&amp;", with: "&")
    }
}
