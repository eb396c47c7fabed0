import ArgumentParser
import Foundation
import Pipeline
import SLAMNumerics
import Store

/// `slam posterior --obsid ID... | --where FILTER [--model ID|current] [--wait]`.
struct Posterior: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sample the label posterior of single spectra (ensemble MCMC from the fitted labels; one job per spectrum).")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(name: .customLong("obsid"), parsing: .upToNextOption, help: "LAMOST obsids of the spectra.") var obsids: [Int64] = []
    @Option(name: .customLong("where"), help: "Or: a filter on spectra, e.g. \"snrg > 50 AND class = 'STAR'\" (columns of lamost_spectrum, AND only).")
    var filter: String?
    @Option(help: "Model id, or 'current'.") var model = "current"
    @Option(name: .customLong("label-set"), help: "Label set whose current model to use (when several have one).") var labelSet: String?
    @Option(help: "Walkers (even, >= 2 x labels).") var walkers = EnsembleSamplerSettings().walkers
    @Option(help: "Steps per walker, burn-in included.") var steps = EnsembleSamplerSettings().steps
    @Option(name: .customLong("burn-in"), help: "Leading steps dropped.") var burnIn = EnsembleSamplerSettings().burnIn
    @Option(help: "Seed of the sampler.") var seed: UInt64 = 1
    @OptionGroup var fit: FitOptions

    var sampler: EnsembleSamplerSettings {
        var s = EnsembleSamplerSettings()
        s.walkers = walkers
        s.steps = steps
        s.burnIn = burnIn
        s.seed = seed
        return s
    }

    func validate() throws {
        guard obsids.isEmpty != (filter == nil) else { throw ValidationError("give either --obsid ID... or --where FILTER") }
        if let filter { do { _ = try SpectrumFilter(filter) } catch { throw ValidationError(error.description) } }
        do { try sampler.validate(dimension: 1) } catch { throw ValidationError(error.description) }
        _ = try fit.settings()
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.posterior")
        let factory = try database.factory(logger: logger)
        let (reference, labelSet, sampler, settings, ids) = (model, self.labelSet, self.sampler, try fit.settings(), obsids)
        let filter = try self.filter.map { try SpectrumFilter($0) }
        let (modelID, targets, jobs) = try await factory.withConnection { db in
            let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
            let targets = try filter.map { try SpectrumSelection.matching($0, modelID: id, db: db) } ?? ids
            return (id, targets, try PosteriorJob.enqueue(modelID: id, obsids: targets, sampler: sampler, fit: settings, db: db))
        }
        print("model \(modelID): \(jobs.count) posterior jobs")
        guard try await waiting.follow(ids: jobs.compactMap(\.id), kinds: [JobKind.posterior], what: "posteriors",
                                       expectedUnits: jobs.count, factory: factory, logger: logger) != nil else { return }
        let table = try await factory.withConnection { db in try Self.table(modelID: modelID, obsids: targets, db: db) }
        print(TextTable.render(table))
    }

    /// Rows obsid, label, p16, p50, p84, half-width, acceptance, tau of the sampled spectra.
    static func table(modelID: Int, obsids: [Int64], db: PostgresConnection) throws -> [[String]] {
        var rows = [["obsid", "label", "p16", "p50", "p84", "(p84-p16)/2", "acceptance", "tau"]]
        for row in try PosteriorRunner.stored(modelID: modelID, obsids: obsids, db: db) {
            for (k, name) in row.labelNames.enumerated() {
                let f = { (x: Float) in String(format: "%.4g", Double(x)) }
                rows.append([String(row.obsid), name, f(row.p16[k]), f(row.p50[k]), f(row.p84[k]), f((row.p84[k] - row.p16[k]) / 2),
                             String(format: "%.2f", row.acceptance), f(row.autocorrelation[k])])
            }
        }
        return rows
    }
}
