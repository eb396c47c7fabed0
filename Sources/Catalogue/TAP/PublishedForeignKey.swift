/// A foreign key of `tap_schema.keys` with its column pairs from `tap_schema.key_columns` (TAP 1.1
/// sections 4.4 and 4.5): rows of the table holding it point at rows of `targetTable`.
public struct PublishedForeignKey: Sendable, Equatable {
    /// One column pair: `fromColumn` of the holding table equals `targetColumn` of the target.
    public struct ColumnPair: Sendable, Equatable {
        public var fromColumn: String
        public var targetColumn: String

        public init(fromColumn: String, targetColumn: String) {
            self.fromColumn = fromColumn
            self.targetColumn = targetColumn
        }
    }

    public var keyID: String
    /// The qualified name of the table pointed at (`slam.models`).
    public var targetTable: String
    public var description: String?
    public var utype: String?
    public var columns: [ColumnPair]

    public init(keyID: String, targetTable: String, description: String?, utype: String? = nil, columns: [ColumnPair]) {
        self.keyID = keyID
        self.targetTable = targetTable
        self.description = description
        self.utype = utype
        self.columns = columns
    }
}
