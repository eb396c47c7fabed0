import ArgumentParser
import Foundation
import Pipeline
import Store

/// `slam trainingset create|list`.
struct TrainingSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainingset",
        abstract: "Create and list training sets (immutable, versioned selections with reference labels).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Select a training set from a crossmatch with the paper's cuts, and print how many each cut removed.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Name of the set (a new version when it exists).") var name: String
        @Option(help: "Crossmatch run id (default: the latest complete run).") var crossmatch: Int?
        @Option(help: "Labels, comma-separated (teff, logg, m_h, alpha_m, c_m, n_m).") var labels = "teff,logg,m_h,alpha_m,c_m,n_m"
        @Option(name: .customLong("snr-min"), help: "Minimum LAMOST S/N_g.") var snrMin = 40.0
        @Option(name: .customLong("apogee-snr-min"), help: "Minimum APOGEE S/N.") var apogeeSNRMin = 100.0
        @Option(help: "Teff range MIN:MAX, K.") var teff = "3000:5500"
        @Option(help: "log g range MIN:MAX, dex.") var logg: String?
        @Option(name: .customLong("m-h"), help: "[M/H] range MIN:MAX, dex.") var mH: String?
        @Option(name: .customLong("max-bad-pixels"), help: "Maximum bad pixels on the model grid.") var maxBadPixels = 50
        @Option(help: "Repeat observations of one star: best-snr or all.") var repeats = "best-snr"
        @Flag(name: .customLong("keep-ambiguous"), help: "Keep matches flagged ambiguous.") var keepAmbiguous = false
        @Option(name: .customLong("validation-fraction"), help: "Fraction held out for validation.") var validationFraction = 0.1
        @Option(help: "Seed of the held-out split.") var seed: UInt64 = 1

        func criteria() throws -> TrainingSetCriteria {
            let parsed = try ApogeeLabel.parseList(labels)
            var ranges: [String: TrainingSetCriteria.LabelRange] = [:]
            for (name, text) in [("teff", teff), ("logg", logg), ("m_h", mH)] {
                guard let text, parsed.contains(where: { $0.rawValue == name }) else { continue }
                ranges[name] = try .parse(text, label: name)
            }
            guard let policy = TrainingSetCriteria.RepeatPolicy(rawValue: repeats) else {
                throw ValidationError("--repeats must be best-snr or all")
            }
            let c = TrainingSetCriteria(labels: parsed, crossmatchRunID: crossmatch, snrgMinimum: snrMin,
                                        apogeeSNRMinimum: apogeeSNRMin, ranges: ranges, excludeAmbiguous: !keepAmbiguous,
                                        maximumBadPixels: maxBadPixels, repeats: policy,
                                        validationFraction: validationFraction, seed: seed)
            try c.validate()
            return c
        }

        func validate() throws {
            do { _ = try criteria() } catch let error as TrainingSetError { throw ValidationError(error.description) }
        }

        func run() async throws {
            let logger = logging.makeLogger("slam.trainingset")
            let factory = try database.factory(logger: logger)
            let (name, criteria) = (self.name, try criteria())
            let report = try await factory.withConnection { try TrainingSetBuilder().create(name: name, criteria: criteria, connection: $0) }
            print(report.text)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List training sets.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.trainingset"))
            let rows = try await factory.withConnection { db in
                try db.query("""
                    SELECT training_set_id, name, version, label_set, array_to_string(label_names, ','), n_members,
                           crossmatch_run_id, to_char(created_at, 'YYYY-MM-DD HH24:MI')
                    FROM training_set ORDER BY training_set_id
                    """).rows.map { r in
                        [String(try r.decode(Int.self, at: 0)), try r.decode(String.self, at: 1), String(try r.decode(Int.self, at: 2)),
                         try r.decode(String.self, at: 3), try r.decode(String.self, at: 4), String(try r.decode(Int.self, at: 5)),
                         try r.decode(Int?.self, at: 6).map(String.init) ?? "-", try r.decode(String.self, at: 7)]
                    }
            }
            print(rows.isEmpty ? "no training sets" : TextTable.render([["id", "name", "version", "label set", "labels", "members", "crossmatch", "created"]] + rows))
        }
    }
}
