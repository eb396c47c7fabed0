import Store

/// Why a training set could not be created. Nothing is written when one of these is thrown.
public enum TrainingSetError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidName(String)
    case unknownLabel(String, known: [String])
    case repeatedLabel(String)
    case invalidRange(label: String, text: String)
    case invalidCriterion(String)
    case unknownCrossmatchRun(Int)
    case crossmatchNotComplete(Int)
    case noCompleteCrossmatch
    case unknownPreprocessing(String)
    case emptySelection(report: String)
    case database(PostgresError)
    /// No label catalogue (and no APOGEE release) of this name; `known` lists the catalogue names.
    case unknownLabelSource(String, known: [String])
    /// A label the catalogue does not have.
    case labelNotInCatalogue(String, catalogue: String, available: [String])
    /// The members file cannot be used (missing, no obsid column, a repeated obsid ...).
    case invalidMembers(String)
    /// Listed members that cannot be in the set (no spectrum, not preprocessed, no labels in the source).
    case unusableMembers(count: Int, examples: [String])

    public var description: String {
        switch self {
        case let .invalidName(name):
            "training-set name '\(name)' must start with a letter or digit and use only letters, digits, '_', '.' and '-'"
        case let .unknownLabel(name, known):
            "unknown label '\(name)'; known labels: \(known.joined(separator: ", "))"
        case let .repeatedLabel(name): "label '\(name)' is given twice"
        case let .invalidRange(label, text):
            "range '\(text)' for \(label) is not MIN:MAX with MIN < MAX (either side may be empty)"
        case let .invalidCriterion(text): "invalid selection criterion: \(text)"
        case let .unknownCrossmatchRun(id): "crossmatch run \(id) does not exist"
        case let .crossmatchNotComplete(id): "crossmatch run \(id) is not complete"
        case .noCompleteCrossmatch: "no complete crossmatch run exists (run slam crossmatch first)"
        case let .unknownPreprocessing(version): "preprocessing version '\(version)' is unknown"
        case let .emptySelection(report): "the cuts leave no member; nothing was written.\n\(report)"
        case let .database(error): "database: \(error)"
        case let .unknownLabelSource(name, known):
            "no label catalogue '\(name)'" + (known.isEmpty ? " (load one with slam labels load)" : "; known: \(known.joined(separator: ", "))")
        case let .labelNotInCatalogue(label, catalogue, available):
            "label '\(label)' is not in catalogue \(catalogue) (it has \(available.joined(separator: ", ")))"
        case let .invalidMembers(text): "members list: \(text)"
        case let .unusableMembers(count, examples):
            "\(count) listed members cannot be used; nothing was written: \(examples.joined(separator: "; "))"
        }
    }
}
