import Foundation

/// Reads a file line by line (lines end at `\n`) through a fixed buffer, so a file of millions of
/// lines is never held whole. Owns its file descriptor and closes it in `deinit`.
final class IngestLineReader {
    private let descriptor: Int32
    /// Bytes `start..<end` are read and not yet handed out; the buffer grows only for a line longer than it.
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// True when reading failed (rather than reaching the end of the file).
    private(set) var failed = false

    /// Opens `path` for reading; nil when it cannot be opened.
    init?(path: String, bufferBytes: Int = 1 << 18) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        buffer = [UInt8](repeating: 0, count: max(16, bufferBytes))
    }

    /// Reads the open file `descriptor` from its current offset; the reader owns it from now on.
    init(descriptor: Int32, bufferBytes: Int = 1 << 18) {
        self.descriptor = descriptor
        buffer = [UInt8](repeating: 0, count: max(16, bufferBytes))
    }

    deinit { close(descriptor) }

    /// The next line's bytes, without its `\n`; nil at the end of the file. A read error ends the file
    /// early and sets ``failed``.
    func nextLine() -> [UInt8]? {
        while true {
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard end > start, let base = bytes.baseAddress,
                      let found = memchr(base + start, 0x0A, end - start) else { return nil }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            if let newline {
                defer { start = newline + 1 }
                return Array(buffer[start..<newline])
            }
            if atEnd {
                guard start < end else { return nil }
                defer { start = end }
                return Array(buffer[start..<end])
            }
            fill()
        }
    }

    /// Moves the unread bytes to the front (growing the buffer when they fill it) and reads more after them.
    private func fill() {
        if start > 0 {
            let unread = end - start
            buffer.withUnsafeMutableBytes { bytes in
                if unread > 0 { memmove(bytes.baseAddress!, bytes.baseAddress! + start, unread) }
            }
            start = 0
            end = unread
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + end, $0.count - end) }
        if n > 0 {
            end += n
        } else {
            atEnd = true
            failed = n < 0
        }
    }
}
