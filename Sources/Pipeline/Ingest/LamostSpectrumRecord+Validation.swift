import Catalogue
import Formats
import Foundation

extension LamostSpectrumRecord {
    /// Range of the `smallint` columns `spid` and `fiberid` that the ingest accepts.
    static let smallintRange: ClosedRange<Int> = 0...Int(Int16.max)
    /// Range of the `integer` columns `lmjd` and `mjd` that the ingest accepts.
    static let dayRange: ClosedRange<Int> = 0...Int(Int32.max)

    /// Checks every value against its `lamost_spectrum` column before anything reaches COPY, so that one
    /// bad file is one rejection and never fails its batch's write.
    ///
    /// - Rejected (returns the rejection): `SPID` or `FIBERID` outside 0...32767 and `LMJD` outside
    ///   0...2^31-1 (they identify the file), a pixel count beyond `integer`.
    /// - Coerced with a note in `notes` (the file is kept): `MJD` outside 0...2^31-1 is stored as NULL; an
    ///   S/N beyond the largest `real` (about 3.4e38) is stored as NULL instead of Infinity; a NUL byte in
    ///   a text value is removed (PostgreSQL text cannot hold it); a file without `OBSID` gets its
    ///   synthetic obsid with a note saying so.
    /// Reasons name the file, the keyword, the value, the accepted range and the card number.
    mutating func validateForStorage() -> RejectionRecord? {
        var m = spectrum.metadata
        func card(_ key: String) -> String {
            spectrum.header.cardNumber(key).map { "keyword \(key), card \($0)" } ?? "keyword \(key)"
        }
        func reject(_ key: String, _ value: Int, _ range: ClosedRange<Int>) -> RejectionRecord {
            RejectionRecord(stage: LamostIngestor.stage, source: path, object: obsidSynthetic ? nil : String(obsid),
                            code: "out_of_range",
                            reason: "\(path): \(key) \(value) out of range \(range.lowerBound)..\(range.upperBound) (\(card(key)))")
        }
        if !Self.smallintRange.contains(m.spid) { return reject("SPID", m.spid, Self.smallintRange) }
        if !Self.smallintRange.contains(m.fiberid) { return reject("FIBERID", m.fiberid, Self.smallintRange) }
        if !Self.dayRange.contains(m.lmjd) { return reject("LMJD", m.lmjd, Self.dayRange) }
        if spectrum.pixelCount > Int(Int32.max) {
            return RejectionRecord(stage: LamostIngestor.stage, source: path, code: "out_of_range",
                                   reason: "\(path): \(spectrum.pixelCount) pixels, more than the n_pixels column holds")
        }
        var notes = spectrum.notes
        if obsidSynthetic {
            notes.append("no OBSID keyword: obsid \(obsid) is synthetic, derived from the file identity (LMJD, PLANID, SPID, FIBERID)")
        }
        if let mjd = m.mjd, !Self.dayRange.contains(mjd) {
            notes.append("MJD \(mjd) out of range 0..\(Int32.max) (\(card("MJD"))): stored as NULL")
            m.mjd = nil
        }
        let bands: [(String, WritableKeyPath<LamostSNR, Double?>)] = [("U", \.u), ("G", \.g), ("R", \.r), ("I", \.i), ("Z", \.z)]
        for (band, path) in bands {
            if let value = m.snr[keyPath: path], !(abs(value) <= Double(Float.greatestFiniteMagnitude)) {
                let key = spectrum.header.contains("SNR" + band) ? "SNR" + band : "SN_" + band
                notes.append("\(key) \(value) exceeds the largest real (3.4e38) (\(card(key))): stored as NULL")
                m.snr[keyPath: path] = nil
            }
        }
        let texts: [(String, WritableKeyPath<LamostSpectrumMetadata, String?>)] = [
            ("DESIG", \.designation), ("DATE-OBS", \.dateObs), ("CLASS", \.objectClass), ("SUBCLASS", \.subclass),
            ("DATA_V", \.dataRelease), ("VERSPIPE", \.pipelineVersion),
        ]
        for (key, path) in texts {
            if let text = m[keyPath: path], text.contains("\0") {
                m[keyPath: path] = text.replacingOccurrences(of: "\0", with: "")
                notes.append("NUL byte removed from \(key) (\(card(key)))")
            }
        }
        if m.planid.contains("\0") {
            m.planid = m.planid.replacingOccurrences(of: "\0", with: "")
            notes.append("NUL byte removed from PLANID (\(card("PLANID")))")
        }
        spectrum.metadata = m
        spectrum.notes = notes.map { $0.replacingOccurrences(of: "\0", with: "") }
        return nil
    }
}

extension RejectionRecord {
    /// The record with NUL bytes (which PostgreSQL text cannot hold) written as `\0`.
    var storable: RejectionRecord {
        func clean(_ s: String) -> String { s.contains("\0") ? s.replacingOccurrences(of: "\0", with: "\\0") : s }
        return RejectionRecord(stage: stage, source: clean(source), object: object.map(clean), code: code, reason: clean(reason))
    }
}
