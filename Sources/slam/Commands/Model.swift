import ArgumentParser
import Catalogue
import Foundation
import Pipeline

/// `slam model list|show|promote|retire|purge`.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "List, show, promote, retire or purge model versions.",
        subcommands: [List.self, Show.self, Promote.self, Retire.self, Purge.self], defaultSubcommand: List.self)

    static func describe(_ m: ModelListRow) -> String {
        let scatter = zip(m.labelNames, m.scatter).map { name, s in "\(name) \(s.map { String(format: "%.3g", $0) } ?? "-")" }
        return "model \(m.modelID) [\(m.labelSet)] \(m.status.rawValue)\(m.isCurrent ? " (current)" : ""), trained on \(m.trainingSet)"
            + " (\(m.trainCount.map(String.init) ?? "?") stars); CV scatter: \(scatter.joined(separator: ", "))"
    }
}
