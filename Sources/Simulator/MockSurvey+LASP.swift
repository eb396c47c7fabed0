import Foundation
import Formats

extension MockSurvey {
    /// LASP-like labels (issue 10) for the observations of stars with 4000 K <= Teff <= 8000 K: truth plus
    /// errors of about 100 K, 0.15 dex and 0.1 dex at S/N_g ~ 100 (floors of 95 K, 0.145 and 0.095 dex
    /// added in quadrature to 2500 K, 3.5 and 2.2 dex divided by S/N_g), growing at low S/N, plus a mild systematic
    /// trend (LASP runs hot for cool stars, overestimates giants' log g, and compresses [Fe/H]). The RV is
    /// the pipeline's measured one. Deterministic in (seed, observation index).
    public func laspEntries(results: [MockObservationResult]) -> [LamostCatalogueEntry] {
        let general = catalogueEntries(results: results)
        var entries: [LamostCatalogueEntry] = []
        for o in observations {
            let t = star(of: o).labels
            guard t.teff >= 4000, t.teff <= 8000 else { continue }
            var rng = MockRandom(seed: configuration.seed, streams: Stream.lasp.rawValue, UInt64(o.index))
            let snr = max(results[o.index].snr.g, 2)
            let teffErr = (95 * 95 + pow(2500 / snr, 2)).squareRoot()
            let loggErr = (0.145 * 0.145 + pow(3.5 / snr, 2)).squareRoot()
            let fehErr = (0.095 * 0.095 + pow(2.2 / snr, 2)).squareRoot()
            let teffBias = 40 - 0.03 * (t.teff - 5500)
            let loggBias = t.logg < 3.5 ? 0.12 : -0.03
            let fehBias = -0.04 - 0.08 * t.mH
            var e = general[o.index]
            e.teff = ((t.teff + teffBias + rng.gaussian(mean: 0, sigma: teffErr)) * 100).rounded() / 100
            e.teffErr = (teffErr * 100).rounded() / 100
            e.logg = ((t.logg + loggBias + rng.gaussian(mean: 0, sigma: loggErr)) * 1000).rounded() / 1000
            e.loggErr = (loggErr * 1000).rounded() / 1000
            e.feh = ((t.mH + fehBias + rng.gaussian(mean: 0, sigma: fehErr)) * 1000).rounded() / 1000
            e.fehErr = (fehErr * 1000).rounded() / 1000
            e.rv = (results[o.index].measuredRadialVelocity * 100).rounded() / 100
            entries.append(e)
        }
        return entries
    }

    /// The LASP AFGK catalogue table: the archive's columns (`obsid` ... `z`, `teff` ... `rv`) plus `rv_err`.
    func laspTable(results: [MockObservationResult]) -> CatalogueTable {
        let entries = laspEntries(results: results)
        let table = LamostCatalogue.table(from: entries, includeStellarParameters: true)
        let byObsid = Dictionary(uniqueKeysWithValues: observations.map { ($0.obsid, $0.index) })
        let rvErr: [Double?] = entries.map { e in
            byObsid[e.obsid].map { (results[$0].radialVelocityError * 100).rounded() / 100 }
        }
        return CatalogueTable(columns: table.columns + [CatalogueColumn(name: "rv_err", values: .double(rvErr))])
    }
}
