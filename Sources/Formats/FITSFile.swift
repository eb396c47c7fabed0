import CFITSIO
import Foundation

/// An open FITS file: the one owner of a CFITSIO `fitsfile *`.
///
/// Not `Sendable`: use one instance from one task at a time (CFITSIO is built reentrant, so different
/// instances may be used on different threads at once). Opening reads `.fits` and gzip-compressed
/// `.fits.gz` alike (CFITSIO inflates the whole file into memory); no CFITSIO extended file-name syntax
/// is interpreted, so any path works. HDU numbers in this API are 0-based: the primary HDU is 0.
///
/// A file made with ``create(url:)`` is written to a temporary name beside its destination and renamed
/// into place by ``close()``; a writable file dropped without `close()` is discarded. A name ending in
/// `.gz` is gzip-compressed on close, deterministically (no time stamp in the gzip header).
public final class FITSFile {
    /// The path the file was opened or will be written at (used in every error).
    public let path: String
    /// The HDU that reads and writes apply to (0-based).
    public internal(set) var currentHDU: Int = 0
    var handle: UnsafeMutablePointer<fitsfile>?
    private let temporaryPath: String?

    private init(path: String, handle: UnsafeMutablePointer<fitsfile>, temporaryPath: String?) {
        self.path = path
        self.handle = handle
        self.temporaryPath = temporaryPath
    }

    deinit {
        var status: Int32 = 0
        if let handle { ffclos(handle, &status) }
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Opens an existing file read-only at its primary HDU.
    /// - Throws: `.fileNotFound`, `.notFITS`, `.truncated` (a gzip or header cut short), `.cfitsio`.
    public static func open(url: URL) throws(FITSError) -> FITSFile {
        let path = url.path
        var pointer: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        ffdkopn(&pointer, path, READONLY, &status)
        guard status == 0, let pointer else {
            if let pointer { var ignored: Int32 = 0; ffclos(pointer, &ignored) }
            throw openError(status: status, path: path)
        }
        return FITSFile(path: path, handle: pointer, temporaryPath: nil)
    }

    /// Creates a new file (replacing any file at `url` when ``close()`` succeeds) with no HDU yet.
    /// A path ending in `.gz` is gzip-compressed when closed.
    public static func create(url: URL) throws(FITSError) -> FITSFile {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        if path.contains("[") || path.contains("(") {
            throw .invalidInput(file: path, detail: "CFITSIO cannot create paths containing '[' or '('")
        }
        let suffix = name.hasSuffix(".gz") ? ".fits.gz" : ".fits"
        // CFITSIO compresses when the *first* ".gz" in the path ends it: keep ".gz" only at the end.
        let base = name.replacingOccurrences(of: ".gz", with: "_gz")
        let temporary = directory + "/.\(base).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).partial" + suffix
        if name.hasSuffix(".gz"), directory.contains(".gz") {
            throw .invalidInput(file: path, detail: "CFITSIO cannot write into a directory whose path contains '.gz'")
        }
        var pointer: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        ffinit(&pointer, "!" + temporary, &status)
        guard status == 0, let pointer else {
            if let pointer { var ignored: Int32 = 0; ffclos(pointer, &ignored) }
            throw cfitsioError(status: status, path: path)
        }
        return FITSFile(path: path, handle: pointer, temporaryPath: temporary)
    }

    /// Closes the file; for a created file, flushes (and compresses) it and renames it into place.
    /// Calling `close()` twice does nothing the second time.
    public func close() throws(FITSError) {
        guard let handle else { return }
        var status: Int32 = 0
        ffclos(handle, &status)
        self.handle = nil
        if status != 0 { throw Self.cfitsioError(status: status, path: path) }
        if let temporaryPath {
            if rename(temporaryPath, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw .io(file: path, detail: "cannot rename written file into place: \(reason)")
            }
        }
    }

    /// The open handle, or an error if the file was closed.
    func fptr() throws(FITSError) -> UnsafeMutablePointer<fitsfile> {
        guard let handle else { throw .io(file: path, detail: "file already closed") }
        return handle
    }

    /// Number of HDUs in the file (primary included).
    public func hduCount() throws(FITSError) -> Int {
        var count: Int32 = 0
        var status: Int32 = 0
        ffthdu(try fptr(), &count, &status)
        try check(status)
        return Int(count)
    }

    /// Makes `hdu` (0-based) current.
    /// - Throws: `.truncated` when the file ends before that HDU, `.cfitsio` otherwise.
    public func move(toHDU hdu: Int) throws(FITSError) {
        var type: Int32 = 0
        var status: Int32 = 0
        ffmahd(try fptr(), Int32(hdu + 1), &type, &status)
        if status == END_OF_FILE || status == READ_ERROR { throw .truncated(file: path, hdu: hdu) }
        try check(status)
        currentHDU = hdu
    }

    /// The kind of the current HDU.
    public func hduKind() throws(FITSError) -> FITSHDUKind {
        var type: Int32 = 0
        var status: Int32 = 0
        ffghdt(try fptr(), &type, &status)
        try check(status)
        switch type {
        case BINARY_TBL: return .binaryTable
        case ASCII_TBL: return .asciiTable
        default: return .image
        }
    }

    /// The header of the current HDU, all cards in order (`CONTINUE` strings merged).
    public func header() throws(FITSError) -> FITSHeader {
        var text: UnsafeMutablePointer<CChar>?
        var count: Int32 = 0
        var status: Int32 = 0
        ffhdr2str(try fptr(), 0, nil, 0, &text, &count, &status)
        defer { if let text { var ignored: Int32 = 0; fffree(text, &ignored) } }
        try check(status)
        guard let text else { return FITSHeader() }
        return FITSHeader(cardImages: String(cString: text))
    }

    /// Throws `.cfitsio` (or `.truncated` for end-of-file statuses) when `status` is non-zero.
    func check(_ status: Int32) throws(FITSError) {
        if status == 0 { return }
        if status == END_OF_FILE || status == READ_ERROR {
            throw .truncated(file: path, hdu: currentHDU)
        }
        throw Self.cfitsioError(status: status, path: path)
    }

    static func cfitsioError(status: Int32, path: String) -> FITSError {
        var text = [CChar](repeating: 0, count: 81)
        ffgerr(status, &text)
        var message = Self.string(fromCBuffer: text)
        var detail = [CChar](repeating: 0, count: 81)
        var extra: [String] = []
        while ffgmsg(&detail) != 0, extra.count < 8 { extra.append(Self.string(fromCBuffer: detail)) }
        if !extra.isEmpty { message += " (" + extra.joined(separator: "; ") + ")" }
        return .cfitsio(status: status, message: message, file: path)
    }

    /// Classifies a failed open: missing file, not FITS, or cut short.
    private static func openError(status: Int32, path: String) -> FITSError {
        let generic = cfitsioError(status: status, path: path)
        let magic = leadingBytes(path, count: 9)
        guard let magic else { return .fileNotFound(file: path) }
        let gzip = magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b
        switch status {
        case FILE_NOT_OPENED:
            return generic
        case END_OF_FILE, READ_ERROR, UNKNOWN_REC, NO_SIMPLE, NO_XTENSION:
            if gzip { return status == END_OF_FILE ? .truncated(file: path, hdu: 0) : .notFITS(file: path) }
            return magic == Array("SIMPLE  =".utf8) ? .truncated(file: path, hdu: 0) : .notFITS(file: path)
        default:
            return generic
        }
    }

    /// Text of a NUL-terminated C buffer.
    static func string(fromCBuffer buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first `count` bytes of a file (fewer if it is shorter), or `nil` if it cannot be opened.
    static func leadingBytes(_ path: String, count: Int) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = fread(&bytes, 1, count, file)
        return Array(bytes.prefix(read))
    }
}

/// The kind of an HDU.
public enum FITSHDUKind: Sendable, Equatable {
    /// A primary array or IMAGE extension (possibly empty: NAXIS = 0).
    case image
    /// A `BINTABLE` extension.
    case binaryTable
    /// An ASCII `TABLE` extension (not read by this module).
    case asciiTable
}
