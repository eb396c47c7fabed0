import Foundation
import Testing
@testable import Simulator

/// The mock line list's elements: atomic numbers, symbols, solar abundances (Asplund et al. 2009), and
/// how each element's [X/H] follows the stellar labels.
@Suite struct ChemicalElementTests {
    @Test func rawValuesAreAtomicNumbersAndSymbolsAreUnique() {
        #expect(ChemicalElement(rawValue: 26) == .fe && ChemicalElement(rawValue: 56)?.symbol == "Ba")
        #expect(ChemicalElement(rawValue: 2) == nil)
        #expect(ChemicalElement.allCases.map(\.symbol) == [
            "H", "C", "N", "O", "Na", "Mg", "Al", "Si", "K", "Ca", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Sr", "Y", "Ba",
        ])
        #expect(ChemicalElement.allCases.map(\.rawValue) == ChemicalElement.allCases.map(\.rawValue).sorted())
    }

    @Test func atomicDataMatchesReferenceValues() {
        // Asplund et al. (2009) Table 1 photospheric values; NIST first ionisation energies.
        #expect(ChemicalElement.h.solarLogEps == 12 && ChemicalElement.fe.solarLogEps == 7.50)
        #expect(ChemicalElement.mg.solarLogEps == 7.60 && ChemicalElement.o.solarLogEps == 8.69)
        #expect(ChemicalElement.fe.ionisationEnergies.first == 7.902 && ChemicalElement.na.ionisationEnergies.first == 5.139)
        #expect(ChemicalElement.allCases.allSatisfy { $0.ionisationEnergies.second > $0.ionisationEnergies.first })
        // Masses rise with atomic number, except cobalt (58.93) outweighing nickel (58.69).
        let masses = ChemicalElement.allCases.filter { $0 != .co }.map(\.mass)
        #expect(masses == masses.sorted() && ChemicalElement.co.mass > ChemicalElement.ni.mass)
    }

    @Test func alphaElementsAreOxygenMagnesiumSiliconCalciumTitanium() {
        #expect(ChemicalElement.allCases.filter(\.isAlpha) == [.o, .mg, .si, .ca, .ti])
    }

    @Test func abundanceAddsTheLabelThatGovernsEachElement() {
        let labels = StellarLabels(teff: 4800, logg: 2.5, mH: -0.5, alphaM: 0.3, cM: -0.2, nM: 0.4)
        #expect(ChemicalElement.h.abundance(labels) == 0)
        #expect(ChemicalElement.fe.abundance(labels) == -0.5 && ChemicalElement.ba.abundance(labels) == -0.5)
        #expect(ChemicalElement.mg.abundance(labels) == -0.2 && ChemicalElement.ti.abundance(labels) == -0.2)
        #expect(ChemicalElement.c.abundance(labels) == -0.7)
        #expect(abs(ChemicalElement.n.abundance(labels) - -0.1) < 1e-15)
    }

    @Test func codedAsTheAtomicNumber() throws {
        let data = try JSONEncoder().encode([ChemicalElement.fe, .ca])
        #expect(String(decoding: data, as: UTF8.self) == "[26,20]")
        #expect(try JSONDecoder().decode([ChemicalElement].self, from: Data("[8,56]".utf8)) == [.o, .ba])
    }
}
