import Store

/// One bit of `prediction.flags` (`flag_bits`).
public struct FlagBitRow: Sendable, Equatable {
    public var bit: Int
    public var name: String
    public var description: String

    public init(bit: Int, name: String, description: String) {
        self.bit = bit
        self.name = name
        self.description = description
    }

    init(row: PostgresRow) throws(PostgresError) {
        bit = try row.decode(Int.self, "bit")
        name = try row.decode(String.self, "name")
        description = try row.decode(String.self, "description")
    }
}
