import Store

/// The shared frame of every training-set builder: a valid set name, then one transaction whose errors come
/// out as ``TrainingSetError``.
enum TrainingSetTransaction {
    /// Checks `name` (letters, digits, `_ . -`, not starting with a symbol) and runs `body` in a transaction.
    static func run(name: String, connection: PostgresConnection,
                    _ body: (PostgresConnection) throws -> TrainingSetReport) throws(TrainingSetError) -> TrainingSetReport {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]*$"#, options: .regularExpression) != nil else {
            throw .invalidName(name)
        }
        do {
            return try connection.transaction { db in try body(db) }
        } catch let error as TrainingSetError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }
}
