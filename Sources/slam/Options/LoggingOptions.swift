import ArgumentParser
import Foundation
import Logging

/// `--log-level`, shared by subcommands; logs go to standard error.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (default: info, or SLAM_LOG_LEVEL).")
    var logLevel: String?

    /// Bootstraps swift-log once per process and returns a logger labelled `label`.
    func makeLogger(_ label: String) -> Logger {
        CLILogging.bootstrapOnce
        var logger = Logger(label: label)
        let name = logLevel ?? ProcessInfo.processInfo.environment["SLAM_LOG_LEVEL"] ?? "info"
        logger.logLevel = Logger.Level(rawValue: name.lowercased()) ?? .info
        return logger
    }
}

enum CLILogging {
    static let bootstrapOnce: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()
}
