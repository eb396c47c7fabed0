import Foundation
import Formats

/// Where exported chunks go. Not `Sendable`: a sink owns an open file.
protocol CatalogueSink {
    /// Writes rows `firstRow ..< firstRow + chunk.count`.
    func write(_ chunk: CatalogueChunk, firstRow: Int) throws(CatalogueExportError)
    /// Completes the file and moves it into place.
    func finish() throws(CatalogueExportError)
}

/// A FITS file: an empty primary HDU and one binary table `SLAM_LABELS` of `rows` rows with units and
/// the model in its header. CFITSIO writes it to a temporary file renamed on close.
final class FITSCatalogueSink: CatalogueSink {
    let file: FITSFile
    let path: String

    init(url: URL, layout: CatalogueColumns, rows: Int, textWidth: Int, header: CatalogueExporter.Header) throws(CatalogueExportError) {
        path = url.path
        do {
            file = try FITSFile.create(url: url)
            try file.createEmptyPrimary()
            try file.createBinaryTable(name: "SLAM_LABELS", columns: layout.fitsSpecs(textWidth: textWidth), rowCount: rows)
            var cards = layout.columns.enumerated().map { i, c in HeaderCard("TCOMM\(i + 1)", .string(c.comment)) }
            cards += [
                HeaderCard("MODEL_ID", .int(Int64(header.modelID)), comment: "SLAM model version (table model)"),
                HeaderCard("LABELSET", .string(header.labelSet), comment: "label set of the model"),
                HeaderCard("FILTER", .string(header.filter.isEmpty ? "none" : header.filter), comment: "filter on spectra"),
                HeaderCard("ORIGIN", .string("slam export"), comment: "Stellar LAbel Machine (Zhang et al. 2020)"),
            ]
            try file.writeCards(cards)
        } catch {
            throw .fits(path: url.path, error)
        }
    }

    func write(_ chunk: CatalogueChunk, firstRow: Int) throws(CatalogueExportError) {
        do { try chunk.write(to: file, firstRow: firstRow) } catch { throw .fits(path: path, error) }
    }

    func finish() throws(CatalogueExportError) {
        do { try file.close() } catch { throw .fits(path: path, error) }
    }
}

/// A CSV file (``CatalogueTable/csvText(separator:)`` dialect), appended chunk by chunk to a temporary
/// file beside the target and renamed over it by ``finish()``; removed if the export stops before.
final class CSVCatalogueSink: CatalogueSink {
    let url: URL
    let temporary: String
    let layout: CatalogueColumns
    private var handle: UnsafeMutablePointer<FILE>?

    init(url: URL, layout: CatalogueColumns) throws(CatalogueExportError) {
        self.url = url
        self.layout = layout
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        guard let handle = fopen(temporary, "wb") else {
            throw .io(path: url.path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        try append(CatalogueChunk(labelCount: layout.labelNames.count).table(layout).csvText())
    }

    deinit {
        if let handle {
            fclose(handle)
            unlink(temporary)
        }
    }

    func write(_ chunk: CatalogueChunk, firstRow: Int) throws(CatalogueExportError) {
        let text = chunk.table(layout).csvText()
        guard let header = text.firstIndex(of: "\n") else { return }
        try append(String(text[text.index(after: header)...]))
    }

    func finish() throws(CatalogueExportError) {
        guard let handle else { return }
        self.handle = nil
        let closed = fclose(handle) == 0
        guard closed, rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: url.path, reason: reason)
        }
    }

    private func append(_ text: String) throws(CatalogueExportError) {
        guard let handle else { return }
        var bytes = Array(text.utf8)
        guard fwrite(&bytes, 1, bytes.count, handle) == bytes.count else {
            throw .io(path: url.path, reason: "short write: \(String(cString: strerror(errno)))")
        }
    }
}
