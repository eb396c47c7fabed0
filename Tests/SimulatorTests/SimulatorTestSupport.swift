import Foundation
@testable import Simulator

/// Helpers shared by the Simulator tests.
enum SimulatorTestSupport {
    /// The synthesiser restricted to lines matching `keep` and without molecular bands.
    static func synthesizer(lines keep: (SpectralLine) -> Bool, bands: Bool = false) -> SpectrumSynthesizer {
        SpectrumSynthesizer(lineList: MockLineList(lines: MockLineList.standard.lines.filter(keep)),
                            bands: bands ? MolecularBand.standard : [])
    }

    /// Integrated absorption `sum (1 - F) dlambda` (Angstrom) of a normalised spectrum within [lo, hi] A.
    static func absorption(_ flux: [Double], grid: LamostWavelengthGrid = .dr5, from lo: Double, to hi: Double) -> Double {
        var total = 0.0
        for i in flux.indices {
            let lambda = grid.wavelength(Double(i))
            guard lambda >= lo, lambda <= hi else { continue }
            let width = grid.wavelength(Double(i) + 0.5) - grid.wavelength(Double(i) - 0.5)
            total += (1 - flux[i]) * width
        }
        return total
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ tag: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-simulator-tests-\(tag)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Strictly increasing.
    static func isIncreasing(_ values: [Double]) -> Bool { zip(values, values.dropFirst()).allSatisfy { $0 < $1 } }
}
