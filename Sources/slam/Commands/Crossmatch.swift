import ArgumentParser
import Catalogue
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
        let summary = try await factory.withConnection { try CrossmatchQueries.latestRun(db: $0) }.map { r in
            "run \(r.runID): \(r.matched) of \(r.lamost) spectra matched, \(r.ambiguous) ambiguous, \(r.seconds) s"
        } ?? "no run"
        print(summary)
    }
}
