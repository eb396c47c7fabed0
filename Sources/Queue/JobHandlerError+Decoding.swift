extension JobHandlerError {
    /// A payload decoding error as the field it concerns and what is wrong with it (`missing field "paths"`,
    /// `field "obsids.[1]": expected Int64`), for ``malformedPayload(kind:reason:)`` shown to a user.
    public static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing field \"\(path(context.codingPath + [key]))\""
        case let DecodingError.typeMismatch(type, context):
            return "field \"\(path(context.codingPath))\": expected \(type)"
        case let DecodingError.valueNotFound(type, context):
            return "field \"\(path(context.codingPath))\": null where \(type) is required"
        case let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty:
            return "not a JSON object: \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            return "field \"\(path(context.codingPath))\": \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
