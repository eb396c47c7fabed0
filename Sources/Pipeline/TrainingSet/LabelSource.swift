import Catalogue
import Store

/// Where a training set's reference labels come from (`--labels-from SOURCE`): an APOGEE release
/// (matched through a crossmatch run) or a label catalogue of LAMOST obsids or positions; the one
/// selection engine, ``TrainingSetBuilder``, takes either.
public enum LabelSource: Sendable, Equatable {
    /// `apogee_star` rows of a release, e.g. `DR15` (source names `apogee-dr15` or `apogee`).
    case apogee(release: String)
    /// A label catalogue by name (latest version unless one is given).
    case catalogue(name: String)

    /// Resolves a source name: a registered catalogue of that name; else `apogee-<release>` when
    /// `apogee_star` has that release (loaded with `slam ingest apogee`); else `apogee` for the latest
    /// release loaded.
    /// - Throws: ``TrainingSetError/unknownLabelSource(_:known:)``.
    public static func resolve(_ name: String, db: PostgresConnection) throws -> LabelSource {
        if let entry = try LabelCatalogueRegistry.find(name, db: db) {
            if entry.kind == .apogee, let release = entry.apogeeRelease { return .apogee(release: release) }
            return .catalogue(name: name)
        }
        let releases = try ApogeeStarQueries.releases(db: db)
        if name.lowercased() == "apogee", let latest = releases.last { return .apogee(release: latest) }
        if let release = releases.first(where: { LabelCatalogueKind.apogee.defaultName(release: $0) == name.lowercased() }) {
            return .apogee(release: release)
        }
        throw TrainingSetError.unknownLabelSource(name, known: try knownNames(db))
    }

    /// Names of every catalogue and APOGEE release there is.
    static func knownNames(_ db: PostgresConnection) throws -> [String] {
        let catalogues = try LabelCatalogueQueries.names(db: db)
        let apogee = try ApogeeStarQueries.releases(db: db).map { LabelCatalogueKind.apogee.defaultName(release: $0) }
        return Array(Set(catalogues + apogee)).sorted()
    }
}
