import ArgumentParser
import Foundation
import Pipeline

extension TrainingSet {
    /// `slam trainingset create NAME [--labels-from SOURCE] [cuts...] [--members FILE]`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Select a training set from a label source with the paper's cuts (or an explicit member list), and print how many each cut removed.",
            discussion: """
                --labels-from names the reference labels: apogee-dr15 (APOGEE through the latest crossmatch run, \
                the paper's K giants; the default), lasp-dr5 (LAMOST's AFGK catalogue, the paper's second application: \
                defaults become --labels teff,logg,feh --snr-min 100 --teff 4000:8000) or any catalogue loaded with \
                slam labels load. The set's label set is the source's name. --members FILE (a CSV with an obsid \
                column and optionally held_out) makes the set exactly the listed spectra.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Name of the set (a new version when it exists).") var name: String
        @Option(name: .customLong("labels-from"), help: "Label source: apogee-<release>, lasp-<release> or a catalogue name (default: APOGEE of the latest crossmatch run).") var labelsFrom: String?
        @Option(name: .customLong("catalogue-version"), help: "Catalogue version (default: the latest).") var catalogueVersion: Int?
        @Option(help: "Crossmatch run id for APOGEE sources (default: the latest complete run).") var crossmatch: Int?
        @Option(help: "Labels, comma-separated (APOGEE: teff, logg, m_h, alpha_m, c_m, n_m; LASP: teff, logg, feh).") var labels: String?
        @Option(name: .customLong("snr-min"), help: "Minimum LAMOST S/N_g (default 40; 100 for LASP).") var snrMin: Double?
        @Option(name: .customLong("apogee-snr-min"), help: "Minimum APOGEE S/N.") var apogeeSNRMin = 100.0
        @Option(help: "Teff range MIN:MAX, K (default 3000:5500 for APOGEE, 4000:8000 for LASP).") var teff: String?
        @Option(help: "log g range MIN:MAX, dex.") var logg: String?
        @Option(name: .customLong("m-h"), help: "[M/H] range MIN:MAX, dex.") var mH: String?
        @Option(help: "[Fe/H] range MIN:MAX, dex.") var feh: String?
        @Option(name: .customLong("max-bad-pixels"), help: "Maximum bad pixels on the model grid.") var maxBadPixels = 50
        @Option(help: "Repeat observations of one star: best-snr or all.") var repeats = "best-snr"
        @Flag(name: .customLong("keep-ambiguous"), help: "Keep matches flagged ambiguous (APOGEE).") var keepAmbiguous = false
        @Option(name: .customLong("match-radius"), help: "Match radius of position-keyed catalogues, arcsec.") var matchRadius = 3.0
        @Option(help: "Members file: CSV (or FITS) with an obsid column and optionally held_out; no cuts are applied.") var members: String?
        @Option(name: .customLong("validation-fraction"), help: "Fraction held out for validation.") var validationFraction = 0.1
        @Option(help: "Seed of the held-out split.") var seed: UInt64 = 1

        var source: String { labelsFrom?.lowercased() ?? "apogee" }
        var isLASP: Bool { source.hasPrefix("lasp") }
        var isAPOGEEName: Bool { source.hasPrefix("apogee") }

        func policy() throws -> TrainingSetCriteria.RepeatPolicy {
            guard let policy = TrainingSetCriteria.RepeatPolicy(rawValue: repeats) else {
                throw ValidationError("--repeats must be best-snr or all")
            }
            return policy
        }

        func apogeeCriteria() throws -> TrainingSetCriteria {
            let parsed = try ApogeeLabel.parseList(labels ?? "teff,logg,m_h,alpha_m,c_m,n_m")
            var ranges: [String: TrainingSetCriteria.LabelRange] = [:]
            for (name, text) in [("teff", teff ?? "3000:5500"), ("logg", logg), ("m_h", mH)] {
                guard let text, parsed.contains(where: { $0.rawValue == name }) else { continue }
                ranges[name] = try .parse(text, label: name)
            }
            let c = TrainingSetCriteria(labels: parsed, crossmatchRunID: crossmatch, snrgMinimum: snrMin ?? 40,
                                        apogeeSNRMinimum: apogeeSNRMin, ranges: ranges, excludeAmbiguous: !keepAmbiguous,
                                        maximumBadPixels: maxBadPixels, repeats: try policy(),
                                        validationFraction: validationFraction, seed: seed)
            try c.validate()
            return c
        }

        func catalogueCriteria(members: TrainingSetMembers?) throws -> CatalogueTrainingSetCriteria {
            let names = (labels ?? (isLASP ? "teff,logg,feh" : "")).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard !names.isEmpty else { throw ValidationError("--labels is needed for catalogue \(source)") }
            var ranges: [String: TrainingSetCriteria.LabelRange] = [:]
            for (name, text) in [("teff", teff ?? (isLASP ? "4000:8000" : nil)), ("logg", logg), ("m_h", mH), ("feh", feh)] {
                guard let text, names.contains(name) else { continue }
                ranges[name] = try .parse(text, label: name)
            }
            var c = CatalogueTrainingSetCriteria(source: source, catalogueVersion: catalogueVersion, labels: names,
                                                 snrgMinimum: snrMin ?? (isLASP ? 100 : 40), ranges: ranges,
                                                 maximumBadPixels: maxBadPixels, repeats: try policy(),
                                                 matchRadiusArcsec: matchRadius, validationFraction: validationFraction, seed: seed)
            c.members = members
            try c.validate()
            return c
        }

        func validate() throws {
            do {
                if isAPOGEEName && members == nil { _ = try apogeeCriteria() } else { _ = try catalogueCriteria(members: nil) }
            } catch let error as TrainingSetError { throw ValidationError(error.description) }
        }

        func run() async throws {
            let logger = logging.makeLogger("slam.trainingset")
            let factory = try database.factory(logger: logger)
            let memberList = try members.map { file throws(TrainingSetError) in try TrainingSetMembers.read(file: file) }
            let name = self.name, source = labelsFrom
            // Without --labels-from: APOGEE through the latest complete crossmatch run, whatever its release.
            let resolved = try await factory.withConnection { db in
                try source.map { try LabelSource.resolve($0, db: db) } ?? .apogee(release: "")
            }
            let report: TrainingSetReport
            switch resolved {
            case .apogee:
                guard memberList == nil else {
                    throw ValidationError("--members needs a catalogue of obsids or positions; APOGEE sets come from a crossmatch run")
                }
                let criteria = try apogeeCriteria()
                report = try await factory.withConnection { try TrainingSetBuilder().create(name: name, criteria: criteria, connection: $0) }
            case .catalogue:
                let criteria = try catalogueCriteria(members: memberList)
                report = try await factory.withConnection { try TrainingSetBuilder().create(name: name, criteria: criteria, connection: $0) }
            }
            print(report.text)
        }
    }
}
