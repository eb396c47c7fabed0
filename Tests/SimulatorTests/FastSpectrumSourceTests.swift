import Foundation
import Formats
import Testing
@testable import Simulator

/// The survey-scale source writes distinct, readable LAMOST files whose headers match their observations
/// and whose stars carry their types' labels; the full simulator's plan is unchanged below the type count.
@Suite struct FastSpectrumSourceTests {
    typealias S = SimulatorTestSupport
    static let configuration = MockSurveyConfiguration(stars: 40, seed: 9, repeatFraction: 0.25, starTypes: 6)

    @Test func filesAreDistinctReadableAndMatchTheirObservations() throws {
        let survey = try MockSurvey(configuration: Self.configuration)
        for compressed in [false, true] {
            let source = try FastSpectrumSource(survey: survey, compressed: compressed, workers: 2)
            let directory = S.temporaryDirectory("fast-\(compressed)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let files = try source.write(observations: survey.observations.indices, into: directory, workers: 2)
            #expect(files.count == survey.observations.count)
            var contents = Set<Data>()
            for (o, url) in zip(survey.observations, files) {
                #expect(url.lastPathComponent == (compressed ? o.fileName : String(o.fileName.dropLast(3))))
                let (expected, result) = source.spectrum(for: o)
                let read = try LamostSpectrumReader.read(url: url)
                let star = survey.star(of: o)
                #expect(read.metadata == expected.metadata)
                #expect(read.metadata.obsid == o.obsid && read.metadata.ra == star.ra && read.metadata.dec == star.dec)
                #expect(read.metadata.designation == MockSurvey.designation(ra: star.ra, dec: star.dec))
                #expect(read.metadata.snr.g == result.snr.g && read.pixelCount == 3909)
                #expect(read.flux == expected.flux && read.ivar == expected.ivar)
                contents.insert(try Data(contentsOf: url))
            }
            #expect(contents.count == files.count, "every file differs in content (ingest skips known checksums)")
        }
    }

    @Test func starsCarryTheirTypesLabelsAndTheFirstTypesAreUnchanged() throws {
        let fast = try MockSurvey(configuration: Self.configuration)
        var plainConfiguration = Self.configuration
        plainConfiguration.starTypes = nil
        let plain = try MockSurvey(configuration: plainConfiguration)
        for star in fast.stars {
            let type = fast.starType(of: star.index)
            #expect((0..<6).contains(type))
            #expect(star.labels == fast.stars[type].labels)
            if star.index < 6 {
                #expect(type == star.index && star == plain.stars[star.index])
            }
            #expect(star.ra == plain.stars[star.index].ra && star.radialVelocity == plain.stars[star.index].radialVelocity)
        }
        #expect(Set(fast.stars.map { fast.starType(of: $0.index) }).count > 1)
        #expect(plain.starType(of: 30) == 30)
    }

    @Test func noiselessSpectrumIsTheTypesSpectrumShiftedToTheStarsVelocity() throws {
        let survey = try MockSurvey(configuration: Self.configuration)
        let source = try FastSpectrumSource(survey: survey, workers: 1)
        for o in survey.observations.prefix(8) {
            let star = survey.star(of: o)
            let fast = source.noiselessSpectrum(for: o)
            let full = survey.synthesizer.normalisedFlux(star.labels, radialVelocity: star.radialVelocity)
            let worst = zip(fast, full).map { abs($0 - $1) }.max() ?? .infinity
            // Linear interpolation of the rest-frame spectrum against synthesis in the moving frame: within
            // 0.05 of the continuum at the deepest, sharpest line cores.
            #expect(worst < 0.05, "obsid \(o.obsid): largest difference \(worst)")
        }
        var still = survey.observations[0]
        still.index = 0
        let restStar = survey.star(of: still)
        let rest = survey.synthesizer.normalisedFlux(restStar.labels).map { Double(Float($0)) }
        #expect(source.templates[survey.starType(of: restStar.index)].map(Double.init) == rest)
    }

    @Test func apogeeOnlyRowsSetTheAllStarSize() throws {
        var configuration = Self.configuration
        configuration.apogeeOnlyRows = 500
        let survey = try MockSurvey(configuration: configuration)
        #expect(survey.apogeeRows.filter { $0.kind == .apogeeOnly }.count == 500)
        let directory = S.temporaryDirectory("fast-allstar")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(MockSurvey.allStarFile)
        try FastSpectrumSource(survey: survey, workers: 1).writeAllStar(to: url)
        #expect(try ApogeeAllStarReader(url: url).readAll().count == survey.apogeeRows.count)
    }

    @Test func needsStarTypesAndChecksTheirRange() throws {
        var configuration = Self.configuration
        configuration.starTypes = nil
        let plain = try MockSurvey(configuration: configuration)
        #expect(throws: SimulatorError.self) { try FastSpectrumSource(survey: plain) }
        configuration.starTypes = 0
        #expect(throws: SimulatorError.self) { try MockSurvey(configuration: configuration) }
        configuration.starTypes = 6
        configuration.apogeeOnlyRows = -1
        #expect(throws: SimulatorError.self) { try MockSurvey(configuration: configuration) }
    }
}
