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
        initializeCFITSIO()
        clearMessages()
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
        initializeCFITSIO()
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
        if status == END_OF_FILE || status == READ_ERROR {
            Self.clearMessages()
            throw .truncated(file: path, hdu: hdu)
        }
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

    /// The header of the current HDU, all cards in order (`CONTINUE` strings merged), parsed from the
    /// header's raw bytes: CFITSIO's own card strings end at a NUL byte, which would hide the rest of
    /// that card.
    public func header() throws(FITSError) -> FITSHeader {
        let handle = try fptr()
        var count: Int32 = 0
        var more: Int32 = 0
        var status: Int32 = 0
        ffghsp(handle, &count, &more, &status)
        try check(status)
        guard count > 0 else { return FITSHeader() }
        var headerStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
        ffghadll(handle, &headerStart, &dataStart, &dataEnd, &status)
        try check(status)
        var bytes = [UInt8](repeating: 0x20, count: Int(count) * 80)
        ffmbyt(handle, headerStart, 0, &status)  // 0: REPORT_EOF
        bytes.withUnsafeMutableBytes { buffer in _ = ffgbyt(handle, Int64(buffer.count), buffer.baseAddress, &status) }
        try check(status)
        return FITSHeader(cardImageBytes: bytes)
    }

    /// Throws `.cfitsio` (or `.truncated` for end-of-file statuses) when `status` is non-zero.
    func check(_ status: Int32) throws(FITSError) {
        if status == 0 { return }
        if status == END_OF_FILE || status == READ_ERROR {
            Self.clearMessages()
            throw .truncated(file: path, hdu: currentHDU)
        }
        throw Self.cfitsioError(status: status, path: path)
    }

    /// The error for a CFITSIO status, with the text CFITSIO left on its message stack (which is then
    /// empty). CFITSIO keeps one stack per process, not per file: it is cleared when a file is opened and
    /// after every error, and messages quoting another file's path are left out, so that a reason never
    /// quotes another file.
    static func cfitsioError(status: Int32, path: String) -> FITSError {
        var text = [CChar](repeating: 0, count: 81)
        ffgerr(status, &text)
        var message = Self.string(fromCBuffer: text)
        var detail = [CChar](repeating: 0, count: 81)
        var chunks: [String] = []
        while ffgmsg(&detail) != 0, chunks.count < 64 { chunks.append(Self.string(fromCBuffer: detail)) }
        clearMessages()
        let extra = Self.messages(chunks, about: path)
        if !extra.isEmpty { message += " (" + extra.prefix(8).joined(separator: "; ") + ")" }
        return .cfitsio(status: status, message: message, file: path)
    }

    /// Empties CFITSIO's (process-wide) error-message stack.
    static func clearMessages() {
        initializeCFITSIO()
        ffcmsg()
    }

    /// CFITSIO sets up its global state, and initialises the mutex that guards it, on the first open or
    /// create of the process, without a guard: two threads doing so at once (a worker's first two ingest
    /// jobs) could re-initialise the mutex while a third thread held it, and every later CFITSIO call then
    /// waited on it for ever (seen in the multi-host harness; heasarc/cfitsio issue 100). The first use
    /// of this type creates and closes an in-memory file once, on one thread (`static let` runs once).
    static let cfitsioInitialized: Bool = {
        var pointer: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        ffinit(&pointer, "mem://", &status)
        if let pointer { var ignored: Int32 = 0; ffclos(pointer, &ignored) }
        ffcmsg()
        return status == 0
    }()

    /// Makes sure CFITSIO has been initialised (once per process) before any other call.
    static func initializeCFITSIO() { _ = cfitsioInitialized }

    /// CFITSIO's stack messages (80-character chunks; a path may continue over several) joined into
    /// lines, without those naming a path other than `path` and without the lines that merely repeat
    /// `path` (the reason names it already).
    static func messages(_ chunks: [String], about path: String) -> [String] {
        var lines: [String] = []
        for chunk in chunks {
            if let last = lines.last, !last.isEmpty, last.utf8.count % 80 == 0 {
                lines[lines.count - 1] += chunk
            } else {
                lines.append(chunk)
            }
        }
        var kept: [String] = []
        for line in lines {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed == path { continue }
            let namesAnotherFile = trimmed.split(separator: " ").contains { word in
                word.hasPrefix("/") && word.count > 1 && !path.hasPrefix(word) && word != Substring(path)
            }
            if namesAnotherFile { continue }
            kept.append(trimmed.replacingOccurrences(of: path, with: "the file"))
        }
        return kept
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
