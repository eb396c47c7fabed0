import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: `COMMIT` when it returns, `ROLLBACK` when it throws (the
    /// error is rethrown). Inside an open transaction it uses a savepoint instead, so calls nest.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let nested = PQtransactionStatus(handle) != PQTRANS_IDLE
        let savepoint = "slam_sp_\(preparedStatements.count)_\(UInt32.random(in: 0...UInt32.max))"
        if nested {
            try executeScript("SAVEPOINT \(savepoint)", name: "savepoint")
        } else {
            try executeScript("BEGIN", name: "begin")
        }
        do {
            let value = try body(self)
            try executeScript(nested ? "RELEASE SAVEPOINT \(savepoint)" : "COMMIT", name: "commit")
            return value
        } catch {
            if isConnected {
                try? executeScript(nested ? "ROLLBACK TO SAVEPOINT \(savepoint)" : "ROLLBACK", name: "rollback")
            }
            throw error
        }
    }

    /// True when the connection is inside a transaction block.
    public var isInTransaction: Bool { PQtransactionStatus(handle) != PQTRANS_IDLE }
}
