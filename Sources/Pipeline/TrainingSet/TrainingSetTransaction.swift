import Queue
import Store

/// The shared frame of every training-set builder: a valid set name, then one transaction whose errors come
/// out as ``TrainingSetError``.
enum TrainingSetTransaction {
    /// Checks `name` (letters, digits, `_ . -`, not starting with a symbol) and runs `body` in a transaction,
    /// behind `fence` when a job builds the set.
    static func run(name: String, connection: PostgresConnection, fence: JobFence,
                    _ body: (PostgresConnection) throws -> TrainingSetReport) throws(TrainingSetError) -> TrainingSetReport {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]*$"#, options: .regularExpression) != nil else {
            throw .invalidName(name)
        }
        do {
            return try connection.transaction { db in
                let report = try body(db)
                try fence.check(db)
                return report
            }
        } catch let error as TrainingSetError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }
}
