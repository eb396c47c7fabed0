import Catalogue
import Formats
import Foundation
import Primitives
import SLAMNumerics
import Store

/// What reading and preprocessing one LAMOST file gave: a spectrum row (with its preprocessed
/// spectrum, or the reason preprocessing refused it), or a rejection of the whole file.
enum LamostFileOutcome: Sendable {
    case alreadyIngested(path: String)
    case rejected(RejectionRecord)
    /// A readable file: its row, and its preprocessed spectrum with the arrays coded for storage, or why not.
    case read(LamostSpectrumRecord, preprocessed: (spectrum: PreprocessedSpectrum, arrays: CompactSpectrumArrays)?,
              preprocessingRejection: RejectionRecord?)
}

/// A `lamost_spectrum` row.
struct LamostSpectrumRecord: Sendable {
    var obsid: Int64
    var obsidSynthetic: Bool
    var spectrum: LamostSpectrum
    var path: String
    var sha256: String
    var bytes: Int64
}

extension LamostSpectrumRecord {
    /// An obsid for files without one (DR1 pilot): minus a 62-bit FNV-1a hash of the file identity
    /// `LMJD-PLANID-SPID-FIBERID`, so the same file always gets the same negative id.
    static func syntheticObsid(_ identity: LamostFileIdentity) -> Int64 {
        let hash = FNV1a.hash64("\(identity.lmjd)-\(identity.planid)-\(identity.spid)-\(identity.fiberid)".utf8)
        return -Int64(hash >> 2) - 1
    }
}

/// Reads, checks and preprocesses single files; pure apart from reading the file.
struct LamostFileProcessor: Sendable {
    let preprocessor: SpectrumPreprocessor

    /// A file's SHA-256 and size, or why it cannot be read at all.
    enum Checksum: Sendable {
        case ok(sha256: String, bytes: Int64)
        case unreadable(RejectionRecord)

        var sha256: String? {
            if case let .ok(sha, _) = self { return sha }
            return nil
        }
    }

    /// The SHA-256 and size of a file, or a rejection when it cannot be read at all: missing, a symbolic
    /// link that loops or points nowhere, unreadable, a directory, or empty.
    static func checksum(path: String) -> Checksum {
        guard let data = FileManager.default.contents(atPath: path) else {
            let (code, why) = unreadableReason(path)
            return .unreadable(RejectionRecord(stage: LamostIngestor.stage, source: path, code: code, reason: "\(path): \(why)"))
        }
        guard !data.isEmpty else {
            return .unreadable(RejectionRecord(stage: LamostIngestor.stage, source: path, code: "empty_file",
                                               reason: "\(path): file is empty"))
        }
        return .ok(sha256: SHA256Digest.hex(data), bytes: Int64(data.count))
    }

    /// Why `path` cannot be read, as a reason code and text.
    static func unreadableReason(_ path: String) -> (code: String, text: String) {
        var link = stat()
        guard lstat(path, &link) == 0 else { return ("file_not_found", "no such file or not readable") }
        var target = stat()
        if stat(path, &target) != 0 {
            let error = errno
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            if error == ELOOP { return ("symlink_loop", "symbolic link loop (\(path) -> \(destination) never reaches a file)") }
            return ("dangling_symlink", "symbolic link to \(destination), which does not exist")
        }
        if (target.st_mode & S_IFMT) == S_IFDIR { return ("not_a_file", "a directory, not a spectrum file") }
        let descriptor = open(path, O_RDONLY)
        let reason = descriptor < 0 ? String(cString: strerror(errno)) : "read failed"
        if descriptor >= 0 { close(descriptor) }
        return ("unreadable", "not readable: \(reason)")
    }

    func process(path: String, sha256: String, bytes: Int64) -> LamostFileOutcome {
        let spectrum: LamostSpectrum
        do {
            spectrum = try LamostSpectrumReader.read(url: URL(fileURLWithPath: path))
        } catch {
            return .rejected(RejectionRecord(stage: LamostIngestor.stage, source: path, code: error.code,
                                             reason: error.description))
        }
        let obsid: Int64, synthetic: Bool
        if let id = spectrum.metadata.obsid {
            (obsid, synthetic) = (id, false)
        } else if let identity = spectrum.identity {
            (obsid, synthetic) = (LamostSpectrumRecord.syntheticObsid(identity), true)
        } else {
            return .rejected(RejectionRecord(stage: LamostIngestor.stage, source: path, code: "missing_keyword",
                                             reason: "\(path): no OBSID keyword and the file name is not spec-LMJD-PLANID_spSS-FFF.fits"))
        }
        let ra = spectrum.metadata.ra, dec = spectrum.metadata.dec
        guard ra.isFinite, dec.isFinite, (0..<360).contains(ra), (-90...90).contains(dec) else {
            return .rejected(RejectionRecord(stage: LamostIngestor.stage, source: path, object: String(obsid),
                                             code: "invalid_position", reason: "\(path): RA \(ra), DEC \(dec) out of range"))
        }
        var record = LamostSpectrumRecord(obsid: obsid, obsidSynthetic: synthetic, spectrum: spectrum,
                                          path: path, sha256: sha256, bytes: bytes)
        if let rejection = record.validateForStorage() { return .rejected(rejection) }
        guard let z = spectrum.metadata.z else {
            return .read(record, preprocessed: nil, preprocessingRejection: RejectionRecord(
                stage: LamostIngestor.preprocessStage, source: path, object: String(obsid), code: "no_redshift",
                reason: "\(path): no redshift (Z is missing or -9999, class \(spectrum.metadata.objectClass ?? "?")): no rest frame"))
        }
        do {
            let result = try preprocessor.preprocess(
                wavelength: spectrum.wavelength, flux: spectrum.flux, ivar: spectrum.ivar,
                andMask: spectrum.andMask, orMask: spectrum.orMask, redshift: z)
            // Never store NaN: a non-finite value here would be a preprocessing bug, refused all the same.
            if let p = (result.flux + result.ivar).firstIndex(where: { !$0.isFinite }) {
                return .read(record, preprocessed: nil, preprocessingRejection: RejectionRecord(
                    stage: LamostIngestor.preprocessStage, source: path, object: String(obsid), code: "non_finite_output",
                    reason: "\(path): preprocessing produced a non-finite value at output index \(p)"))
            }
            do {
                return .read(record, preprocessed: (result, try CompactSpectrumArrays(flux: result.flux, ivar: result.ivar)),
                             preprocessingRejection: nil)
            } catch {
                return .read(record, preprocessed: nil, preprocessingRejection: RejectionRecord(
                    stage: LamostIngestor.preprocessStage, source: path, object: String(obsid), code: "unstorable_output",
                    reason: "\(path): preprocessing produced arrays that cannot be stored: \(error.description)"))
            }
        } catch {
            return .read(record, preprocessed: nil, preprocessingRejection: RejectionRecord(
                stage: LamostIngestor.preprocessStage, source: path, object: String(obsid), code: error.code,
                reason: "\(path): \(error.description)"))
        }
    }
}
