import Foundation
import SLAMNumerics
import Store
import Testing

@Suite("sql/ examples and documented flags")
struct SQLExamplesTests {
    static var files: [URL] {
        let dir = TestPaths.repository.appendingPathComponent("sql")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "sql" }.sorted { $0.path < $1.path }
    }

    @Test func everyExampleFileRunsOnAMigratedDatabase() async throws {
        let files = Self.files
        try #require(!files.isEmpty, "no sql/*.sql files found")
        try await FreshDatabase.run { db in
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                try db.executeScript(text, name: file.lastPathComponent)
            }
        }
    }

    @Test func flagBitsTableDocumentsEveryFitFlag() async throws {
        let documented = try await FreshDatabase.run { db in
            try db.query("SELECT bit FROM flag_bits ORDER BY bit").rows.map { try $0.decode(Int.self, at: 0) }
        }
        let all: LabelFitFlags = [.outsideTrainingRange, .notConverged, .fewPixels, .poorFit, .keptFirstGuess, .ranAway, .singularCovariance,
                                  .farFromTrainingSet, .severalMinima, .atBound, .outsideTrainingSet]
        let preprocessing: PreprocessingFlags = [.normalisationFallback, .manyMaskedPixels]
        #expect(all.rawValue & preprocessing.rawValue == 0)
        let bits = (0..<32).filter { (all.rawValue | preprocessing.rawValue) & (1 << $0) != 0 }
        #expect(documented == bits)
    }
}
