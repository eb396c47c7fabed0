import Testing
@testable import Simulator

@Suite struct StellarPopulationSamplerTests {
    func draw(_ population: MockPopulation, count: Int, seed: UInt64 = 7) -> [(StellarLabels, GalacticComponent)] {
        (0..<count).map { i in
            var rng = MockRandom(seed: seed, streams: UInt64(i))
            let d = StellarPopulationSampler(population: population).draw(using: &rng)
            return (d.labels, d.component)
        }
    }

    @Test func giantsLieOnTheRedGiantBranch() {
        let giants = draw(.giants, count: 2000).map(\.0)
        #expect(giants.allSatisfy { (3700...5400).contains($0.teff) && (0.8...3.6).contains($0.logg) })
        // Cooler at lower gravity: mean Teff of log g < 1.8 below that of log g > 3.
        let low = giants.filter { $0.logg < 1.8 }.map(\.teff), high = giants.filter { $0.logg > 3 }.map(\.teff)
        let meanLow: Double = low.reduce(0, +) / Double(low.count)
        let meanHigh: Double = high.reduce(0, +) / Double(high.count)
        #expect(meanLow + 300 < meanHigh)
        // A red clump: many stars with log g within 0.2 dex of 2.45.
        #expect(giants.filter { abs($0.logg - 2.45) < 0.2 }.count > 400)
        // First dredge-up: giants are on average carbon-poor and nitrogen-rich.
        let sumC: Double = giants.map(\.cM).reduce(0, +), sumN: Double = giants.map(\.nM).reduce(0, +)
        #expect(sumC < 0 && sumN > 0)
    }

    @Test func dwarfsLieOnTheMainSequence() {
        let dwarfs = draw(.dwarfs, count: 2000).map(\.0)
        #expect(dwarfs.allSatisfy { (4000...7500).contains($0.teff) && (3.7...4.75).contains($0.logg) })
        #expect(dwarfs.filter { $0.teff > 6000 }.count > 300)
        #expect(dwarfs.filter { $0.teff < 5000 }.count > 100)
    }

    @Test func thickDiscIsAlphaRichAndMetalPoorTailReachesMinusTwo() {
        let stars = draw(.mixed, count: 4000)
        let thin = stars.filter { $0.1 == .thinDisc }.map(\.0), thick = stars.filter { $0.1 == .thickDisc }.map(\.0)
        let meanAlphaThin = thin.map(\.alphaM).reduce(0, +) / Double(thin.count)
        let meanAlphaThick = thick.map(\.alphaM).reduce(0, +) / Double(thick.count)
        #expect(meanAlphaThick > meanAlphaThin + 0.1)
        #expect(stars.contains { $0.0.mH < -2 })
        #expect(stars.allSatisfy { $0.0.mH >= -2.5 && $0.0.mH <= 0.5 })
    }

    @Test func sameSeedSameLabelsOtherSeedOtherLabels() {
        let a = draw(.mixed, count: 50).map(\.0), b = draw(.mixed, count: 50).map(\.0)
        let c = draw(.mixed, count: 50, seed: 8).map(\.0)
        #expect(a == b)
        #expect(a != c)
    }
}
