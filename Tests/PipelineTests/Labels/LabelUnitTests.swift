import Foundation
import Pipeline
import Testing

/// Reference-label units: the names accepted, the unit stored and the factor applied on load.
@Suite struct LabelUnitTests {
    @Test(arguments: [
        ("K", LabelUnit.kelvin), ("k", .kelvin), (" Kelvin ", .kelvin), ("kK", .kilokelvin), ("KK", .kilokelvin),
        ("dex", .dex), ("DEX", .dex), ("km/s", .kilometresPerSecond), ("km s-1", .kilometresPerSecond),
        ("KMS", .kilometresPerSecond), ("m/s", .metresPerSecond), ("m s-1", .metresPerSecond), ("mag", .magnitude),
        ("1", .dimensionless), ("none", .dimensionless), ("", .dimensionless), ("  ", .dimensionless),
    ])
    func namesAndAliasesParseToTheirUnit(text: String, unit: LabelUnit) throws {
        #expect(try LabelUnit.parse(text, label: "x") == unit)
    }

    @Test func anUnknownUnitNamesItselfTheLabelAndTheKnownUnits() {
        #expect(throws: LabelCatalogueError.unknownUnit("furlong", label: "teff")) {
            try LabelUnit.parse("furlong", label: "teff")
        }
        do {
            _ = try LabelUnit.parse("cm/s", label: "vrad")
            Issue.record("cm/s was accepted")
        } catch {
            #expect(error.description == "unknown unit 'cm/s' for label vrad; known: K, kK, dex, km/s, m/s, mag, 1")
        }
    }

    @Test func kilokelvinAndMetresPerSecondAreConvertedOthersKeptAsGiven() {
        // 4.75 kK is 4750 K; 1500 m/s is 1.5 km/s.
        #expect(4.75 * LabelUnit.kilokelvin.factor == 4750)
        #expect(LabelUnit.kilokelvin.stored == .kelvin)
        #expect(1500 * LabelUnit.metresPerSecond.factor == 1.5)
        #expect(LabelUnit.metresPerSecond.stored == .kilometresPerSecond)
        for unit in [LabelUnit.kelvin, .dex, .kilometresPerSecond, .magnitude, .dimensionless] {
            #expect(unit.factor == 1)
            #expect(unit.stored == unit)
        }
    }

    @Test func everyStoredUnitIsItsOwnStoredUnitAndEveryNameParsesBack() throws {
        for unit in LabelUnit.allCases {
            #expect(unit.stored.stored == unit.stored)
            #expect(try LabelUnit.parse(unit.rawValue, label: "x") == unit)
        }
    }

    @Test func teffDefaultsToKelvinEveryOtherLabelToDex() {
        #expect(LabelUnit.defaultUnit(for: "teff") == .kelvin)
        for label in ["logg", "feh", "m_h", "alpha_m"] {
            #expect(LabelUnit.defaultUnit(for: label) == .dex)
        }
    }

    @Test func aUnitIsReadFromJSONByItsName() throws {
        let units = try JSONDecoder().decode([LabelUnit].self, from: Data(#"["kK","km/s","1"]"#.utf8))
        #expect(units == [.kilokelvin, .kilometresPerSecond, .dimensionless])
        #expect(try JSONDecoder().decode([LabelUnit].self, from: JSONEncoder().encode(LabelUnit.allCases)) == LabelUnit.allCases)
    }
}
