import Formats
import Foundation
import Store

/// Real TAP clients (pyvo through Clients/pyvo_client.py, STILTS) run as processes by the client tests.
enum TapClients {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The executable `name` on PATH (or in /usr/bin, /usr/local/bin), or nil.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The script `name` of the Clients folder.
    static func script(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Clients").appendingPathComponent(name).path
    }

    /// Runs `executable` with `arguments` on a dedicated thread; its status, standard output and standard error.
    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        try await BlockingThread.run(name: "slam-test-client") {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slam-tap-client-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let errorFile = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            let errorHandle = try FileHandle(forWritingTo: errorFile)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = errorHandle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try errorHandle.close()
            let errors = (try? Data(contentsOf: errorFile)) ?? Data()
            return Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                          stderr: String(decoding: errors, as: UTF8.self))
        }
    }

    /// A JSON value as the pyvo script prints it.
    enum JSONValue: Decodable, Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        /// Whether this is the cell `value` (numbers compared as Double).
        func matches(_ value: VOTableValue) -> Bool {
            switch (self, value) {
            case (.null, .null): return true
            case let (.bool(a), .boolean(b)): return a == b
            case let (.number(a), .integer(b)): return a == Double(b)
            case let (.number(a), .double(b)): return a == b
            case let (.string(a), .text(b)): return a == b
            default: return false
            }
        }
    }
}
