import ArgumentParser
@testable import Platform
import Testing

/// The launch parses the arguments as the root command and runs the chosen command, awaiting async ones.
@Suite struct CommandLaunchTests {
    /// Thrown by the test commands' `run()`, so a test sees which command ran with what it parsed.
    struct Ran: Error, Equatable {
        var command: String
        var value: Int
    }

    struct Root: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "root", subcommands: [Echo.self, AsyncEcho.self])
    }

    struct Echo: ParsableCommand {
        @Option var value = 0
        func run() throws { throw Ran(command: "echo", value: value) }
    }

    struct AsyncEcho: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "async-echo")
        @Argument var value: Int
        func run() async throws { throw Ran(command: "async-echo", value: value) }
    }

    @Test func aSynchronousSubcommandRunsWithItsOptions() async {
        await #expect(throws: Ran(command: "echo", value: 3)) {
            try await CommandLaunch.parseAndRun(Root.self, arguments: ["echo", "--value", "3"])
        }
    }

    @Test func anAsynchronousSubcommandIsAwaited() async {
        await #expect(throws: Ran(command: "async-echo", value: 5)) {
            try await CommandLaunch.parseAndRun(Root.self, arguments: ["async-echo", "5"])
        }
    }

    /// The error that parsing and running `arguments` throws; records an issue when it is a command's `Ran`
    /// (the command ran) or when nothing is thrown.
    static func parseError(_ arguments: [String]) async throws -> any Error {
        let error = await #expect(throws: (any Error).self) {
            try await CommandLaunch.parseAndRun(Root.self, arguments: arguments)
        }
        let thrown = try #require(error)
        #expect(!(thrown is Ran))
        return thrown
    }

    @Test func aBadArgumentIsAParseErrorAndNothingRuns() async throws {
        let error = try await Self.parseError(["echo", "--bad"])
        #expect(Root.exitCode(for: error) == .validationFailure)
        #expect(Root.message(for: error) == "Unknown option '--bad'")
    }

    @Test func helpIsACleanExitAndNothingRuns() async throws {
        #expect(Root.exitCode(for: try await Self.parseError(["async-echo", "--help"])) == .success)
    }
}
