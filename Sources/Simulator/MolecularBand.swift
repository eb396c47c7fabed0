import Foundation

/// A molecular band as a set of pseudo rotational lines running from a band head: lines pile up at the
/// head and spread out away from it, their strengths falling with a rotational Boltzmann-like envelope.
/// Each pseudo line goes through the curve of growth, so strong bands saturate as real ones do.
///
/// Band strength follows dissociation equilibrium: the molecule's number density per H atom scales as
/// `eps_A eps_B 10^([A/H] + [B/H]) f_I(A) f_I(B) P_g 10^(D0 theta)`, divided by the continuum opacity, times
/// an extra gravity term; `zeroPoint` is set so that the head line has `referenceLogTau` in `reference`.
public struct MolecularBand: Sendable {
    /// Molecule name ("CH", "CN", "MgH", "TiO").
    public let molecule: String
    /// The two constituent atoms.
    public let atoms: (ChemicalElement, ChemicalElement)
    /// Band-head wavelength, vacuum, Angstrom.
    public let head: Double
    /// +1 if the band is degraded to the red (lines run to longer wavelengths), -1 to the violet.
    public let direction: Double
    /// Wavelength extent of the band from its head, Angstrom.
    public let extent: Double
    /// Effective dissociation energy (eV) in the temperature factor `10^(D0 theta)`.
    public let dissociationEnergy: Double
    /// Extra dependence on log g: `10^(gravityExponent (log g - 4.44))`.
    public let gravityExponent: Double
    /// Pseudo-line wavelengths, vacuum, Angstrom.
    public let lineWavelengths: [Double]
    /// log10 relative strength of each pseudo line (same order as `lineWavelengths`).
    public let lineLogStrengths: [Double]
    /// log10 tau0 of the head line before the label-dependent terms.
    public let zeroPoint: Double

    init(molecule: String, atoms: (ChemicalElement, ChemicalElement), head: Double, direction: Double,
         extent: Double, lines: Int, dissociationEnergy: Double, gravityExponent: Double,
         reference: StellarLabels, referenceLogTau: Double, seed: UInt64)
    {
        self.molecule = molecule
        self.atoms = atoms
        self.head = head
        self.direction = direction
        self.extent = extent
        self.dissociationEnergy = dissociationEnergy
        self.gravityExponent = gravityExponent
        var rng = MockRandom(seed: seed)
        var wl: [Double] = [], ls: [Double] = []
        for k in 0..<lines {
            let x = (Double(k) + rng.uniform(0, 0.8)) / Double(lines)
            wl.append(head + direction * extent * x * x.squareRoot())
            // Strongest a little away from the head, fading along the band, with a line-to-line scatter.
            ls.append(log10(0.35 + x.squareRoot()) - 1.6 * x + rng.gaussian(mean: 0, sigma: 0.2))
        }
        lineWavelengths = wl
        lineLogStrengths = ls
        let atReference = Self.labelTerm(atoms: atoms, dissociationEnergy: dissociationEnergy,
                                         gravityExponent: gravityExponent,
                                         atmosphere: MockAtmosphere(labels: reference))
        zeroPoint = referenceLogTau - atReference
    }

    /// log10 tau0 of a line of relative strength 0 for the given atmosphere.
    public func logTau(_ atmosphere: MockAtmosphere) -> Double {
        zeroPoint + Self.labelTerm(atoms: atoms, dissociationEnergy: dissociationEnergy,
                                          gravityExponent: gravityExponent, atmosphere: atmosphere)
    }

    static func labelTerm(atoms: (ChemicalElement, ChemicalElement), dissociationEnergy: Double,
                          gravityExponent: Double, atmosphere a: MockAtmosphere) -> Double
    {
        let (x, y) = atoms
        return x.solarLogEps + x.abundance(a.labels) + a.logFraction(x, stage: 1)
            + y.solarLogEps + y.abundance(a.labels) + a.logFraction(y, stage: 1)
            + a.logPg + dissociationEnergy * a.theta - a.logKappa + gravityExponent * (a.labels.logg - 4.44)
    }

    /// Reduced mass-like Doppler mass (amu) for the band's lines.
    var mass: Double { atoms.0.mass + atoms.1.mass }
}
