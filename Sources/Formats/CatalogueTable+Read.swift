import Foundation

extension CatalogueTable {
    /// Reads a whole table file of either kind: a FITS binary table (the first table HDU) when the file
    /// starts with `SIMPLE` or is gzip-compressed, CSV otherwise (`,` or `|` separated, `combined_`
    /// prefixes dropped, types inferred unless given in `types`; see ``CatalogueCSVReader``).
    /// - Throws: `.fileNotFound`, and the errors of ``readFITS(url:columns:rows:)`` and ``readCSV(url:types:)``.
    public static func read(url: URL, types: [String: CatalogueColumnType] = [:]) throws(FITSError) -> CatalogueTable {
        guard let magic = FITSFile.leadingBytes(url.path, count: 6) else { throw .fileNotFound(file: url.path) }
        let isFITS = magic == Array("SIMPLE".utf8) || (magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        return isFITS ? try readFITS(url: url) : try readCSV(url: url, types: types)
    }
}
