import Queue
import Store

/// The entry point of training sets drawn from a label catalogue (LASP, a user table), kept for its
/// callers: it is ``TrainingSetBuilder`` (the one selection engine) with the catalogue label source.
/// Candidates are the ingested spectra the catalogue names (obsid-keyed) or lies within the match radius
/// of (position-keyed, nearest reference per spectrum); with a member list the set is exactly the list
/// (or nothing is written). The set's label set is the catalogue name.
public struct CatalogueTrainingSetBuilder: Sendable {
    /// A builder (stateless).
    public init() {}

    /// Names of the cuts, in the order they are applied.
    public static func cutNames(for criteria: CatalogueTrainingSetCriteria) -> [String] {
        TrainingSetBuilder.cutNames(for: criteria)
    }

    /// Selects the members, writes the set and returns its report (``TrainingSetBuilder/create(name:criteria:connection:fence:)-(_,CatalogueTrainingSetCriteria,_,_)``).
    public func create(name: String, criteria: CatalogueTrainingSetCriteria,
                       connection: PostgresConnection, fence: JobFence = .unfenced) throws(TrainingSetError) -> TrainingSetReport {
        try TrainingSetBuilder().create(name: name, criteria: criteria, connection: connection, fence: fence)
    }
}
