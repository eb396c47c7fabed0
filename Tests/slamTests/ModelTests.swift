@testable import slam
import Testing

/// `slam model` (Model.swift): `list` is the default subcommand.
@Suite struct ModelTests {
    @Test func withoutASubcommandItLists() throws {
        _ = try SLAMParsing.parse(["model"], as: ModelCommand.List.self)
        _ = try SLAMParsing.parse(["model", "--log-level", "debug"], as: ModelCommand.List.self)
    }

    @Test func anUnknownSubcommandIsRefused() {
        SLAMParsing.expectRejected(["model", "delete", "3"], saying: "unexpected arguments: 'delete', '3'")
    }
}
