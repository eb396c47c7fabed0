import Foundation

/// Reads and writes LAMOST catalogues (FITS binary table or CSV) as ``LamostCatalogueEntry`` rows.
public enum LamostCatalogue {
    /// Column types of the LAMOST catalogue columns this module uses (for CSV reading).
    public static let columnTypes: [String: CatalogueColumnType] = [
        "obsid": .int64, "designation": .string, "obsdate": .string, "lmjd": .int64, "planid": .string,
        "spid": .int64, "fiberid": .int64, "ra": .double, "dec": .double, "snru": .double, "snrg": .double,
        "snrr": .double, "snri": .double, "snrz": .double, "class": .string, "subclass": .string, "z": .double,
        "teff": .double, "teff_err": .double, "logg": .double, "logg_err": .double, "feh": .double,
        "feh_err": .double, "rv": .double,
    ]

    /// Reads a whole catalogue file: FITS when it starts with `SIMPLE` (or is gzip), CSV otherwise.
    /// - Throws: `.missingColumn("obsid", ...)`, `.invalidCSV` (a row without obsid), and reader errors.
    public static func read(url: URL) throws(FITSError) -> [LamostCatalogueEntry] {
        let magic = FITSFile.leadingBytes(url.path, count: 6)
        guard let magic else { throw .fileNotFound(file: url.path) }
        let isFITS = magic == Array("SIMPLE".utf8) || (magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        let table = isFITS ? try CatalogueTable.readFITS(url: url) : try CatalogueTable.readCSV(url: url, types: columnTypes)
        return try entries(from: table, file: url.path)
    }

    /// Typed rows from a table (names matched case-insensitively; -9999 becomes `nil`; S/N of 0 is `nil`).
    public static func entries(from table: CatalogueTable, file: String) throws(FITSError) -> [LamostCatalogueEntry] {
        guard let obsids = table.int64s("obsid") else { throw .missingColumn("obsid", file: file, hdu: 1) }
        func reals(_ name: String) -> [Double?] {
            table.doubles(name)?.map { $0.flatMap { $0.isFinite && $0 != -9999 ? $0 : nil } }
                ?? Array(repeating: nil, count: table.rowCount)
        }
        func ints(_ name: String) -> [Int?] {
            table.int64s(name)?.map { $0.map { Int($0) } } ?? Array(repeating: nil, count: table.rowCount)
        }
        func texts(_ name: String) -> [String?] {
            table.strings(name)?.map { $0.flatMap { $0.isEmpty ? nil : $0 } } ?? Array(repeating: nil, count: table.rowCount)
        }
        let designation = texts("designation"), obsdate = texts("obsdate"), planid = texts("planid")
        let cls = texts("class"), subclass = texts("subclass")
        let lmjd = ints("lmjd"), spid = ints("spid"), fiberid = ints("fiberid")
        let ra = reals("ra"), dec = reals("dec"), z = reals("z")
        let snr = ["snru", "snrg", "snrr", "snri", "snrz"].map { reals($0).map { $0.flatMap { $0 > 0 ? $0 : nil } } }
        let lasp = ["teff", "teff_err", "logg", "logg_err", "feh", "feh_err", "rv"].map(reals)
        var out: [LamostCatalogueEntry] = []
        out.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            guard let obsid = obsids[r] else {
                throw .invalidCSV(file: file, line: r + 2, detail: "row without obsid")
            }
            out.append(LamostCatalogueEntry(
                obsid: obsid, designation: designation[r], obsdate: obsdate[r], lmjd: lmjd[r], planid: planid[r],
                spid: spid[r], fiberid: fiberid[r], ra: ra[r], dec: dec[r],
                snr: LamostSNR(u: snr[0][r], g: snr[1][r], r: snr[2][r], i: snr[3][r], z: snr[4][r]),
                objectClass: cls[r], subclass: subclass[r], z: z[r], teff: lasp[0][r], teffErr: lasp[1][r],
                logg: lasp[2][r], loggErr: lasp[3][r], feh: lasp[4][r], fehErr: lasp[5][r], rv: lasp[6][r]))
        }
        return out
    }

    /// The entries as a table with the archive's lower-case column names; the LASP columns
    /// (`teff` ... `rv`) only when `includeStellarParameters` (the AFGK catalogue).
    public static func table(from entries: [LamostCatalogueEntry], includeStellarParameters: Bool) -> CatalogueTable {
        var columns: [CatalogueColumn] = [
            CatalogueColumn(name: "obsid", values: .int64(entries.map(\.obsid))),
            CatalogueColumn(name: "designation", values: .string(entries.map(\.designation))),
            CatalogueColumn(name: "obsdate", values: .string(entries.map(\.obsdate))),
            CatalogueColumn(name: "lmjd", values: .int64(entries.map { $0.lmjd.map(Int64.init) })),
            CatalogueColumn(name: "planid", values: .string(entries.map(\.planid))),
            CatalogueColumn(name: "spid", values: .int64(entries.map { $0.spid.map(Int64.init) })),
            CatalogueColumn(name: "fiberid", values: .int64(entries.map { $0.fiberid.map(Int64.init) })),
            CatalogueColumn(name: "ra", values: .double(entries.map(\.ra))),
            CatalogueColumn(name: "dec", values: .double(entries.map(\.dec))),
            CatalogueColumn(name: "snru", values: .double(entries.map(\.snr.u))),
            CatalogueColumn(name: "snrg", values: .double(entries.map(\.snr.g))),
            CatalogueColumn(name: "snrr", values: .double(entries.map(\.snr.r))),
            CatalogueColumn(name: "snri", values: .double(entries.map(\.snr.i))),
            CatalogueColumn(name: "snrz", values: .double(entries.map(\.snr.z))),
            CatalogueColumn(name: "class", values: .string(entries.map(\.objectClass))),
            CatalogueColumn(name: "subclass", values: .string(entries.map(\.subclass))),
            CatalogueColumn(name: "z", values: .double(entries.map(\.z))),
        ]
        if includeStellarParameters {
            columns += [
                CatalogueColumn(name: "teff", values: .double(entries.map(\.teff))),
                CatalogueColumn(name: "teff_err", values: .double(entries.map(\.teffErr))),
                CatalogueColumn(name: "logg", values: .double(entries.map(\.logg))),
                CatalogueColumn(name: "logg_err", values: .double(entries.map(\.loggErr))),
                CatalogueColumn(name: "feh", values: .double(entries.map(\.feh))),
                CatalogueColumn(name: "feh_err", values: .double(entries.map(\.fehErr))),
                CatalogueColumn(name: "rv", values: .double(entries.map(\.rv))),
            ]
        }
        return CatalogueTable(columns: columns)
    }
}
