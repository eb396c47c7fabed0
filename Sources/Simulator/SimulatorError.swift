import Formats

/// Why the mock survey could not be made or written.
public enum SimulatorError: Error, Sendable, CustomStringConvertible {
    /// A configuration value is out of its allowed range.
    case invalidConfiguration(parameter: String, value: String, allowed: String)
    /// The output directory could not be created or is not writable.
    case outputDirectory(path: String, detail: String)
    /// A file could not be written (the Formats layer's error, with the file it concerns).
    case write(file: String, underlying: FITSError)
    /// gnuplot is needed for `--plots` but is not installed.
    case gnuplotMissing(detail: String)
    /// gnuplot ran but failed.
    case plotFailed(file: String, detail: String)

    /// A one-line message naming the failing input.
    public var description: String {
        switch self {
        case let .invalidConfiguration(parameter, value, allowed):
            "invalid \(parameter) \(value): allowed \(allowed)"
        case let .outputDirectory(path, detail):
            "cannot use output directory \(path): \(detail)"
        case let .write(file, underlying):
            "cannot write \(file): \(underlying)"
        case let .gnuplotMissing(detail):
            "gnuplot is not installed (needed for --plots; Debian: apt-get install gnuplot-nox): \(detail)"
        case let .plotFailed(file, detail):
            "gnuplot failed for \(file): \(detail)"
        }
    }
}
