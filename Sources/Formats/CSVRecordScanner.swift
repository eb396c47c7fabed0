import Foundation

/// Splits a CSV byte stream into records of fields (RFC 4180 quoting), reading 1 MiB at a time.
/// The separator (`,` or `|`) is fixed by the first record. Owns and closes its `FILE *`.
final class CSVRecordScanner {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var separator: UInt8?
    private var line = 1
    /// 1-based line on which the last record started.
    private(set) var recordLine = 0
    /// A read error, if one happened.
    private(set) var error: String?
    /// 1-based line on which a quoted field opened that the input ended inside (the last record then
    /// swallowed every line after it), if that happened.
    private(set) var unclosedQuoteLine: Int?

    init(file: UnsafeMutablePointer<FILE>) {
        self.file = file
    }

    deinit { fclose(file) }

    private func nextByte() -> UInt8? {
        if position == filled {
            if atEnd { return nil }
            filled = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            position = 0
            if filled == 0 {
                atEnd = true
                if ferror(file) != 0 { error = "read error" }
                return nil
            }
        }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() -> UInt8? {
        guard let b = nextByte() else { return nil }
        position -= 1
        return b
    }

    /// The next record's fields, or `nil` at the end of the input.
    func nextRecord() -> [String]? {
        var raw: [[UInt8]] = []
        var quotedFlags: [Bool] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var started = false
        var quoteLine = line
        recordLine = line
        if recordLine == 1, let b = peekByte(), b == 0xEF {
            for _ in 0..<3 { _ = nextByte() }
        }
        func finishField() {
            raw.append(field)
            quotedFlags.append(quoted)
            field = []
            quoted = false
        }
        while let b = nextByte() {
            started = true
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if peekByte() == UInt8(ascii: "\"") { _ = nextByte(); field.append(b) } else { inQuotes = false }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                if field.allSatisfy({ $0 == UInt8(ascii: " ") }) { field = []; inQuotes = true; quoted = true; quoteLine = line }
                else { field.append(b) }
            case UInt8(ascii: "\n"):
                line += 1
                finishField()
                return clean(raw, quotedFlags)
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: ","), UInt8(ascii: "|"):
                if separator == nil, recordLine == 1 { separator = detectSeparator(first: b) }
                if b == separator { finishField() } else { field.append(b) }
            case UInt8(ascii: " ") where quoted:
                continue
            default:
                field.append(b)
            }
        }
        guard started else { return nil }
        if inQuotes { unclosedQuoteLine = quoteLine }
        finishField()
        return clean(raw, quotedFlags)
    }

    /// On the header line: the separator is whichever of `,` and `|` occurs more often outside quotes in
    /// the rest of the buffered line (the first occurrence counts for `first`).
    private func detectSeparator(first: UInt8) -> UInt8 {
        var commas = first == UInt8(ascii: ",") ? 1 : 0
        var pipes = first == UInt8(ascii: "|") ? 1 : 0
        var inQuotes = false
        var i = position
        while i < filled, buffer[i] != UInt8(ascii: "\n") {
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes { if b == UInt8(ascii: ",") { commas += 1 } else if b == UInt8(ascii: "|") { pipes += 1 } }
            i += 1
        }
        return pipes > commas ? UInt8(ascii: "|") : UInt8(ascii: ",")
    }

    private func clean(_ raw: [[UInt8]], _ quoted: [Bool]) -> [String] {
        zip(raw, quoted).map { bytes, wasQuoted in
            let text = String(decoding: bytes, as: UTF8.self)
            return wasQuoted ? text : text.trimmingSpaces()
        }
    }
}
