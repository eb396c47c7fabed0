/// A place in the ADQL text: `line` and `column` are 1-based (the column counts characters, i.e. Swift
/// `Character`s, from the start of the line), `offset` is the 0-based character offset from the start.
public struct ADQLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// "line L, column C".
    public var description: String { "line \(line), column \(column)" }
}
