import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TAP

/// Fetches a table uploaded by URL (`UPLOAD=name,https://...`, TAP 1.1's mandatory upload-http method):
/// http and https only, at most `maximumBytes` (the response is read whole before its size is checked),
/// within `timeoutSeconds`, redirects followed. The server
/// fetches on the client's behalf, so it reaches what the server can reach: serve it where that is
/// acceptable, or behind a proxy that limits it.
struct TapUploadFetcher: Sendable {
    var maximumBytes: Int
    var timeoutSeconds: Double = 60

    func fetch(_ text: String, table: String) async throws -> [UInt8] {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): '\(text)' is not an http(s) URL")
        }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeoutSeconds
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): could not fetch \(text): \(error.localizedDescription)")
        }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "table \(table): \(text) answered HTTP \(http.statusCode)")
        }
        guard data.count <= maximumBytes else {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "the uploaded table is \(data.count) bytes; at most \(maximumBytes) are taken")
        }
        return Array(data)
    }
}
