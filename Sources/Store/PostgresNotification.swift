/// A notification delivered by `NOTIFY channel, 'payload'` to a connection that ran `LISTEN channel`.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel name.
    public var channel: String
    /// The payload ('' when none was given).
    public var payload: String
    /// The notifying backend's process id.
    public var senderPID: Int32
}
