@testable import Demo
import Pipeline
import Testing

/// The two applications of the paper as the demo reports them: titles, reference names, paper figures.
@Suite struct DemoApplicationTests {
    @Test func theKGiantApplicationIsComparedWithAPOGEEAndThePapersSixLabels() throws {
        let application = try DemoFactories.application(.apogee, modelID: 3, labels: ["teff", "logg", "m_h"], members: 250)
        #expect(application.kind.rawValue == "apogee")
        #expect(application.title == "K giants with APOGEE DR15 labels")
        #expect(application.referenceName == "APOGEE")
        #expect(application.paperScatter == ["teff": 49, "logg": 0.10, "m_h": 0.037, "alpha_m": 0.026, "c_m": 0.058, "n_m": 0.106])
    }

    @Test func theAFGKApplicationIsComparedWithLASPAndThePapersThreeLabels() throws {
        let application = try DemoFactories.application(.lasp, modelID: 4, labels: ["teff", "logg", "feh"], members: 120)
        #expect(application.kind.rawValue == "lasp")
        #expect(application.labelSet == "lasp-dr5")
        #expect(application.title == "AFGK stars with LAMOST LASP labels")
        #expect(application.referenceName == "LASP")
        // docs/method.md: 50 K, 0.09 dex and 0.07 dex at S/N_g > 100.
        #expect(application.paperScatter == ["teff": 50, "logg": 0.09, "feh": 0.07])
    }
}
