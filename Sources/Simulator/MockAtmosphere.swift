import Foundation

/// A one-layer model of the line-forming region of a stellar photosphere: enough physics for line
/// strengths to respond to the labels the way real spectra do.
///
/// - Temperature of the line-forming layer `T = 0.88 Teff`; `theta = 5040 / T` (eV^-1 units of log10).
/// - Electron pressure rising with log g (P_e ~ g^0.6), with metallicity (metals donate the electrons in
///   cool stars) and steeply with temperature (hydrogen ionisation in hot stars); gas pressure
///   P_g ~ (g / Z^0.5)^(2/3) (cool-star H- opacity scales with P_e).
/// - Saha ionisation balance over three stages for every element, Boltzmann excitation of the lower level.
/// - Continuum opacity per H atom: H- bound-free (`P_e theta^2.5 10^(0.754 theta)`, Gray 2005) plus neutral
///   hydrogen bound-free from n = 3 (dominant above about 8000 K).
/// - Microturbulence 0.9-2 km/s (larger in giants); van der Waals damping scaling with gas pressure;
///   hydrogen Stark widths scaling as N_e^(2/3).
public struct MockAtmosphere: Sendable {
    /// The labels the atmosphere was built for.
    public let labels: StellarLabels
    /// Temperature of the line-forming layer, K.
    public let temperature: Double
    /// 5040 / temperature, eV^-1 (log10 Boltzmann factor per eV).
    public let theta: Double
    /// log10 electron pressure, dyn cm^-2.
    public let logPe: Double
    /// log10 gas pressure, dyn cm^-2.
    public let logPg: Double
    /// Neutral fraction of hydrogen.
    public let neutralHydrogen: Double
    /// log10 continuum opacity per hydrogen atom (arbitrary zero point).
    public let logKappa: Double
    /// 5040 / T at the deeper, hotter layer (T = Teff) where the Balmer lines form.
    public let hydrogenTheta: Double
    /// log10 neutral fraction of hydrogen in the deeper layer where the Balmer lines and the hydrogen
    /// bound-free continuum form.
    public let logHydrogenNeutralDeep: Double
    /// Microturbulence, km/s.
    public let microturbulence: Double
    /// log10 of (N_stage / N_element) for stages 1...3, per element.
    private let logStageFraction: [ChemicalElement: (Double, Double, Double)]

    private static let solarLogPe = 1.15
    private static let solarLogPg = 5.0

    /// The line-forming layer of a star with these labels (Teff below 2500 K is treated as 2500 K).
    public init(labels: StellarLabels) {
        self.labels = labels
        let t = 0.88 * max(labels.teff, 2500)
        temperature = t
        theta = 5040 / t
        hydrogenTheta = 5040 / max(labels.teff, 2500)
        let metalDonors = labels.mH * clamp((8000 - labels.teff) / 2000, 0, 1)
        let logPg = Self.solarLogPg + 0.667 * (labels.logg - 4.44) - 0.33 * labels.mH
            - 2.0 * log10(labels.teff / 5772)
        var logPe = Self.solarLogPe + 0.6 * (labels.logg - 4.44) + 0.35 * metalDonors + 7 * log10(labels.teff / 5772)
            + 5 * max(0, log10(labels.teff / 6500))
        logPe = min(logPe, logPg - 0.32)
        self.logPg = logPg
        self.logPe = logPe
        microturbulence = clamp(2.25 - 0.3 * labels.logg, 0.85, 2.2) + max(0, (labels.teff - 6500) / 2000)
        var fractions: [ChemicalElement: (Double, Double, Double)] = [:]
        for element in ChemicalElement.allCases {
            fractions[element] = Self.sahaFractions(element, theta: theta, logPe: logPe, temperature: t)
        }
        logStageFraction = fractions
        let xH = pow(10, fractions[.h]?.0 ?? 0)
        let logXHDeep = Self.sahaFractions(.h, theta: hydrogenTheta, logPe: logPe, temperature: 5040 / hydrogenTheta).0
        neutralHydrogen = xH
        logHydrogenNeutralDeep = logXHDeep
        let hMinus = logPe + 2.5 * log10(theta) + 0.754 * theta + log10(xH)
        let hBoundFree = 9.0 + logXHDeep - 12.09 * hydrogenTheta
        logKappa = log10(pow(10, hMinus) + pow(10, hBoundFree))
    }

    /// log10 (N_I/N, N_II/N, N_III/N) from the Saha equation in Gray's form:
    /// log(N_{i+1}/N_i) = log(2 U_{i+1}/U_i) + 2.5 log T - theta chi_i - 0.1762 - log P_e.
    static func sahaFractions(_ e: ChemicalElement, theta: Double, logPe: Double, temperature: Double)
        -> (Double, Double, Double)
    {
        let u = e.partitionFunctions
        let chi = e.ionisationEnergies
        let r12 = log10(2 * u.u2 / u.u1) + 2.5 * log10(temperature) - theta * chi.first - 0.1762 - logPe
        let r23 = log10(2 * u.u3 / u.u2) + 2.5 * log10(temperature) - theta * chi.second - 0.1762 - logPe
        let l1 = 0.0, l2 = r12, l3 = r12 + r23
        let m = max(l1, l2, l3)
        let total = m + log10(pow(10, l1 - m) + pow(10, l2 - m) + pow(10, l3 - m))
        return (l1 - total, l2 - total, l3 - total)
    }

    /// log10 of the fraction of an element's atoms in ionisation stage `stage` (1...3).
    public func logFraction(_ element: ChemicalElement, stage: Int) -> Double {
        guard let f = logStageFraction[element] else { return -99 }
        switch stage {
        case 1: return f.0
        case 2: return f.1
        default: return f.2
        }
    }

    /// The part of log10 tau0 shared by every line of one species: abundance relative to hydrogen,
    /// stage fraction, partition function, continuum opacity and the calibration constant.
    public func speciesLogStrength(_ element: ChemicalElement, stage: Int) -> Double {
        let u = element.partitionFunctions
        if element == .h {
            return Self.lineStrengthZeroPoint + Self.hydrogenZeroPointOffset + logHydrogenNeutralDeep - log10(u.u1)
                - logKappa
        }
        let logU = log10(stage == 1 ? u.u1 : stage == 2 ? u.u2 : u.u3)
        return Self.lineStrengthZeroPoint + element.solarLogEps - 12 + element.abundance(labels)
            + logFraction(element, stage: stage) - logU - logKappa
    }

    /// Doppler velocity width sqrt(2kT/m + xi^2), km/s, for an atom of the given mass (amu).
    public func dopplerVelocity(mass: Double) -> Double {
        (2 * 1.380649e-16 * temperature / (mass * 1.66054e-24) / 1e10 + microturbulence * microturbulence).squareRoot()
    }

    /// log10 of the pressure-broadening rate scale relative to the solar photosphere: van der Waals
    /// damping scales with the gas pressure and T^0.3.
    public var logVanDerWaalsScale: Double {
        (logPg - Self.solarLogPg) + 0.3 * log10(temperature / (0.88 * 5772))
    }

    /// log10 of the Stark-width scale relative to the solar photosphere: N_e^(2/3).
    public var logStarkScale: Double {
        0.667 * ((logPe - Self.solarLogPe) - log10(temperature / (0.88 * 5772)))
    }

    /// Balmer lines: the n = 2 population is evaluated with this effective excitation energy (eV) at
    /// `hydrogenTheta` instead of 10.2 eV at one layer, because the lines form over a wide range of depths;
    /// with `hydrogenZeroPointOffset` it is calibrated so that H-beta's equivalent width runs about 1.2 A
    /// (4500 K dwarf), 3.6 A (Sun), 6.4 A (6500 K), 12 A (8500 K), 13.6 A (9500 K) and 10.5 A (12000 K),
    /// as observed along the main sequence.
    static let hydrogenEffectiveExcitation = 4.0
    /// log10 offset of the Balmer-line strength scale (see `hydrogenEffectiveExcitation`).
    static let hydrogenZeroPointOffset = -5.09

    /// Calibration of the line-strength scale: chosen so that Fe I 5250.2 A (chi = 0.121 eV,
    /// log gf = -4.938) has an equivalent width of 62 mA in the Sun, as observed.
    static let lineStrengthZeroPoint: Double = 10.446
}
