import Foundation
import Testing
@testable import Formats

/// Whole documents from the encoders, and the external tools (astropy, STILTS) some tests run.
enum VOTableTestSupport {
    /// The complete document for `rows` of `fields`.
    static func document(
        _ fields: [VOTableField], _ rows: [[VOTableValue]], serialization: VOTableSerialization,
        infos: [(name: String, value: String)] = [], overflow: Bool = false
    ) throws -> [UInt8] {
        var encoder = VOTableEncoder(fields: fields, serialization: serialization, resourceInfos: infos)
        var bytes = encoder.header()
        for row in rows { bytes += try encoder.encode(row: row) }
        bytes += encoder.footer(overflow: overflow)
        return bytes
    }

    /// The decoded bytes of the base64 STREAM of a BINARY2 document.
    static func streamBytes(_ document: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: document, as: UTF8.self)
        let start = try #require(text.range(of: "<STREAM encoding=\"base64\">\n"))
        let end = try #require(text.range(of: "</STREAM>"))
        let encoded = String(text[start.upperBound..<end.lowerBound])
        return [UInt8](try #require(Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)))
    }

    /// `Tests/FormatsTests/Fixtures/VOTable/NAME`.
    static func fixture(_ name: String, file: String = #filePath) throws -> [UInt8] {
        let url = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/VOTable/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// The full path of an executable on PATH, or nil.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether `python3` on PATH imports astropy.
    static let hasAstropy: Bool = {
        guard let python = executable("python3") else { return false }
        return (try? run(python, ["-c", "import astropy.io.votable"]))?.status == 0
    }()

    /// Whether `stilts` is on PATH.
    static let hasStilts: Bool = executable("stilts") != nil

    /// Runs `executable` with `arguments`; its exit status and its standard output and error together.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A file in a fresh temporary directory holding `bytes`.
    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
        let directory = try FormatsTestSupport.makeTemporaryDirectory("votable")
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}
