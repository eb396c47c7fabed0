import Foundation
import Formats

extension MockSurvey {
    /// APOGEE-like 1-sigma label errors at APOGEE S/N 100 (Teff K; log g, [M/H], [alpha/M], [C/M], [N/M] dex);
    /// they grow as sqrt(100 / SNR) below S/N 100 and shrink to 0.7 of these at high S/N.
    static let apogeeErrors = (teff: 30.0, logg: 0.05, mH: 0.025, alphaM: 0.02, cM: 0.04, nM: 0.05)

    /// Plans the allStar rows and records each counterpart's APOGEE_ID on its star.
    static func planApogee(stars: inout [MockStar], observations: [MockObservation],
                           configuration c: MockSurveyConfiguration) -> [MockApogeeRow]
    {
        var rows: [MockApogeeRow] = []
        var firstSNR = [Double](repeating: 0, count: stars.count)
        for o in observations where o.visit == 0 { firstSNR[o.starIndex] = o.targetSNR }
        var extras = 0
        for k in stars.indices {
            var rng = MockRandom(seed: c.seed, streams: Stream.apogee.rawValue, UInt64(k))
            let s = stars[k]
            let p = s.labels.isGiant ? (firstSNR[k] >= 20 ? c.apogeeFraction : 0.5 * c.apogeeFraction)
                : 0.1 * c.apogeeFraction
            guard rng.bernoulli(p) else { continue }
            // Astrometric offset between the LAMOST input catalogue and 2MASS: ~0.15 arcsec per axis.
            let (ra, dec) = offset(ra: s.ra, dec: s.dec, arcsecRA: rng.gaussian(mean: 0, sigma: 0.15),
                                   arcsecDec: rng.gaussian(mean: 0, sigma: 0.15))
            let id = apogeeID(ra: s.ra, dec: s.dec)
            stars[k].apogeeID = id
            let snr = min(1500, max(40, 1.6 * firstSNR[k] * exp(rng.gaussian(mean: 0, sigma: 0.5))))
            let field = fieldName(ra: s.ra, dec: s.dec)
            var row = apogeeRow(id: id, field: field, ra: ra, dec: dec, snr: snr, truth: s.labels, configuration: c,
                                using: &rng)
            rows.append(MockApogeeRow(star: row, kind: .counterpart, starIndex: k, truth: s.labels))
            if rng.bernoulli(c.duplicateApogeeFraction) {
                row = apogeeRow(id: id, field: fieldName(ra: s.ra + 1.5, dec: s.dec), ra: ra, dec: dec,
                                snr: snr * rng.uniform(0.3, 0.8), truth: s.labels, configuration: c, using: &rng)
                row.extraTarg = 16
                rows.append(MockApogeeRow(star: row, kind: .duplicate, starIndex: k, truth: s.labels))
            }
            if rng.bernoulli(c.neighbourFraction) {
                let separation = rng.uniform(2, 6), angle = rng.uniform(0, 2 * Double.pi)
                let (nra, ndec) = offset(ra: s.ra, dec: s.dec, arcsecRA: separation * cos(angle),
                                         arcsecDec: separation * sin(angle))
                rows.append(extraRow(ra: nra, dec: ndec, kind: .neighbour, index: extras, configuration: c))
                extras += 1
            }
        }
        // APOGEE-only stars scattered over the footprint (near LAMOST stars' fields, but not on them).
        let onlyCount = c.apogeeOnlyRows ?? Int((Double(rows.count) * c.apogeeOnlyFraction).rounded())
        for k in 0..<onlyCount where !stars.isEmpty {
            var rng = MockRandom(seed: c.seed, streams: Stream.apogeeExtra.rawValue, 1_000_000_000 + UInt64(k))
            let anchor = stars[rng.integer(in: 0...(stars.count - 1))]
            let (ra, dec) = offset(ra: anchor.ra, dec: anchor.dec, arcsecRA: rng.uniform(-1800, 1800),
                                   arcsecDec: rng.uniform(-1800, 1800))
            rows.append(extraRow(ra: ra, dec: dec, kind: .apogeeOnly, index: extras, configuration: c))
            extras += 1
        }
        return rows
    }

    /// An APOGEE-only row (a neighbour or a star without LAMOST spectrum), a giant with its own labels.
    static func extraRow(ra: Double, dec: Double, kind: MockApogeeRow.Kind, index: Int,
                         configuration c: MockSurveyConfiguration) -> MockApogeeRow
    {
        var rng = MockRandom(seed: c.seed, streams: Stream.apogeeExtra.rawValue, UInt64(index))
        let truth = StellarPopulationSampler(population: .giants).draw(using: &rng).labels
        let row = apogeeRow(id: apogeeID(ra: ra, dec: dec), field: fieldName(ra: ra, dec: dec), ra: ra, dec: dec,
                            snr: rng.logUniform(50, 800), truth: truth, configuration: c, using: &rng)
        return MockApogeeRow(star: row, kind: kind, starIndex: nil, truth: truth)
    }

    /// One allStar row: labels = truth + APOGEE-like errors; a fraction with bad flags and -9999 values.
    static func apogeeRow(id: String, field: String, ra: Double, dec: Double, snr: Double, truth t: StellarLabels,
                          configuration c: MockSurveyConfiguration, using rng: inout MockRandom) -> ApogeeStar
    {
        let f = min(2.5, max(0.7, (100 / snr).squareRoot()))
        let e = apogeeErrors
        func draw(_ value: Double, _ sigma: Double, digits: Double) -> (Double, Double) {
            let v = value + rng.gaussian(mean: 0, sigma: sigma * f)
            return ((v * digits).rounded() / digits, (sigma * f * 1e4).rounded() / 1e4)
        }
        let teff = draw(t.teff, e.teff, digits: 10), logg = draw(t.logg, e.logg, digits: 1e4)
        let mH = draw(t.mH, e.mH, digits: 1e4), alpha = draw(t.alphaM, e.alphaM, digits: 1e4)
        let cM = draw(t.cM, e.cM, digits: 1e4), nM = draw(t.nM, e.nM, digits: 1e4)
        var star = ApogeeStar(
            apogeeID: id, telescope: dec < -15 ? "lco25m" : "apo25m", field: field, ra: ra, dec: dec,
            snr: (snr * 100).rounded() / 100, teff: teff.0, teffErr: teff.1, logg: logg.0, loggErr: logg.1,
            mH: mH.0, mHErr: mH.1, alphaM: alpha.0, alphaMErr: alpha.1, cM: cM.0, cMErr: cM.1, nM: nM.0,
            nMErr: nM.1, aspcapFlag: 0, starFlag: 0, extraTarg: 0)
        star.param = [teff.0, logg.0, -0.2 + 0.1 * rng.gaussian(), mH.0, cM.0, nM.0, alpha.0]
        // Warnings (bits 0-15) on some stars; LOW_SNR star flag below S/N 70.
        if rng.bernoulli(0.2) { star.aspcapFlag |= UInt64(1) << UInt64(rng.integer(in: 0...15)) }
        if snr < 70 { star.starFlag |= 1 << 4 }
        if rng.bernoulli(c.badApogeeFraction) {
            star.aspcapFlag |= 1 << 23  // STAR_BAD
            switch rng.integer(in: 0...3) {
            case 0:
                star.teff = nil; star.logg = nil; star.mH = nil; star.alphaM = nil
                star.param = [nil, nil, nil, nil, nil, nil, nil]
            case 1:
                star.nM = nil; star.nMErr = nil; star.param[5] = nil
                star.aspcapFlag |= 1 << 22  // N_M_BAD
            case 2:
                star.aspcapFlag |= 1 << 17  // LOGG_BAD
                star.starFlag |= 1 << 3  // VERY_BRIGHT_NEIGHBOR
            default:
                star.aspcapFlag |= 1 << 31  // NO_ASPCAP_RESULT (reads negative in the 32-bit column)
                star.teff = nil; star.logg = nil; star.param = [nil, nil, nil, nil, nil, nil, nil]
            }
        }
        return star
    }

    /// A 2MASS-style identifier `2Mhhmmssss+ddmmsss` from a position.
    static func apogeeID(ra: Double, dec: Double) -> String {
        let h = ra / 15
        let hh = Int(h), mm = Int((h - Double(hh)) * 60)
        let ss = (h - Double(hh) - Double(mm) / 60) * 3600
        let a = abs(dec)
        let dd = Int(a), dm = Int((a - Double(dd)) * 60)
        let ds = (a - Double(dd) - Double(dm) / 60) * 3600
        return String(format: "2M%02d%02d%04d%@%02d%02d%03d", hh, mm, min(5999, Int(ss * 100)), dec < 0 ? "-" : "+",
                      dd, dm, min(599, Int(ds * 10)))
    }

    /// An APOGEE-style field name from a position (e.g. `120+18`, Galactic-like longitude and latitude bins).
    static func fieldName(ra: Double, dec: Double) -> String {
        String(format: "%03d%@%02d", Int(ra.truncatingRemainder(dividingBy: 360)) / 3 * 3, dec < 0 ? "-" : "+",
               Int(abs(dec)) / 2 * 2)
    }

    /// Offsets a position by (arcsecRA on the sky, arcsecDec), degrees.
    static func offset(ra: Double, dec: Double, arcsecRA: Double, arcsecDec: Double) -> (Double, Double) {
        let ndec = min(90, max(-90, dec + arcsecDec / 3600))
        var nra = ra + arcsecRA / 3600 / max(cos(dec * Double.pi / 180), 1e-6)
        nra = nra.truncatingRemainder(dividingBy: 360)
        if nra < 0 { nra += 360 }
        return ((nra * 1e7).rounded() / 1e7, (ndec * 1e7).rounded() / 1e7)
    }
}
