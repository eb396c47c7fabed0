import ArgumentParser

/// `slam ingest lamost PATH...`, `slam ingest apogee FILE` and `slam ingest catalogue FILE`.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enqueue the ingest of LAMOST spectra, an APOGEE allStar file or a LAMOST catalogue.",
        subcommands: [Lamost.self, Apogee.self, Catalogue.self])
}
