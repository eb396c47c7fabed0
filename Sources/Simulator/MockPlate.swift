import Foundation
import Primitives

/// One LAMOST plate (a pointing of the 5-degree field): its PLANID, centre, night(s) and heliocentric
/// correction. PLANIDs follow the real styles, some with underscores (`GAC_095N28_V3`), some without
/// (`HD101832N293512B01`).
struct MockPlate: Sendable {
    var planid: String
    var ra: Double
    var dec: Double
    var lmjd: Int
    var dateObs: String
    var heliocentricCorrection: Double
    var repeatLMJD: Int
    var repeatDateObs: String
    var repeatHeliocentricCorrection: Double

    /// Field radius, degrees.
    static let radius = 2.5

    static func plan(count: Int, seed: UInt64) -> [MockPlate] {
        (0..<count).map { p in
            var rng = MockRandom(seed: seed, streams: MockSurvey.Stream.plate.rawValue, UInt64(p))
            let ra = rng.uniform(0, 360)
            let dec = asin(rng.uniform(sin(-8 * Double.pi / 180), sin(62 * Double.pi / 180))) * 180 / Double.pi
            let lmjd = 55_900 + 5 * p + rng.integer(in: 0...4)
            let repeatLMJD = lmjd + rng.integer(in: 20...700)
            let planid: String
            if p % 2 == 0 {
                planid = String(format: "GAC_%03d%@%02d_V%d", Int(ra), dec >= 0 ? "N" : "S", Int(abs(dec)),
                                rng.integer(in: 1...4))
            } else {
                let h = ra / 15
                planid = String(format: "HD%02d%02d%02d%@%02d%02d%02dB01", Int(h), Int(h * 60) % 60,
                                Int(h * 3600) % 60, dec >= 0 ? "N" : "S", Int(abs(dec)), Int(abs(dec) * 60) % 60,
                                Int(abs(dec) * 3600) % 60)
            }
            return MockPlate(
                planid: planid, ra: ra, dec: dec, lmjd: lmjd, dateObs: dateObs(lmjd: lmjd, using: &rng),
                heliocentricCorrection: (rng.uniform(-30, 30) * 1000).rounded() / 1000, repeatLMJD: repeatLMJD,
                repeatDateObs: dateObs(lmjd: repeatLMJD, using: &rng),
                repeatHeliocentricCorrection: (rng.uniform(-30, 30) * 1000).rounded() / 1000)
        }
    }

    /// `DATE-OBS` of the night of local MJD `lmjd` (Beijing evening = UTC 12h-20h of MJD lmjd - 1).
    static func dateObs(lmjd: Int, using rng: inout MockRandom) -> String {
        let (year, month, day) = CivilDate.fromMJD(lmjd - 1)
        let seconds = rng.integer(in: 12 * 3600...20 * 3600)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, seconds / 3600, (seconds / 60) % 60,
                      seconds % 60)
    }

    /// A position uniformly distributed over the plate's field, degrees.
    func randomPosition(using rng: inout MockRandom) -> (ra: Double, dec: Double) {
        let r = Self.radius * rng.uniform().squareRoot()
        let phi = rng.uniform(0, 2 * Double.pi)
        let dec = min(89.9, max(-89.9, self.dec + r * sin(phi)))
        var ra = self.ra + r * cos(phi) / cos(dec * Double.pi / 180)
        ra = ra.truncatingRemainder(dividingBy: 360)
        if ra < 0 { ra += 360 }
        return ((ra * 1e6).rounded() / 1e6, (dec * 1e6).rounded() / 1e6)
    }
}
