import Foundation

/// What a training-set selection did: candidates, how many each cut removed, and the members' label ranges.
public struct TrainingSetReport: Sendable, Codable, Equatable {
    /// One cut and its effect.
    public struct Cut: Sendable, Codable, Equatable {
        /// Cut name, e.g. `lamost_snrg`.
        public var name: String
        /// Candidates that passed every earlier cut and failed this one.
        public var removed: Int
        /// Candidates left after this cut.
        public var remaining: Int
    }
    /// Range of one label over the members, physical units.
    public struct LabelSpan: Sendable, Codable, Equatable {
        public var label: String
        public var minimum: Double
        public var maximum: Double
    }

    public var trainingSetID: Int
    public var name: String
    public var version: Int
    /// Crossmatch run the candidates came from (APOGEE sets); nil for sets from a label catalogue.
    public var crossmatchRunID: Int?
    /// Matched pairs in the crossmatch run before any cut.
    public var candidates: Int
    public var cuts: [Cut]
    public var members: Int
    public var heldOut: Int
    public var labelSpans: [LabelSpan]
    /// Where the reference labels come from, e.g. `label catalogue lasp-dr5 v1`; nil for APOGEE sets.
    public var source: String? = nil

    static func format(_ v: Double) -> String { String(format: abs(v) >= 100 ? "%.0f" : "%.3f", v) }

    /// A plain-text table for the terminal.
    public var text: String {
        let origin = source ?? crossmatchRunID.map { "crossmatch run \($0)" } ?? "?"
        var lines = ["training set \(name) v\(version) (id \(trainingSetID)) from \(origin)",
                     "  candidates \(source == nil ? "(matched pairs)        " : "(spectra with labels)  ")\(candidates)"]
        for cut in cuts {
            let label = cut.name.padding(toLength: 32, withPad: " ", startingAt: 0)
            lines.append("  - \(label) removed \(cut.removed), \(cut.remaining) left")
        }
        lines.append("  members \(members) (\(heldOut) held out for validation)")
        for span in labelSpans {
            lines.append("  \(span.label): \(Self.format(span.minimum)) ... \(Self.format(span.maximum))")
        }
        return lines.joined(separator: "\n")
    }
}
