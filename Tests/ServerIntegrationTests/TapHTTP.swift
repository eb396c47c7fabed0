import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP over loopback for the TAP tests (URLSession; nothing cached, no cookies).
enum TapHTTP {
    struct Response: Sendable {
        var status: Int
        var contentType: String?
        var body: [UInt8]
        /// Every header, names lower-cased.
        var headers: [String: String] = [:]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `application/x-www-form-urlencoded` text of `pairs` (unreserved characters as they are, the rest %XX).
    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return pairs.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    static func get(_ url: String, _ pairs: [(String, String)] = []) async throws -> Response {
        let text = pairs.isEmpty ? url : url + "?" + form(pairs)
        guard let target = URL(string: text) else { throw Failure(description: "bad URL \(text)") }
        return try await send(URLRequest(url: target))
    }

    static func post(_ url: String, _ pairs: [(String, String)]) async throws -> Response {
        guard let target = URL(string: url) else { throw Failure(description: "bad URL \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(form(pairs).utf8)
        return try await send(request)
    }

    static func send(_ request: URLRequest) async throws -> Response {
        var request = request
        // Generous: under the whole suite on two cores a large result (the chunked async test's cross join)
        // was once idle for more than 30 s; the tests check content, never time.
        request.timeoutInterval = 180
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure(description: "not an HTTP response: \(response)") }
        var headers: [String: String] = [:]
        for case let (name as String, value as String) in http.allHeaderFields { headers[name.lowercased()] = value }
        return Response(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: Array(data),
                        headers: headers)
    }

    /// The `QUERY_STATUS` INFOs of a VOTable document's text, in order (`OK`, then `OVERFLOW` or `ERROR` after the table).
    static func queryStatuses(_ text: String) -> [String] {
        var statuses: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "<INFO name=\"QUERY_STATUS\" value=\"") {
            let tail = rest[range.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            statuses.append(String(tail[..<end]))
            rest = tail[end...]
        }
        return statuses
    }

    /// RFC 4180 records of `text` (CRLF or LF line ends; quoted cells with doubled quotes).
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { cell.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(cell); cell = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                record.append(cell); cell = ""
                records.append(record); record = []
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }
}
