@testable import Pipeline
import Testing

/// The plain-text precision table: one line per non-empty S/N bin, `bias ± scatter` per label (K without
/// decimals, dex with three), the row of all spectra, and the paper's scatter. (Loading needs a database.)
@Suite struct PrecisionTableTests {
    static let names = ["teff", "logg", "feh"]

    static func row(_ snrMin: Double, _ snrMax: Double, _ count: Int, _ values: [(Double?, Double?, Double?)]) -> PrecisionTable.Row {
        PrecisionTable.Row(snrMin: snrMin, snrMax: snrMax, count: count, values: values)
    }

    @Test func binsLabelsAndThePapersFiguresAreTabulated() {
        let open = ModelTrainingSettings.openUpperEdge
        let table = PrecisionTable(labelNames: Self.names, rows: [
            Self.row(20, 40, 12, [(-10.4, 80.6, 70), (0.0126, 0.2, 0.1), (nil, nil, nil)]),
            Self.row(40, 60, 0, [(1, 1, 1), (1, 1, 1), (1, 1, 1)]),
            Self.row(150, open, 3, [(5, 40.4, 1), (-0.0014, 0.05, 0.04), (0.02, nil, nil)]),
        ], overall: Self.row(0, open, 15, [(-7.6, 75.2, 60), (0.01, 0.19, 0.1), (nil, nil, nil)]))
        #expect(table.text == """
            S/N_g\tn\tteff\tlogg\tfeh
            20-40\t12\t-10 ± 81\t0.013 ± 0.200\t-
            >= 150\t3\t5 ± 40\t-0.001 ± 0.050\t-
            all\t15\t-8 ± 75\t0.010 ± 0.190\t-
            paper\tS/N~100\t49\t0.100\t-
            """)
    }

    @Test func withoutTheRowOfAllSpectraOnlyBinsAndThePaperAreShown() {
        let table = PrecisionTable(labelNames: ["m_h", "alpha_m", "c_m", "n_m"], rows: [
            Self.row(100, 150, 2, Array(repeating: (0, 0.0256, nil), count: 4)),
        ], overall: nil)
        #expect(table.text == """
            S/N_g\tn\tm_h\talpha_m\tc_m\tn_m
            100-150\t2\t0.000 ± 0.026\t0.000 ± 0.026\t0.000 ± 0.026\t0.000 ± 0.026
            paper\tS/N~100\t0.037\t0.026\t0.058\t0.106
            """)
    }
}
