/// The chemical elements the mock line list uses, with the atomic data the opacity model needs.
///
/// Solar abundances log eps (log N_X/N_H + 12) follow Asplund et al. (2009); ionisation energies in eV;
/// partition functions are representative constants at 5000-6000 K (the mock does not need their weak
/// temperature dependence).
public enum ChemicalElement: Int, Sendable, CaseIterable, Codable {
    case h = 1, c = 6, n = 7, o = 8, na = 11, mg = 12, al = 13, si = 14, k = 19, ca = 20, ti = 22, v = 23
    case cr = 24, mn = 25, fe = 26, co = 27, ni = 28, sr = 38, y = 39, ba = 56

    /// Element symbol ("Fe").
    public var symbol: String {
        switch self {
        case .h: "H"; case .c: "C"; case .n: "N"; case .o: "O"; case .na: "Na"; case .mg: "Mg"; case .al: "Al"
        case .si: "Si"; case .k: "K"; case .ca: "Ca"; case .ti: "Ti"; case .v: "V"; case .cr: "Cr"; case .mn: "Mn"
        case .fe: "Fe"; case .co: "Co"; case .ni: "Ni"; case .sr: "Sr"; case .y: "Y"; case .ba: "Ba"
        }
    }

    /// Solar abundance, log eps (H = 12).
    public var solarLogEps: Double {
        switch self {
        case .h: 12; case .c: 8.43; case .n: 7.83; case .o: 8.69; case .na: 6.24; case .mg: 7.60; case .al: 6.45
        case .si: 7.51; case .k: 5.03; case .ca: 6.34; case .ti: 4.95; case .v: 3.93; case .cr: 5.64; case .mn: 5.43
        case .fe: 7.50; case .co: 4.99; case .ni: 6.22; case .sr: 2.87; case .y: 2.21; case .ba: 2.18
        }
    }

    /// First and second ionisation energies, eV.
    public var ionisationEnergies: (first: Double, second: Double) {
        switch self {
        case .h: (13.598, 1e9); case .c: (11.260, 24.383); case .n: (14.534, 29.601); case .o: (13.618, 35.121)
        case .na: (5.139, 47.286); case .mg: (7.646, 15.035); case .al: (5.986, 18.829); case .si: (8.152, 16.346)
        case .k: (4.341, 31.63); case .ca: (6.113, 11.872); case .ti: (6.828, 13.576); case .v: (6.746, 14.66)
        case .cr: (6.767, 16.486); case .mn: (7.434, 15.640); case .fe: (7.902, 16.199); case .co: (7.881, 17.084)
        case .ni: (7.640, 18.169); case .sr: (5.695, 11.030); case .y: (6.217, 12.24); case .ba: (5.212, 10.004)
        }
    }

    /// Partition functions of the neutral, singly and doubly ionised atom.
    public var partitionFunctions: (u1: Double, u2: Double, u3: Double) {
        switch self {
        case .h: (2, 1, 1); case .c: (9.3, 6, 1); case .n: (4.1, 9, 6); case .o: (8.8, 4, 9)
        case .na: (2.0, 1, 6); case .mg: (1.0, 2.0, 1); case .al: (5.9, 1, 2); case .si: (9.6, 5.7, 1)
        case .k: (2.1, 1, 4); case .ca: (1.2, 2.2, 1); case .ti: (30, 55, 22); case .v: (40, 35, 30)
        case .cr: (10, 7.4, 15); case .mn: (6.5, 7.5, 10); case .fe: (30, 45, 25); case .co: (33, 28, 25)
        case .ni: (30, 10, 20); case .sr: (1.3, 2.0, 1); case .y: (11, 14, 10); case .ba: (2.5, 4.0, 1)
        }
    }

    /// Atomic mass, atomic mass units.
    public var mass: Double {
        switch self {
        case .h: 1.008; case .c: 12.011; case .n: 14.007; case .o: 15.999; case .na: 22.99; case .mg: 24.305
        case .al: 26.98; case .si: 28.085; case .k: 39.10; case .ca: 40.08; case .ti: 47.87; case .v: 50.94
        case .cr: 52.00; case .mn: 54.94; case .fe: 55.85; case .co: 58.93; case .ni: 58.69; case .sr: 87.62
        case .y: 88.91; case .ba: 137.33
        }
    }

    /// True for the alpha elements whose abundance follows [alpha/M] (O, Mg, Si, Ca, Ti), as in APOGEE.
    public var isAlpha: Bool { [.o, .mg, .si, .ca, .ti].contains(self) }

    /// [X/H] of this element for the given labels: [M/H], plus [alpha/M] for alpha elements, [C/M] and
    /// [N/M] for carbon and nitrogen; 0 for hydrogen.
    public func abundance(_ labels: StellarLabels) -> Double {
        switch self {
        case .h: 0
        case .c: labels.mH + labels.cM
        case .n: labels.mH + labels.nM
        default: labels.mH + (isAlpha ? labels.alphaM : 0)
        }
    }
}
