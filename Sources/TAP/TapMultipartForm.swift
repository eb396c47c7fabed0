/// A `multipart/form-data` request body (RFC 7578), as TAP clients send a query with an inline upload
/// (TAP 1.1 section 3.5.2): form fields become parameters, file parts are the uploaded tables, found by
/// their part name (`UPLOAD=t1,param:table1` names the part `table1`).
public struct TapMultipartForm: Sendable, Equatable {
    /// One part: its `Content-Disposition` name, its file name when it has one, its bytes.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part]

    /// The fields that are not files, as request parameters in body order.
    public var fields: [(name: String, value: String)] {
        parts.filter { $0.filename == nil }.map { ($0.name, String(decoding: $0.body, as: UTF8.self)) }
    }

    /// The part named `name` (a file or a field), or nil.
    public func part(named name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The boundary of a `multipart/form-data; boundary=...` content type, or nil for another type.
    public static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { String($0).trimmingSpaces }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            guard String(piece[..<equals]).trimmingSpaces.lowercased() == "boundary" else { continue }
            var value = String(piece[piece.index(after: equals)...]).trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Parses `body` split by `boundary`. Throws for a body without the boundary, a part without headers
    /// or without a name, and a body that never closes (`--boundary--`).
    public init(body: [UInt8], boundary: String) throws(TapError) {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var start = Self.find(delimiter, in: body, from: 0) else {
            throw .invalidParameter(name: "body", reason: "the multipart body has no boundary \(boundary)")
        }
        while true {
            var cursor = start + delimiter.count
            if cursor + 1 < body.count, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { break }
            cursor = Self.skipLineEnd(body, cursor)
            guard let next = Self.find([13, 10] + delimiter, in: body, from: cursor) ?? Self.find([10] + delimiter, in: body, from: cursor) else {
                throw .invalidParameter(name: "body", reason: "the multipart body ends inside a part (no closing boundary)")
            }
            parts.append(try Self.part(Array(body[cursor..<next])))
            start = body[next] == 13 ? next + 2 : next + 1
        }
        self.parts = parts
    }

    /// One part's headers and body.
    private static func part(_ bytes: [UInt8]) throws(TapError) -> Part {
        let separator = find([13, 10, 13, 10], in: bytes, from: 0).map { ($0, 4) } ?? find([10, 10], in: bytes, from: 0).map { ($0, 2) }
        guard let (end, length) = separator else {
            throw .invalidParameter(name: "body", reason: "a multipart part has no header block")
        }
        let headerText = String(decoding: bytes[..<end], as: UTF8.self)
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headerText.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let header = String(line[..<colon]).trimmingSpaces.lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces
            if header == "content-disposition" {
                name = parameter("name", in: value)
                filename = parameter("filename", in: value)
            } else if header == "content-type" {
                contentType = value
            }
        }
        guard let name, !name.isEmpty else {
            throw .invalidParameter(name: "body", reason: "a multipart part has no name in its Content-Disposition")
        }
        return Part(name: name, filename: filename, contentType: contentType, body: Array(bytes[(end + length)...]))
    }

    /// The value of `key` in a header value such as `form-data; name="x"; filename="t.xml"`.
    private static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let text = String(piece).trimmingSpaces
            guard let equals = text.firstIndex(of: "="), String(text[..<equals]).trimmingSpaces.lowercased() == key else { continue }
            var result = String(text[text.index(after: equals)...]).trimmingSpaces
            if result.count >= 2, result.hasPrefix("\""), result.hasSuffix("\"") { result = String(result.dropFirst().dropLast()) }
            return result
        }
        return nil
    }

    private static func skipLineEnd(_ body: [UInt8], _ index: Int) -> Int {
        var cursor = index
        while cursor < body.count, body[cursor] == UInt8(ascii: " ") || body[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        if cursor < body.count, body[cursor] == 13 { cursor += 1 }
        if cursor < body.count, body[cursor] == 10 { cursor += 1 }
        return cursor
    }

    /// The first index of `needle` in `haystack` at or after `from`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var k = 1
                while k < needle.count, haystack[index + k] == needle[k] { k += 1 }
                if k == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
