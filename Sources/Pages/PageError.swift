/// Why a page cannot be shown: the server answers with the status and the message as text.
public enum PageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing is there (an obsid not ingested, a model that does not exist): HTTP 404.
    case notFound(String)
    /// The request cannot be understood (a malformed search, obsid or model id): HTTP 400.
    case badRequest(String)

    public var description: String {
        switch self {
        case let .notFound(message), let .badRequest(message): message
        }
    }
}
