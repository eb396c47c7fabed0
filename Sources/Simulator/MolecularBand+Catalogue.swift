extension MolecularBand {
    /// An Arcturus-like K giant, the reference for the CN bands.
    private static let kGiant = StellarLabels(teff: 4290, logg: 1.6, mH: -0.5, alphaM: 0.2, cM: -0.3, nM: 0.3)
    /// A K5 dwarf, the reference for MgH.
    private static let kDwarf = StellarLabels(teff: 4400, logg: 4.6, mH: 0)
    /// An M0 giant, the reference for TiO.
    private static let mGiant = StellarLabels(teff: 3800, logg: 1.0, mH: 0)

    /// The molecular bands of the mock: the CH G band (with [C/M]); CN violet 3883 and 4216 and the red
    /// system near 7900-8100 A (with [C/M] and [N/M], strongest in cool giants); MgH 5211 (cool dwarfs);
    /// TiO band heads at 4761, 4955, 5167, 5448, 5847, 6159, 7054, 7589 and 8432 A (below about 4200 K).
    /// Wavelengths are vacuum.
    public static let standard: [MolecularBand] = {
        var bands: [MolecularBand] = []
        var seed: UInt64 = 0x4D4F_4C00
        func add(_ molecule: String, _ atoms: (ChemicalElement, ChemicalElement), head: Double, direction: Double,
                 extent: Double, lines: Int, d0: Double, gravity: Double, reference: StellarLabels, logTau: Double)
        {
            seed += 1
            bands.append(MolecularBand(molecule: molecule, atoms: atoms, head: head, direction: direction,
                                       extent: extent, lines: lines, dissociationEnergy: d0, gravityExponent: gravity,
                                       reference: reference, referenceLogTau: logTau, seed: seed))
        }
        // CH A-X: Q-branch head at 4315 A (the G band proper) and the P/R branches around it.
        add("CH", (.c, .h), head: 4315.2, direction: -1, extent: 22, lines: 120, d0: 3.47, gravity: 0,
            reference: .sun, logTau: 0.8)
        add("CH", (.c, .h), head: 4372.0, direction: -1, extent: 150, lines: 300, d0: 3.47, gravity: 0,
            reference: .sun, logTau: 0.0)
        // CN violet system, degraded to the violet.
        add("CN", (.c, .n), head: 3884.5, direction: -1, extent: 90, lines: 300, d0: 7.72, gravity: -0.08,
            reference: kGiant, logTau: 1.0)
        add("CN", (.c, .n), head: 4217.2, direction: -1, extent: 70, lines: 250, d0: 7.72, gravity: -0.08,
            reference: kGiant, logTau: 0.45)
        // CN red system, degraded to the red.
        add("CN", (.c, .n), head: 7877.0, direction: 1, extent: 180, lines: 200, d0: 7.72, gravity: -0.08,
            reference: kGiant, logTau: -0.4)
        add("CN", (.c, .n), head: 8127.0, direction: 1, extent: 200, lines: 200, d0: 7.72, gravity: -0.08,
            reference: kGiant, logTau: -0.5)
        // MgH A-X, degraded to the violet, strongest in cool dwarfs.
        add("MgH", (.mg, .h), head: 5212.5, direction: -1, extent: 140, lines: 300, d0: 1.34, gravity: 0.45,
            reference: kDwarf, logTau: 0.8)
        // TiO gamma, gamma' and alpha systems, degraded to the red; steep in temperature.
        let tio: [(Double, Double)] = [(4762.4, 0.0), (4956.0, 0.3), (5168.1, 0.35), (5449.8, 0.4), (5848.6, 0.35),
                                       (6160.4, 0.6), (7056.4, 0.85), (7591.1, 0.6), (8434.3, 0.35)]
        for (head, logTau) in tio {
            add("TiO", (.ti, .o), head: head, direction: 1, extent: 160, lines: 400, d0: 11.5, gravity: 0,
                reference: mGiant, logTau: logTau)
        }
        return bands
    }()
}
