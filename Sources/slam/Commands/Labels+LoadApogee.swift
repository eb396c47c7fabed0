import ArgumentParser

extension Labels.Load {
    /// `slam labels load apogee FILE [--release R] [--columns dr12|dr15|dr16|dr17]`.
    struct Apogee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an APOGEE allStar file into apogee_star and register it as catalogue apogee-<release>.")
        @OptionGroup var load: ApogeeLoadOptions

        func run() async throws {
            try await load.enqueue()
        }
    }
}
