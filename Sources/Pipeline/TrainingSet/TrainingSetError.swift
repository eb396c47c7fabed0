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
        }
    }
}
