import Store

/// The lifecycle of a `model` row (`model.status`): `training` until its final transaction makes it `ready`,
/// `failed` with a reason, `retired` by an operator.
public enum ModelStatus: String, Sendable, CaseIterable {
    case training, ready, failed, retired

    /// The status stored as `text`; a value outside the table's CHECK is a decoding error.
    public init(text: String, column: String = "status") throws(PostgresError) {
        guard let status = ModelStatus(rawValue: text) else {
            throw .decoding(column: column, expected: "model status", actualType: PostgresType.text.oid, reason: "unknown status '\(text)'")
        }
        self = status
    }
}

/// What a model is wanted for. The one rule of which statuses may serve each purpose: every check of a
/// model's status, in Swift (``allows(_:)``) or in SQL (``condition(_:)``), goes through it.
public enum ModelUse: Sendable, CaseIterable {
    /// Planning new work with it: prediction jobs, posterior jobs. Only a `ready` model.
    case newPredictions
    /// Becoming the current model of its label set. Only a `ready` model.
    case promotion
    /// Reading its stored coefficients and results: loading it for a batch already planned, exporting its
    /// catalogue, plotting its fits; a retired model's predictions stay. `ready` or `retired`.
    case reading
    /// Counting as a trained model of its training set (retraining reuses its settings and skips a set that
    /// has one). `ready` or `retired`.
    case retraining
    /// Being retired by an operator. `ready` or `failed`.
    case retirement
    /// Having its predictions dropped (`slam model purge`; the database function `slam_purge_predictions`,
    /// migration 0035, checks the same statuses). `retired` or `failed`: never a model that serves or may
    /// serve the catalogue.
    case purge

    /// The statuses allowed for this use.
    public var statuses: [ModelStatus] {
        switch self {
        case .newPredictions, .promotion: [.ready]
        case .reading, .retraining: [.ready, .retired]
        case .retirement: [.ready, .failed]
        case .purge: [.failed, .retired]
        }
    }

    /// Whether a model with `status` may serve this use.
    public func allows(_ status: ModelStatus) -> Bool { statuses.contains(status) }

    /// The SQL condition `column = ANY(statuses)` (statuses bound as a `text[]` parameter), e.g.
    /// `ModelUse.reading.condition("m.status")`. `column` is an `SQL` fragment chosen in code.
    public func condition(_ column: SQL) -> SQL {
        "\(column) = ANY(\(statuses.map(\.rawValue)))"
    }
}
