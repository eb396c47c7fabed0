import ArgumentParser
import Catalogue
import Pipeline

/// The options of an APOGEE allStar load, shared by `slam labels load apogee` and `slam ingest apogee`
/// (one load: it fills apogee_star and registers the file as label catalogue apogee-<release>).
struct ApogeeLoadOptions: ParsableArguments {
    /// The spellings `--columns` accepts.
    static let columnPresets = ["dr12", "dr14", "dr15", "dr16", "dr17"]

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Argument(help: "allStar FITS file.") var file: String
    @Option(help: "Data release the file belongs to.") var release = "DR15"
    @Option(help: "Column names: dr12, dr15 (also DR14), dr16 or dr17.") var columns = "dr15"

    func validate() throws {
        guard Self.columnPresets.contains(columns.lowercased()) else {
            throw ValidationError("--columns must be one of \(Self.columnPresets.joined(separator: ", "))")
        }
        _ = try Labels.absolute(file)
    }

    /// The load job's payload: catalogue apogee-<release>, the file's absolute path.
    func payload() throws -> LoadLabelsPayload {
        LoadLabelsPayload(kind: .apogee, path: try Labels.absolute(file), name: LabelCatalogueKind.apogee.defaultName(release: release),
                          release: release, apogeeColumns: columns.lowercased())
    }

    /// Enqueues the load and follows it as `--wait`/`--work` ask.
    func enqueue() async throws {
        try await Labels.enqueue(try payload(), database: database, logging: logging, waiting: waiting)
    }
}
