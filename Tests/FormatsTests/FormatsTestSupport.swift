import Foundation

/// Locates `shared/fixtures` (env `SLAM_SHARED_DIR`, else walking up from this file) and makes temp dirs.
enum FormatsTestSupport {
    /// The `shared` directory holding `fixtures/`.
    static func sharedDirectory(file: String = #filePath) -> URL? {
        if let env = ProcessInfo.processInfo.environment["SLAM_SHARED_DIR"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("shared/fixtures")
            if FileManager.default.fileExists(atPath: candidate.path) { return dir.appendingPathComponent("shared") }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// `shared/fixtures/lamost-real`.
    static var lamostRealDirectory: URL? {
        sharedDirectory()?.appendingPathComponent("fixtures/lamost-real")
    }

    /// A fresh empty directory under the system temp dir (removed by the caller via `removeTemporary`).
    static func makeTemporaryDirectory(_ label: String = "formats") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeTemporary(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Median as numpy computes it (mean of the two middle values for an even count).
    static func median(_ values: [Float]) -> Double {
        let sorted = values.map(Double.init).sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// A JSON scalar decoded strictly (a boolean is never a number), for `expected.json` keys.
enum JSONScalar: Decodable, Equatable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else { self = .string(try container.decode(String.self)) }
    }
}

/// The `keys` object of one file in `expected.json`.
struct ExpectedKeys: Decodable {
    var keys: [String: JSONScalar]
}
