import CLibPQ
import Foundation

extension PostgresConnection {
    /// Starts listening on `channel` (kept across ``reconnect(policy:)``).
    public func listen(_ channel: String) throws(PostgresError) {
        try executeScript("LISTEN \(try quoteIdentifier(channel))", name: "listen \(channel)")
        listeningChannels.insert(channel)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws(PostgresError) {
        try executeScript("UNLISTEN \(try quoteIdentifier(channel))", name: "unlisten \(channel)")
        listeningChannels.remove(channel)
    }

    /// Sends `NOTIFY channel, payload` (delivered at commit when inside a transaction).
    public func notify(_ channel: String, payload: String = "") throws(PostgresError) {
        try execute("SELECT pg_notify($1, $2)", [channel, payload], name: "notify")
    }

    /// Waits up to `timeoutSeconds` for notifications on the listened channels and returns those
    /// received (possibly none). Returns at once if some are already buffered.
    /// Throws ``PostgresError/connectionLost(statement:message:)`` if the connection broke.
    public func waitForNotifications(timeoutSeconds: Double) throws(PostgresError) -> [PostgresNotification] {
        var received = drainNotifications()
        if !received.isEmpty { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw .connectionLost(statement: "wait for notifications", message: lastErrorMessage()) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(timeoutSeconds, 86_400)) * 1000)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            throw .connectionLost(statement: "wait for notifications", message: String(cString: strerror(errno)))
        }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1 else {
                throw .connectionLost(statement: "wait for notifications", message: lastErrorMessage())
            }
        }
        received = drainNotifications()
        if received.isEmpty && PQstatus(handle) != CONNECTION_OK {
            throw .connectionLost(statement: "wait for notifications", message: lastErrorMessage())
        }
        return received
    }

    func drainNotifications() -> [PostgresNotification] {
        var result: [PostgresNotification] = []
        _ = PQconsumeInput(handle)
        while let notification = PQnotifies(handle) {
            let value = notification.pointee
            result.append(PostgresNotification(
                channel: String(cString: value.relname),
                payload: value.extra.map { String(cString: $0) } ?? "",
                senderPID: value.be_pid))
            PQfreemem(notification)
        }
        return result
    }
}
