import Foundation

/// A mock LAMOST + APOGEE survey with known truth (issue 4): the plan of stars, observations and APOGEE
/// rows, all drawn deterministically from the configuration's seed. Building the plan is cheap; spectra are
/// synthesised on demand (`spectrum(for:)`) or while writing (`write(to:progress:)`).
///
/// Stars are spread over plates (about 500 stars each, 2.5 degrees around each plate centre); each star's
/// labels, position and RV depend only on (seed, star index), each spectrum's noise only on
/// (seed, observation index), so the output never depends on scheduling.
public struct MockSurvey: Sendable {
    /// The configuration this survey was made from.
    public let configuration: MockSurveyConfiguration
    /// The stars with LAMOST spectra, in index order.
    public let stars: [MockStar]
    /// The planned observations (first visits in star order, then repeats).
    public let observations: [MockObservation]
    /// The APOGEE allStar rows (counterparts, duplicates, neighbours, APOGEE-only stars), before writing.
    public let apogeeRows: [MockApogeeRow]
    /// The spectrum synthesiser and the observation model.
    public let synthesizer: SpectrumSynthesizer
    /// The observation model (instrument, noise, masks).
    public let observer: SpectrumObserver

    /// Plans the survey.
    /// - Throws: `.invalidConfiguration` for a configuration out of range.
    public init(configuration: MockSurveyConfiguration) throws(SimulatorError) {
        try configuration.validate()
        self.configuration = configuration
        synthesizer = SpectrumSynthesizer()
        observer = SpectrumObserver(instrument: InstrumentModel(grid: synthesizer.grid))
        let plates = MockPlate.plan(count: max(1, (configuration.stars + 499) / 500), seed: configuration.seed)
        var stars = (0..<configuration.stars).map {
            Self.drawStar(index: $0, plate: plates[$0 % plates.count], configuration: configuration)
        }
        if let types = configuration.starTypes {
            for k in stars.indices where k >= types {
                let type = stars[Self.starType(of: k, types: types, seed: configuration.seed)]
                stars[k].labels = type.labels
                stars[k].component = type.component
            }
        }
        observations = Self.planObservations(stars: stars, plates: plates, configuration: configuration)
        apogeeRows = Self.planApogee(stars: &stars, observations: observations, configuration: configuration)
        self.stars = stars
    }

    /// Stream tags of the seeded generators (one stream per purpose and index).
    enum Stream: UInt64 {
        case star = 1, observation = 2, noise = 3, apogee = 4, lasp = 5, plate = 6, apogeeExtra = 7, starType = 8
    }

    /// The star type (the index of the star whose labels it shares) of star `index` in survey-scale mode
    /// (`MockSurveyConfiguration.starTypes`): the star itself below `types`, else one drawn from the seed.
    static func starType(of index: Int, types: Int, seed: UInt64) -> Int {
        guard index >= types else { return index }
        var rng = MockRandom(seed: seed, streams: Stream.starType.rawValue, UInt64(index))
        return rng.integer(in: 0...(types - 1))
    }

    /// The star type of star `index`: the index of the star whose labels (and noiseless spectrum) it shares;
    /// `index` itself unless the configuration sets `starTypes`.
    public func starType(of index: Int) -> Int {
        configuration.starTypes.map { Self.starType(of: index, types: $0, seed: configuration.seed) } ?? index
    }

    static func drawStar(index: Int, plate: MockPlate, configuration: MockSurveyConfiguration) -> MockStar {
        var rng = MockRandom(seed: configuration.seed, streams: Stream.star.rawValue, UInt64(index))
        let (labels, component) = StellarPopulationSampler(population: configuration.population).draw(using: &rng)
        let (ra, dec) = plate.randomPosition(using: &rng)
        let rvSigma: Double = component == .thinDisc ? 30 : component == .thickDisc ? 55 : 120
        let rv = rng.gaussian(mean: component == .thickDisc ? -20 : -5, sigma: rvSigma)
        let ebv = min(rng.exponential(mean: 0.07), 0.8)
        return MockStar(index: index, labels: labels, component: component, ra: ra, dec: dec,
                        radialVelocity: rv, ebv: ebv, apogeeID: nil)
    }

    static func planObservations(stars: [MockStar], plates: [MockPlate], configuration c: MockSurveyConfiguration)
        -> [MockObservation]
    {
        var first: [MockObservation] = [], repeats: [MockObservation] = []
        let lo = c.snrRange.lowerBound, hi = c.snrRange.upperBound
        var obsid = c.firstObsid
        for star in stars {
            var rng = MockRandom(seed: c.seed, streams: Stream.observation.rawValue, UInt64(star.index))
            let plate = plates[star.index % plates.count]
            let slot = star.index / plates.count
            let snr = rng.logUniform(lo, max(hi, lo * 1.000001))
            first.append(MockObservation(
                index: 0, starIndex: star.index, visit: 0, obsid: 0, lmjd: plate.lmjd, dateObs: plate.dateObs,
                planid: plate.planid, spid: slot % 16 + 1, fiberid: (slot / 16) % 250 + 1, targetSNR: snr,
                heliocentricCorrection: plate.heliocentricCorrection))
            if rng.bernoulli(c.repeatFraction) {
                let repeatSNR = min(max(snr * exp(rng.gaussian(mean: 0, sigma: 0.45)), lo), hi)
                let shifted = slot + 2003
                repeats.append(MockObservation(
                    index: 0, starIndex: star.index, visit: 1, obsid: 0, lmjd: plate.repeatLMJD,
                    dateObs: plate.repeatDateObs, planid: plate.planid, spid: shifted % 16 + 1,
                    fiberid: (shifted / 16) % 250 + 1, targetSNR: repeatSNR,
                    heliocentricCorrection: plate.repeatHeliocentricCorrection))
            }
        }
        var all = first + repeats
        for k in all.indices {
            all[k].index = k
            all[k].obsid = obsid
            obsid += 1
        }
        return all
    }

    /// The star of an observation.
    public func star(of observation: MockObservation) -> MockStar { stars[observation.starIndex] }
}
