import ArgumentParser

extension Ingest {
    /// `slam ingest apogee FILE`: the same load as `slam labels load apogee` (it also registers the file as
    /// label catalogue apogee-<release>).
    struct Apogee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an APOGEE allStar FITS table (only the needed columns, in row chunks); the same as `slam labels load apogee`.")
        @OptionGroup var load: ApogeeLoadOptions

        func run() async throws {
            try await load.enqueue()
        }
    }
}
