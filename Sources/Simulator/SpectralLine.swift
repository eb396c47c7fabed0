/// One atomic (or hydrogen) absorption line of the mock line list.
public struct SpectralLine: Sendable, Equatable {
    /// Rest wavelength in vacuum, Angstrom.
    public var wavelength: Double
    /// The absorbing element.
    public var element: ChemicalElement
    /// Ionisation stage: 1 neutral (Fe I), 2 singly ionised (Fe II).
    public var ionStage: Int
    /// Excitation energy of the lower level, eV.
    public var excitation: Double
    /// log10 of oscillator strength times statistical weight of the lower level.
    public var logGF: Double
    /// log10 of the van der Waals damping rate at the solar photosphere, s^-1 (Stark width for hydrogen).
    public var logGammaSun: Double
    /// Largest distance from line centre at which the damping wings are synthesised, Angstrom.
    public var maxWing: Double

    /// A line with vacuum wavelength (Angstrom), species, excitation (eV), log gf and damping.
    public init(wavelength: Double, element: ChemicalElement, ionStage: Int, excitation: Double, logGF: Double,
                logGammaSun: Double = 9.3, maxWing: Double = 25) {
        self.wavelength = wavelength
        self.element = element
        self.ionStage = ionStage
        self.excitation = excitation
        self.logGF = logGF
        self.logGammaSun = logGammaSun
        self.maxWing = maxWing
    }

    /// Builds a line from an air wavelength (Angstrom, as in most line tables), converted to vacuum.
    static func air(_ lambdaAir: Double, _ element: ChemicalElement, _ stage: Int, _ chi: Double, _ loggf: Double,
                    gamma: Double = 9.3, wing: Double = 25) -> SpectralLine {
        SpectralLine(wavelength: VacuumWavelength.fromAir(lambdaAir), element: element, ionStage: stage,
                     excitation: chi, logGF: loggf, logGammaSun: gamma, maxWing: wing)
    }

    /// Species label, e.g. "Fe I", "Ca II".
    public var species: String { element.symbol + (ionStage == 1 ? " I" : ionStage == 2 ? " II" : " III") }
}

/// Air-to-vacuum wavelength conversion (the IAU standard refractive index of air, Morton 2000, in the
/// inverse form of N. Piskunov used by VALD).
public enum VacuumWavelength {
    /// Vacuum wavelength, Angstrom, of an air wavelength in Angstrom (valid above 2000 A).
    public static func fromAir(_ lambdaAir: Double) -> Double {
        let s2 = (1e4 / lambdaAir) * (1e4 / lambdaAir)
        let n = 1 + 0.00008336624212083 + 0.02408926869968 / (130.1065924522 - s2)
            + 0.0001599740894897 / (38.92568793293 - s2)
        return lambdaAir * n
    }
}
