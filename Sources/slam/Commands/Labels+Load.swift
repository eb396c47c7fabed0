import ArgumentParser

extension Labels {
    /// `slam labels load apogee|lasp|table FILE`.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a label catalogue.", subcommands: [Apogee.self, LASP.self, Table.self])
    }
}
