import ArgumentParser
import Foundation
import Logging

/// `--log-level`, shared by subcommands; logs go to standard error.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical (default: info, or SLAM_LOG_LEVEL).")
    var logLevel: String?

    func validate() throws {
        guard let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil else { return }
        let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("--log-level must be one of \(levels), not '\(logLevel)'")
    }

    /// Bootstraps swift-log once per process and returns a logger labelled `label`.
    /// `environment` is the process's (a test passes its own `SLAM_LOG_LEVEL`).
    func makeLogger(_ label: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        CLILogging.bootstrapOnce
        var logger = Logger(label: label)
        let name = logLevel ?? environment["SLAM_LOG_LEVEL"] ?? "info"
        logger.logLevel = Logger.Level(rawValue: name.lowercased()) ?? .info
        return logger
    }
}

enum CLILogging {
    static let bootstrapOnce: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()
}
