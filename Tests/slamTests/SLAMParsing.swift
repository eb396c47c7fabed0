import ArgumentParser
@testable import slam
import Testing

/// `slam`'s command line as the shell passes it: parsed from the root (so the tests go through the same
/// subcommand routing, option groups and `validate()` a user does), or rejected with what a user sees.
enum SLAMParsing {
    /// The subcommand `arguments` select, parsed and validated, as `T`.
    static func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type,
                                          sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        let command = try SLAMCommand.parseAsRoot(arguments)
        return try #require(command as? T, "\(arguments) parsed as \(Swift.type(of: command))", sourceLocation: sourceLocation)
    }

    /// Expects `arguments` to be refused as a usage error (status 64) whose message, as `slam` prints it
    /// (the error and the usage line), contains each of `phrases`; returns that message.
    @discardableResult
    static func expectRejected(_ arguments: [String], saying phrases: String...,
                               sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let command = try SLAMCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed as \(type(of: command))", sourceLocation: sourceLocation)
            return ""
        } catch {
            let message = SLAMCommand.fullMessage(for: error)
            #expect(SLAMCommand.exitCode(for: error) == .validationFailure, "\(arguments): \(message)", sourceLocation: sourceLocation)
            #expect(message.contains("Usage: slam "), "\(arguments): no usage line in \(message)", sourceLocation: sourceLocation)
            for phrase in phrases {
                #expect(message.contains(phrase), "\(arguments): '\(phrase)' not in \(message)", sourceLocation: sourceLocation)
            }
            return message
        }
    }

    /// Expects `arguments`, a command group without a default subcommand, to print its help page as `slam`
    /// does (exit status 0), naming each of `subcommands`; returns the page. (The group is not run when
    /// `arguments` select a leaf subcommand instead.)
    @discardableResult
    static func expectHelp(_ arguments: [String], listing subcommands: String...,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var command = try SLAMCommand.parseAsRoot(arguments)
        guard !type(of: command).configuration.subcommands.isEmpty else {
            Issue.record("\(arguments) parsed as \(type(of: command))", sourceLocation: sourceLocation)
            return ""
        }
        do {
            try command.run()
            Issue.record("\(arguments) ran without printing help", sourceLocation: sourceLocation)
            return ""
        } catch {
            let page = SLAMCommand.fullMessage(for: error)
            #expect(SLAMCommand.exitCode(for: error) == .success, "\(arguments): \(page)", sourceLocation: sourceLocation)
            #expect(page.contains("USAGE: slam \(arguments.joined(separator: " "))"), "\(page)", sourceLocation: sourceLocation)
            for name in subcommands {
                #expect(page.contains("\n  \(name) "), "\(arguments): '\(name)' not listed in \(page)", sourceLocation: sourceLocation)
            }
            return page
        }
    }
}
