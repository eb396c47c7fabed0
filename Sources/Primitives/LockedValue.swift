import Foundation

/// A value shared between threads, read and changed only under its lock.
///
/// `@unchecked Sendable`: `value` is touched only inside ``withLock(_:)``, under `lock`.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// A shared `value`.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value and returns its result.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the current value.
    public var current: Value { withLock { $0 } }
}

extension LockedValue where Value: AdditiveArithmetic {
    /// Adds `amount` and returns the new total (a progress counter shared by worker threads).
    @discardableResult
    public func add(_ amount: Value) -> Value { withLock { $0 += amount; return $0 } }
}
