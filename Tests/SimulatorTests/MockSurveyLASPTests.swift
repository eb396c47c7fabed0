import Testing
@testable import Simulator

/// The LASP application of the demo (issue 10) needs at least 1,000 AFGK training spectra at S/N_g >= 100
/// with the default demo size (6,000 stars), while keeping the K giants of the APOGEE application.
@Suite struct LASPPopulationTests {
    @Test func defaultDemoSurveyHasOverAThousandAFGKSpectraAtHighSNR() throws {
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: 6000, seed: 1))
        var dwarfs = 0, giants = 0
        for o in survey.observations where o.targetSNR >= 110 {
            let t = survey.star(of: o).labels
            guard t.teff > 4100, t.teff < 7900 else { continue }
            if t.logg >= 3.7 { dwarfs += 1 } else { giants += 1 }
        }
        #expect(dwarfs + giants >= 1_000)
        #expect(dwarfs >= 500)
    }

    @Test func laspLabelsScatterAboutTheTruthLikeLASP() throws {
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: 400, seed: 3))
        let results = survey.observations.map { o in
            MockObservationResult(snr: BandSignalToNoise(u: o.targetSNR / 3, g: o.targetSNR, r: o.targetSNR * 1.3,
                                                          i: o.targetSNR * 1.4, z: o.targetSNR),
                                  measuredRadialVelocity: 0, radialVelocityError: 1, z: 0, zErr: 0)
        }
        let entries = survey.laspEntries(results: results)
        let byObsid = Dictionary(uniqueKeysWithValues: survey.observations.map { ($0.obsid, $0) })
        var dTeff: [Double] = [], dFeh: [Double] = []
        for e in entries {
            let o = try #require(byObsid[e.obsid])
            guard o.targetSNR >= 100 else { continue }
            let t = survey.star(of: o).labels
            #expect(t.teff >= 4000 && t.teff <= 8000)
            dTeff.append(try #require(e.teff) - t.teff)
            dFeh.append(try #require(e.feh) - t.mH)
            #expect(try #require(e.teffErr) > 90 && e.teffErr! < 110)
        }
        #expect(dTeff.count > 50)
        let sTeff = Self.std(dTeff), sFeh = Self.std(dFeh)
        #expect(sTeff > 80 && sTeff < 160)
        #expect(sFeh > 0.07 && sFeh < 0.16)
    }

    static func std(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
    }
}
