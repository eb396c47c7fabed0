/// Why an ADQL query was refused: a syntax error, an unknown name, or a construct the translator does
/// not serve. `position` points into the user's text when the error has a place.
public struct ADQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the offending word or construct.
    public var message: String
    /// Where, when known.
    public var position: ADQLPosition?

    public init(_ message: String, at position: ADQLPosition?) {
        self.message = message
        self.position = position
    }

    /// "line L, column C: message" when positioned, else the message.
    public var description: String {
        guard let position else { return message }
        return "\(position): \(message)"
    }
}
