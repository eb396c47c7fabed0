import Foundation
import Formats

extension MockSurvey {
    /// `truth.csv`: one row per observation with the true labels, the measured S/N_g, the true RV, the true
    /// position, and whether (and as which APOGEE_ID) the star has an APOGEE counterpart. For evaluation only.
    ///
    /// Columns: obsid, star_id, visit, teff (K), logg, m_h, alpha_m, c_m, n_m (dex), snrg, target_snrg, rv
    /// (km/s), ra, dec (degrees), ebv (mag), giant (0/1), component, has_apogee (0/1), apogee_id, file.
    public func truthTable(results: [MockObservationResult]) -> CatalogueTable {
        let rows = observations
        func star(_ o: MockObservation) -> MockStar { stars[o.starIndex] }
        func round(_ x: Double, _ digits: Double) -> Double { (x * digits).rounded() / digits }
        func labels(_ key: KeyPath<StellarLabels, Double>, _ digits: Double) -> CatalogueColumnValues {
            .double(rows.map { round(star($0).labels[keyPath: key], digits) })
        }
        return CatalogueTable(columns: [
            CatalogueColumn(name: "obsid", values: .int64(rows.map(\.obsid))),
            CatalogueColumn(name: "star_id", values: .string(rows.map { star($0).id })),
            CatalogueColumn(name: "visit", values: .int64(rows.map { Int64($0.visit) })),
            CatalogueColumn(name: "teff", values: labels(\.teff, 100)),
            CatalogueColumn(name: "logg", values: labels(\.logg, 1e5)),
            CatalogueColumn(name: "m_h", values: labels(\.mH, 1e5)),
            CatalogueColumn(name: "alpha_m", values: labels(\.alphaM, 1e5)),
            CatalogueColumn(name: "c_m", values: labels(\.cM, 1e5)),
            CatalogueColumn(name: "n_m", values: labels(\.nM, 1e5)),
            CatalogueColumn(name: "snrg", values: .double(rows.map { results[$0.index].snr.g })),
            CatalogueColumn(name: "target_snrg", values: .double(rows.map { round($0.targetSNR, 100) })),
            CatalogueColumn(name: "rv", values: .double(rows.map { round(star($0).radialVelocity, 1000) })),
            CatalogueColumn(name: "ra", values: .double(rows.map { star($0).ra })),
            CatalogueColumn(name: "dec", values: .double(rows.map { star($0).dec })),
            CatalogueColumn(name: "ebv", values: .double(rows.map { round(star($0).ebv, 1e4) })),
            CatalogueColumn(name: "giant", values: .int64(rows.map { star($0).labels.isGiant ? 1 : 0 })),
            CatalogueColumn(name: "component", values: .string(rows.map { star($0).component.rawValue })),
            CatalogueColumn(name: "has_apogee", values: .int64(rows.map { star($0).apogeeID == nil ? 0 : 1 })),
            CatalogueColumn(name: "apogee_id", values: .string(rows.map { star($0).apogeeID })),
            CatalogueColumn(name: "file", values: .string(rows.map { Self.spectraFolder + "/" + $0.fileName })),
        ])
    }

    /// `truth_apogee.csv`: one row per allStar row (in file order) with what it truly is: apogee_id, kind
    /// (counterpart, duplicate, neighbour, apogee_only), star_id of the LAMOST star it observes (empty if
    /// none), star_bad (0/1), and the true labels.
    public func apogeeTruthTable() -> CatalogueTable {
        let rows = apogeeRows
        func round(_ x: Double, _ digits: Double) -> Double { (x * digits).rounded() / digits }
        return CatalogueTable(columns: [
            CatalogueColumn(name: "apogee_id", values: .string(rows.map(\.star.apogeeID))),
            CatalogueColumn(name: "kind", values: .string(rows.map(\.kind.rawValue))),
            CatalogueColumn(name: "star_id", values: .string(rows.map { $0.starIndex.map(MockStar.id) })),
            CatalogueColumn(name: "star_bad", values: .int64(rows.map { $0.star.isStarBad ? 1 : 0 })),
            CatalogueColumn(name: "teff", values: .double(rows.map { round($0.truth.teff, 100) })),
            CatalogueColumn(name: "logg", values: .double(rows.map { round($0.truth.logg, 1e5) })),
            CatalogueColumn(name: "m_h", values: .double(rows.map { round($0.truth.mH, 1e5) })),
            CatalogueColumn(name: "alpha_m", values: .double(rows.map { round($0.truth.alphaM, 1e5) })),
            CatalogueColumn(name: "c_m", values: .double(rows.map { round($0.truth.cM, 1e5) })),
            CatalogueColumn(name: "n_m", values: .double(rows.map { round($0.truth.nM, 1e5) })),
        ])
    }
}
