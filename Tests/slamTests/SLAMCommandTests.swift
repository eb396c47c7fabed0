import ArgumentParser
@testable import slam
import Testing

/// The whole command tree: every subcommand has an abstract and a help page, refuses an unknown option,
/// and has parsing tests of its own (listed in ``tested``, one `<File>Tests.swift` per command file), so
/// a new subcommand without them fails here.
@Suite struct SLAMCommandTests {
    /// A subcommand and its path below `slam`.
    struct Node: CustomTestStringConvertible {
        let path: [String]
        let type: any ParsableCommand.Type
        var isLeaf: Bool { type.configuration.subcommands.isEmpty }
        var testDescription: String { (["slam"] + path).joined(separator: " ") }
    }

    /// Every subcommand, depth first in help order.
    static let tree: [Node] = {
        func walk(_ type: any ParsableCommand.Type, _ path: [String]) -> [Node] {
            type.configuration.subcommands.flatMap { sub -> [Node] in
                let node = Node(path: path + [sub._commandName], type: sub)
                return [node] + walk(sub, node.path)
            }
        }
        return walk(SLAMCommand.self, [])
    }()

    /// The leaf subcommands with parsing tests in this target (valid invocations with their main options,
    /// and refused ones with the message). Add a subcommand here only with its tests.
    static let tested: Set<String> = [
        "demo", "simulate",
        "ingest lamost", "ingest apogee", "ingest catalogue",
        "crossmatch",
        "labels load apogee", "labels load lasp", "labels load table", "labels list", "labels loads",
        "trainingset create", "trainingset list",
        "train", "predict", "posterior",
        "model list", "model show", "model promote", "model retire", "model purge",
        "migrate",
        "db start", "db stop", "db status", "db url", "db psql",
        "worker",
        "jobs summary", "jobs show", "jobs retry", "jobs cancel",
        "schedule add", "schedule list", "schedule remove",
        "export", "calibrate", "show",
        "serve",
    ]

    @Test func everyLeafSubcommandHasParsingTests() {
        let leaves = Set(Self.tree.filter(\.isLeaf).map { $0.path.joined(separator: " ") })
        #expect(leaves.subtracting(Self.tested).isEmpty, "subcommands without parsing tests: \(leaves.subtracting(Self.tested).sorted())")
        #expect(Self.tested.subtracting(leaves).isEmpty, "tested but not in the tree: \(Self.tested.subtracting(leaves).sorted())")
    }

    @Test func subcommandNamesAreUniqueAmongSiblings() {
        let paths = Self.tree.map(\.path)
        #expect(Set(paths).count == paths.count)
    }

    @Test(arguments: tree)
    func everySubcommandHasAnAbstractAndAHelpPage(_ node: Node) throws {
        #expect(!node.type.configuration.abstract.isEmpty)
        let help = SLAMCommand.helpMessage(for: node.type)
        #expect(help.contains("OVERVIEW: "), "\(help)")
        #expect(help.contains("USAGE: slam \(node.path.joined(separator: " "))"), "\(help)")
        // `slam help PATH` and `slam PATH --help` as a user types them: ArgumentParser's help command, which
        // exits cleanly (status 0) printing the same page. (`slam db psql --help` is psql's help: the
        // command passes its arguments through, see DB+PsqlTests.)
        let requests = node.path == ["db", "psql"] ? [["help"] + node.path] : [["help"] + node.path, node.path + ["--help"]]
        for arguments in requests {
            var command = try SLAMCommand.parseAsRoot(arguments)
            guard type(of: command) != node.type, !(command is SLAMCommand) else {
                Issue.record("\(arguments) parsed as \(type(of: command))")
                continue
            }
            do {
                try command.run()
                Issue.record("\(arguments) ran without printing help")
            } catch {
                #expect(SLAMCommand.exitCode(for: error) == .success)
                #expect(SLAMCommand.fullMessage(for: error).contains("USAGE: slam \(node.path.joined(separator: " "))"), "\(arguments)")
            }
        }
    }

    /// `slam db psql` hands unknown options to psql, so it is left out (DB+PsqlTests covers it).
    @Test(arguments: tree.filter { $0.isLeaf && $0.path != ["db", "psql"] })
    func everyLeafRefusesAnUnknownOption(_ node: Node) {
        // A usage error; a command with a required argument, option or choice may report that first
        // (`slam posterior` without --obsid or --where), so the message itself is each command's tests' concern.
        let message = SLAMParsing.expectRejected(node.path + ["--no-such-option"])
        #expect(message.hasPrefix("Error: "), "\(message)")
    }

    @Test func theRootListsEverySubcommandAndNeedsOne() {
        let help = SLAMCommand.helpMessage()
        for node in Self.tree where node.path.count == 1 {
            #expect(help.contains("  \(node.path[0]) "), "\(node.path[0]) missing from slam --help")
        }
        SLAMParsing.expectRejected(["frobnicate"], saying: "Unexpected argument 'frobnicate'")
    }
}
