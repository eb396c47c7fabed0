import Foundation

/// The mock survey's atomic line list: the hand-written strong lines at real wavelengths, the Balmer series,
/// and a seeded pseudo line list of weaker Fe I, Fe II, Ti, Cr, Ni, V, Co, Mn, Ca, Si, Mg, Na and Al lines
/// filling 3680-9120 A (vacuum). Pseudo lines have wavelengths drawn with density proportional to
/// lambda^-3 (line crowding in the blue), excitation energies from each species' typical range, and log gf
/// chosen so that their strengths in the Sun follow a realistic distribution (many weak lines, few strong).
/// The list is fixed (its own seed), so it is the same for every survey.
///
/// Stored as parallel arrays (structure of arrays) for the synthesis loop.
public struct MockLineList: Sendable {
    /// The lines, sorted by wavelength.
    public let lines: [SpectralLine]
    /// Distinct (element, stage) species; `speciesIndex[i]` points into it.
    public let species: [(element: ChemicalElement, stage: Int)]
    /// Species index of each line.
    public let speciesIndex: [Int]

    /// The standard list (about 3,000 lines), built once.
    public static let standard = MockLineList(lines: strongLines + balmerLines + pseudoLines())

    /// A list of the given lines (sorted by wavelength on input).
    public init(lines: [SpectralLine]) {
        let sorted = lines.sorted { $0.wavelength < $1.wavelength }
        var keys: [Int: Int] = [:]
        var species: [(element: ChemicalElement, stage: Int)] = []
        var index: [Int] = []
        for line in sorted {
            let key = line.element.rawValue * 4 + line.ionStage
            if let k = keys[key] { index.append(k); continue }
            keys[key] = species.count
            index.append(species.count)
            species.append((line.element, line.ionStage))
        }
        self.lines = sorted
        self.species = species
        self.speciesIndex = index
    }

    /// Number of lines.
    public var count: Int { lines.count }

    /// The pseudo line list: (element, stage, number of lines, excitation range in eV).
    private static let pseudoSpecies: [(ChemicalElement, Int, Int, ClosedRange<Double>)] = [
        (.fe, 1, 2500, 0.0...5.0), (.fe, 2, 140, 2.5...4.5), (.ti, 1, 200, 0.0...2.5), (.ti, 2, 70, 0.5...2.6),
        (.cr, 1, 120, 0.9...3.5), (.ni, 1, 150, 1.7...4.2), (.v, 1, 80, 0.0...2.4), (.co, 1, 60, 0.4...3.6),
        (.mn, 1, 50, 2.0...4.5), (.ca, 1, 40, 1.9...4.6), (.si, 1, 50, 4.9...6.2), (.mg, 1, 15, 4.3...6.0),
        (.na, 1, 10, 2.1...4.3), (.al, 1, 10, 3.1...4.1), (.y, 2, 15, 0.0...1.8),
    ]

    /// Generates the pseudo lines with a fixed seed. Their solar central optical depth log10 tau0 is drawn
    /// from N(-0.4, 1.0) truncated to [-2.5, 1.8], and log gf is solved from it with the solar atmosphere.
    static func pseudoLines() -> [SpectralLine] {
        var rng = MockRandom(seed: 0x4C49_4E45_4C49_5354)  // "LINELIST"
        let sun = MockAtmosphere(labels: .sun)
        let lo = 3680.0, hi = 9120.0
        var lines: [SpectralLine] = []
        for (element, stage, count, chiRange) in pseudoSpecies {
            let base = sun.speciesLogStrength(element, stage: stage)
            let vD = sun.dopplerVelocity(mass: element.mass)
            for _ in 0..<count {
                // Density ~ lambda^-3: inverse CDF of lambda^-2.
                let u = rng.uniform()
                let lambda = 1 / (1 / (lo * lo) - u * (1 / (lo * lo) - 1 / (hi * hi))).squareRoot()
                let chi = rng.uniform(chiRange.lowerBound, chiRange.upperBound)
                var target = rng.gaussian(mean: -0.4, sigma: 1.0)
                while target < -2.5 || target > 1.8 { target = rng.gaussian(mean: -0.4, sigma: 1.0) }
                let loggf = target - base - log10(lambda) + log10(vD) + sun.theta * chi
                lines.append(SpectralLine(wavelength: lambda, element: element, ionStage: stage, excitation: chi,
                                          logGF: loggf, logGammaSun: rng.uniform(9.0, 9.5), maxWing: 15))
            }
        }
        return lines
    }
}
