import TAP

/// A TAP request's parameters (query string, then body) and, for a multipart POST, its parts (the
/// uploaded tables).
struct TapRequestForm: Sendable {
    var pairs: [(name: String, value: String)]
    var multipart: TapMultipartForm?

    /// The uploaded document `reference` names: its part, or the bytes its URL gives (fetched by
    /// `fetcher`); nil when the part is missing (or there is no reference).
    func document(for reference: TapUploadReference?, fetcher: TapUploadFetcher) async throws -> [UInt8]? {
        guard let reference else { return nil }
        switch reference.source {
        case let .part(name): return multipart?.part(named: name)?.body
        case let .url(url): return try await fetcher.fetch(url, table: reference.tableName)
        }
    }
}
