import Catalogue
import Demo
import Foundation

/// The tables `slam-bench scale` prints (Markdown, so they paste into docs/scale.md).
enum ScaleTable {
    static func megabytes(_ bytes: Int64?) -> String { bytes.map { String(format: "%.0f", Double($0) / 1_048_576) } ?? "-" }

    static func perSpectrum(_ bytes: Int64, _ n: Int) -> String { String(format: "%.0f", Double(bytes) / Double(max(n, 1))) }

    /// One size: the stages, the tables' bytes per spectrum, the queries (and with `verbose` each stage's
    /// tables and each query's plan).
    static func print(_ r: ScaleResult, verbose: Bool) {
        let n = r.spectra
        Swift.print("\n| stage (N = \(n)) | wall s | throughput | worker peak MB | server peak MB | DB bytes/spectrum (heap / TOAST / index) |")
        Swift.print("|---|---:|---|---:|---:|---|")
        for s in r.stages {
            let heap = s.growth.reduce(Int64(0)) { $0 + $1.heapBytes }, toast = s.growth.reduce(Int64(0)) { $0 + $1.toastBytes }
            let index = s.growth.reduce(Int64(0)) { $0 + $1.indexBytes }
            Swift.print(String(format: "| %@ | %.1f | %.0f %@/s | %@ | %@ | %@ (%@ / %@ / %@) |", s.name, s.seconds, s.throughput, s.unitName,
                               megabytes(s.peaks.processBytes), megabytes(s.peaks.serverBytes), perSpectrum(s.bytesAdded, n),
                               perSpectrum(heap, n), perSpectrum(toast, n), perSpectrum(index, n)))
            if verbose {
                for t in s.growth.sorted(by: { $0.totalBytes > $1.totalBytes }) {
                    Swift.print("|   \(t.table) | | | | | \(perSpectrum(t.totalBytes, n)) (\(perSpectrum(t.heapBytes, n)) / "
                        + "\(perSpectrum(t.toastBytes, n)) / \(perSpectrum(t.indexBytes, n))) |")
                }
            }
        }
        let total = r.stages.reduce(0) { $0 + $1.seconds }
        Swift.print(String(format: "| total | %.1f | %.0f spectra/s | | | |", total, Double(n) / max(total, 1e-9)))

        Swift.print("\n| table (N = \(n)) | bytes/spectrum | heap | TOAST | index | total MB |")
        Swift.print("|---|---:|---:|---:|---:|---:|")
        for t in r.tables.sorted(by: { $0.totalBytes > $1.totalBytes }) where t.totalBytes > 65_536 {
            Swift.print("| \(t.table) | \(perSpectrum(t.totalBytes, n)) | \(perSpectrum(t.heapBytes, n)) | \(perSpectrum(t.toastBytes, n)) | "
                + "\(perSpectrum(t.indexBytes, n)) | \(megabytes(t.totalBytes)) |")
        }
        let all = r.tables.reduce(Int64(0)) { $0 + $1.totalBytes }
        Swift.print("| all tables | \(perSpectrum(all, n)) | | | | \(megabytes(all)) |")

        guard !r.queries.isEmpty else { return }  // --stop-after-ingest
        Swift.print("\n| query (N = \(n), random inputs) | median ms | p95 ms | rows (median) |")
        Swift.print("|---|---:|---:|---:|")
        for q in r.queries {
            Swift.print(String(format: "| %@ | %.2f | %.2f | %d |", q.query.rawValue, q.medianMilliseconds, q.p95Milliseconds, q.medianRows))
        }
        if verbose {
            for q in r.queries {
                Swift.print("\nEXPLAIN (ANALYZE, BUFFERS) \(q.query.rawValue):")
                for line in q.plan { Swift.print("  " + line) }
            }
        }
    }

    /// Each stage's growth exponent k (time ∝ N^k) across the sizes run.
    static func printGrowth(_ results: [ScaleResult]) {
        let sizes = results.map { Double($0.spectra) }
        Swift.print("\n| stage | " + results.map { "s at N = \($0.spectra)" }.joined(separator: " | ") + " | k (time ∝ N^k) |")
        Swift.print("|---|" + String(repeating: "---:|", count: results.count + 1))
        for name in results[0].stages.map(\.name) {
            let seconds = results.map { r in r.stages.first { $0.name == name }?.seconds ?? 0 }
            let k = GrowthExponent.fit(sizes: sizes, seconds: seconds).map { String(format: "%.2f", $0) } ?? "-"
            Swift.print("| \(name) | " + seconds.map { String(format: "%.1f", $0) }.joined(separator: " | ") + " | \(k) |")
        }
        for q in ScaleBenchmarkQueries.Query.allCases where results.allSatisfy({ r in r.queries.contains { $0.query == q } }) {
            let ms = results.map { r in r.queries.first { $0.query == q }?.medianMilliseconds ?? 0 }
            let k = GrowthExponent.fit(sizes: sizes, seconds: ms).map { String(format: "%.2f", $0) } ?? "-"
            Swift.print("| query: \(q.rawValue) (median ms) | " + ms.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " | \(k) |")
        }
    }
}
