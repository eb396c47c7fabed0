import Foundation

extension CatalogueTable {
    /// Reads a whole CSV file (see ``CatalogueCSVReader`` for the accepted dialect and typing rules).
    public static func readCSV(url: URL, types: [String: CatalogueColumnType] = [:]) throws(FITSError) -> CatalogueTable {
        try CatalogueCSVReader(url: url, types: types).readAll()
    }

    /// The table as CSV text: a header line, then one line per row, `\n` line ends.
    ///
    /// Integers as integers, reals with shortest round-trip digits, missing values as empty fields; text
    /// is quoted when it holds the separator, a quote, a line break, or leading/trailing blanks, or when
    /// it is empty. Deterministic.
    public func csvText(separator: Character = ",") -> String {
        var out = ""
        writeCSV(separator: separator) { out += $0 }
        return out
    }

    /// Writes the table as CSV (see ``csvText(separator:)``) to `url`, replacing any file there.
    public func writeCSV(to url: URL, separator: Character = ",") throws(FITSError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        guard let file = fopen(temporary, "wb") else {
            throw .io(file: url.path, detail: "cannot create: \(String(cString: strerror(errno)))")
        }
        var failed = false
        writeCSV(separator: separator) { chunk in
            var bytes = Array(chunk.utf8)
            if fwrite(&bytes, 1, bytes.count, file) != bytes.count { failed = true }
        }
        if fclose(file) != 0 { failed = true }
        if failed || rename(temporary, url.path) != 0 {
            unlink(temporary)
            throw .io(file: url.path, detail: "cannot write CSV")
        }
    }

    private func writeCSV(separator: Character, emit: (String) -> Void) {
        let sep = String(separator)
        emit(columns.map { Self.quote($0.name, separator: separator) }.joined(separator: sep) + "\n")
        var chunk = ""
        for row in 0..<rowCount {
            for (c, column) in columns.enumerated() {
                if c > 0 { chunk += sep }
                switch column.values {
                case .int64(let v): if let x = v[row] { chunk += String(x) }
                case .double(let v): if let x = v[row], x.isFinite { chunk += Self.format(x) }
                case .string(let v): if let x = v[row] { chunk += Self.quote(x, separator: separator) }
                }
            }
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 { emit(chunk); chunk = "" }
        }
        if !chunk.isEmpty { emit(chunk) }
    }

    static func quote(_ text: String, separator: Character) -> String {
        let needs = text.isEmpty || text.contains(separator) || text.contains("\"") || text.contains("\n")
            || text.contains("\r") || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needs else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
