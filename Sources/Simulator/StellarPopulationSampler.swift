/// Draws realistic true labels for mock stars: giants along a red-giant branch with scatter (and a red
/// clump), dwarfs along a main sequence with a turn-off, thin- and thick-disc [alpha/M] sequences, a
/// metal-poor halo tail to about -2.5 dex, and giant [C/M], [N/M] after the first dredge-up.
///
/// Pure and deterministic: the labels are a function of the generator passed in.
public struct StellarPopulationSampler: Sendable {
    /// The population drawn from.
    public var population: MockPopulation

    /// A sampler for the given population.
    public init(population: MockPopulation) { self.population = population }

    /// One star's labels and Galactic component.
    public func draw(using rng: inout MockRandom) -> (labels: StellarLabels, component: GalacticComponent) {
        let component = drawComponent(using: &rng)
        let mH = drawMetallicity(component, using: &rng)
        let alphaM = drawAlpha(component, mH: mH, using: &rng)
        let giant = rng.bernoulli(population.giantFraction)
        var labels = giant ? drawGiant(mH: mH, using: &rng) : drawDwarf(mH: mH, using: &rng)
        labels.alphaM = alphaM
        return (labels, component)
    }

    private func drawComponent(using rng: inout MockRandom) -> GalacticComponent {
        let u = rng.uniform()
        if u < 0.78 { return .thinDisc }
        if u < 0.95 { return .thickDisc }
        return .halo
    }

    private func drawMetallicity(_ component: GalacticComponent, using rng: inout MockRandom) -> Double {
        switch component {
        case .thinDisc: return clamp(rng.gaussian(mean: -0.1, sigma: 0.22), -1.0, 0.5)
        case .thickDisc: return clamp(rng.gaussian(mean: -0.55, sigma: 0.28), -1.5, 0.2)
        case .halo: return clamp(rng.gaussian(mean: -1.45, sigma: 0.5), -2.5, -0.5)
        }
    }

    private func drawAlpha(_ component: GalacticComponent, mH: Double, using rng: inout MockRandom) -> Double {
        let base: Double
        switch component {
        case .thinDisc: base = 0.02 + 0.12 * max(0, -mH - 0.1)
        case .thickDisc: base = 0.30 - 0.30 * max(0, mH + 0.6)
        case .halo: base = mH < -1.2 ? 0.32 : 0.15
        }
        return clamp(base + rng.gaussian(mean: 0, sigma: 0.025), -0.1, 0.45)
    }

    /// Red-giant branch: Teff falls with log g and rises at low metallicity; 35 % of metal-rich giants are
    /// in the red clump (log g about 2.45, Teff about 4750 K).
    private func drawGiant(mH: Double, using rng: inout MockRandom) -> StellarLabels {
        var logg: Double, teff: Double
        if mH > -1.0, rng.bernoulli(0.35) {
            logg = rng.gaussian(mean: 2.45, sigma: 0.09)
            teff = rng.gaussian(mean: 4720 - 170 * mH, sigma: 70)
        } else {
            // More stars on the lower RGB (time spent scales with the RGB luminosity function).
            logg = 3.5 - 2.6 * rng.uniform() * rng.uniform().squareRoot()
            teff = 4600 + 330 * (logg - 2.5) - 190 * mH + rng.gaussian(mean: 0, sigma: 60)
        }
        logg = clamp(logg, 0.8, 3.6)
        teff = clamp(teff, 3750, 5350)
        // First dredge-up: C down, N up, more so for more massive (here: higher-log g scatter) giants.
        let mixing = clamp(0.5 + 0.3 * rng.gaussian(), 0, 1)
        let cM = -0.05 - 0.25 * mixing + 0.1 * max(0, -mH - 1) + rng.gaussian(mean: 0, sigma: 0.05)
        let nM = 0.05 + 0.45 * mixing + rng.gaussian(mean: 0, sigma: 0.06)
        return StellarLabels(teff: teff, logg: logg, mH: mH, alphaM: 0, cM: clamp(cM, -0.6, 0.4), nM: clamp(nM, -0.3, 0.9))
    }

    /// Main sequence from 4000 to 7500 K with a turn-off / subgiant spread for 5400-6600 K stars.
    private func drawDwarf(mH: Double, using rng: inout MockRandom) -> StellarLabels {
        // More G and F stars than K dwarfs in a magnitude-limited survey.
        let teff = clamp(4000 + 3500 * (1 - rng.uniform() * rng.uniform()) * 0.95 + rng.gaussian(mean: 0, sigma: 60),
                         4000, 7500)
        var logg = 4.62 - 0.20 * max(0, (teff - 4200) / 2300) * 1.6 + 0.08 * mH
        if teff > 5400, teff < 6700 { logg -= 0.55 * pow2(rng.uniform()) }
        logg += rng.gaussian(mean: 0, sigma: 0.06)
        let cM = rng.gaussian(mean: 0, sigma: 0.05)
        let nM = rng.gaussian(mean: 0, sigma: 0.07)
        return StellarLabels(teff: teff, logg: clamp(logg, 3.7, 4.75), mH: mH, alphaM: 0, cM: cM, nM: nM)
    }
}

@inline(__always) func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { min(max(x, lo), hi) }
@inline(__always) func pow2(_ x: Double) -> Double { x * x }
