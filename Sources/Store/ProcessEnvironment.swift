import Foundation

/// Access to the process environment (one place, so callers and tests can pass their own).
public enum ProcessEnvironment {
    /// The current process environment.
    public static var current: [String: String] { ProcessInfo.processInfo.environment }
}
