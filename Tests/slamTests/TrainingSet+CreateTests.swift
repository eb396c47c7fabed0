@testable import slam
import Testing

/// `slam trainingset create` (TrainingSet+Create.swift).
@Suite struct TrainingSetCreateTests {
    @Test func parsesTheAPOGEECuts() throws {
        let create = try SLAMParsing.parse(["trainingset", "create", "kgiants", "--labels-from", "apogee-dr15", "--crossmatch", "3",
                                            "--labels", "teff,logg,m_h", "--snr-min", "50", "--apogee-snr-min", "80",
                                            "--teff", "3500:5000", "--logg", ":3.5", "--m-h=-1:", "--max-bad-pixels", "20",
                                            "--repeats", "all", "--keep-ambiguous", "--validation-fraction", "0.2", "--seed", "4"],
                                           as: TrainingSet.Create.self)
        #expect(create.name == "kgiants" && create.source == "apogee-dr15" && create.isAPOGEEName && !create.isLASP)
        let criteria = try create.apogeeCriteria()
        #expect(criteria.labels.map(\.rawValue) == ["teff", "logg", "m_h"])
        #expect(criteria.crossmatchRunID == 3 && criteria.snrgMinimum == 50 && criteria.apogeeSNRMinimum == 80)
        #expect(Set(criteria.ranges.keys) == ["teff", "logg", "m_h"] && criteria.maximumBadPixels == 20)
        #expect(criteria.repeats == .all && !criteria.excludeAmbiguous && criteria.validationFraction == 0.2 && criteria.seed == 4)
    }

    @Test func laspDefaultsAreThePapersSecondApplication() throws {
        let create = try SLAMParsing.parse(["trainingset", "create", "afgk", "--labels-from", "LASP-DR5", "--members", "m.csv",
                                            "--match-radius", "2", "--catalogue-version", "2"], as: TrainingSet.Create.self)
        #expect(create.isLASP && create.members == "m.csv")
        let criteria = try create.catalogueCriteria(members: nil)
        #expect(criteria.source == "lasp-dr5" && criteria.labels == ["teff", "logg", "feh"] && criteria.snrgMinimum == 100)
        #expect(criteria.catalogueVersion == 2 && criteria.matchRadiusArcsec == 2 && criteria.ranges["teff"] != nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["trainingset", "create"], saying: "Missing expected argument '<name>'")
        SLAMParsing.expectRejected(["trainingset", "create", "s", "--repeats", "some"], saying: "--repeats must be best-snr or all")
        SLAMParsing.expectRejected(["trainingset", "create", "s", "--teff", "5000:4000"], saying: "range '5000:4000' for teff is not MIN:MAX")
        SLAMParsing.expectRejected(["trainingset", "create", "s", "--labels-from", "galah"], saying: "--labels is needed for catalogue galah")
        SLAMParsing.expectRejected(["trainingset", "create", "s", "--labels", "teff,bogus"], saying: "unknown label 'bogus'")
        SLAMParsing.expectRejected(["trainingset", "create", "s", "--validation-fraction", "2"], saying: "validation fraction 2.0 is not in [0, 1)")
    }
}
