import ArgumentParser
import Foundation
import Pipeline
import Store

/// `slam crossmatch [--radius 3]`.
struct Crossmatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crossmatch LAMOST spectra with APOGEE stars by position (q3c); each run is a new version.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(help: "Match radius, arcsec (0 < r <= 60).") var radius = 3.0
    @Option(help: "A match is ambiguous when a second star is within this many arcsec of the nearest one's separation.")
    var ambiguity = 1.0
    @Option(help: "APOGEE release to match against.") var release = "DR15"

    func validate() throws {
        do { try CrossmatchParameters(radiusArcsec: radius, apogeeRelease: release, ambiguityArcsec: ambiguity).validate() } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.crossmatch")
        let factory = try database.factory(logger: logger)
        let parameters = CrossmatchParameters(radiusArcsec: radius, apogeeRelease: release, ambiguityArcsec: ambiguity)
        let result = try await factory.withConnection { try CrossmatchJob.enqueue(parameters, db: $0) }
        print("crossmatch: job \(result.id.map(String.init) ?? "?")")
        guard try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.crossmatch], what: "crossmatch",
                                       factory: factory, logger: logger) != nil else { return }
        let summary = try await factory.withConnection { db in
            try db.query("""
                SELECT run_id, n_lamost, n_matched, n_ambiguous, round(extract(epoch FROM finished_at - started_at)::numeric, 2)::float8
                FROM crossmatch_run ORDER BY run_id DESC LIMIT 1
                """).first.map { r in
                    "run \(try r.decode(Int.self, at: 0)): \(try r.decode(Int.self, at: 2)) of \(try r.decode(Int.self, at: 1)) spectra matched, \(try r.decode(Int.self, at: 3)) ambiguous, \(try r.decode(Double.self, at: 4)) s"
                } ?? "no run"
        }
        print(summary)
    }
}
