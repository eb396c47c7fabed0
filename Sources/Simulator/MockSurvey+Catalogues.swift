import Foundation
import Formats

extension MockSurvey {
    /// The LAMOST general catalogue rows, one per observation, with the measured S/N and z.
    public func catalogueEntries(results: [MockObservationResult]) -> [LamostCatalogueEntry] {
        observations.map { o in
            let s = star(of: o), r = results[o.index]
            return LamostCatalogueEntry(
                obsid: o.obsid, designation: String(Self.designation(ra: s.ra, dec: s.dec).dropFirst(7)),
                obsdate: o.obsdate, lmjd: o.lmjd, planid: o.planid, spid: o.spid, fiberid: o.fiberid, ra: s.ra,
                dec: s.dec, snr: LamostSNR(u: r.snr.u, g: r.snr.g, r: r.snr.r, i: r.snr.i, z: r.snr.z),
                objectClass: "STAR", subclass: s.labels.spectralSubclass, z: r.z)
        }
    }

    func writeTables(into directory: URL, results: [MockObservationResult]) throws(SimulatorError) -> [String] {
        var written: [String] = []
        func write(_ name: String, _ body: (URL) throws(FITSError) -> Void) throws(SimulatorError) {
            let url = directory.appendingPathComponent(name)
            do { try body(url) } catch { throw .write(file: url.path, underlying: error) }
            written.append(name)
        }
        let catalogue = LamostCatalogue.table(from: catalogueEntries(results: results), includeStellarParameters: false)
        try write(Self.catalogueFITS) { url throws(FITSError) in try catalogue.writeFITS(to: url, extensionName: "CATALOGUE") }
        try write(Self.catalogueCSV) { url throws(FITSError) in try catalogue.writeCSV(to: url) }
        let allStar = apogeeRows.map(\.star)
        try write(Self.allStarFile) { url throws(FITSError) in try ApogeeAllStarWriter.write(allStar, to: url) }
        if configuration.includeLASP {
            let lasp = laspTable(results: results)
            try write(Self.laspFITS) { url throws(FITSError) in try lasp.writeFITS(to: url, extensionName: "AFGK") }
            try write(Self.laspCSV) { url throws(FITSError) in try lasp.writeCSV(to: url) }
        }
        let truth = truthTable(results: results)
        try write(Self.truthFile) { url throws(FITSError) in try truth.writeCSV(to: url) }
        let apogeeTruth = apogeeTruthTable()
        try write(Self.apogeeTruthFile) { url throws(FITSError) in try apogeeTruth.writeCSV(to: url) }
        return written
    }
}
