import Foundation
import Store

/// What a star page shows of one ingested spectrum: the header values that matter and the file it was
/// read from (`lamost_spectrum`).
public struct StarHeader: Sendable, Equatable {
    public var obsid: Int64
    public var designation: String?
    /// `OBJNAME` of the FITS header, when it has one.
    public var objectName: String?
    /// Position (ICRS), degrees.
    public var ra: Double
    public var dec: Double
    /// `DATE-OBS` as the file gives it; local and true MJD of the plan.
    public var dateObs: String?
    public var lmjd: Int?
    public var mjd: Int?
    /// Plan, spectrograph (1-16) and fibre (1-250).
    public var planID: String?
    public var spectrograph: Int?
    public var fibre: Int?
    /// LAMOST class and subclass.
    public var objectClass: String?
    public var subclass: String?
    /// Redshift and its error (dimensionless); heliocentric radial velocity, km/s.
    public var z: Double?
    public var zError: Double?
    public var heliocentricRV: Double?
    /// S/N per band, u g r i z.
    public var snr: [Double?]
    public var dataRelease: String?
    public var pipelineVersion: String?
    /// The file as recorded at ingest: path, SHA-256 (hex), size in bytes, layout (`image`/`table`).
    public var filePath: String
    public var fileSHA256: String
    public var fileBytes: Int64
    public var fileLayout: String
    public var pixels: Int
    public var ingestedAt: Date

    static let columns: SQL = """
        obsid, designation, header->>'OBJNAME' AS objname, ra, dec, date_obs, lmjd, mjd, planid, spid, fiberid, class, subclass,
        z, z_err, helio_rv, ARRAY[coalesce(snru, 'NaN'), coalesce(snrg, 'NaN'), coalesce(snrr, 'NaN'), coalesce(snri, 'NaN'),
              coalesce(snrz, 'NaN')]::float8[] AS snr, data_release, pipeline_version,
        file_path, file_sha256, file_bytes, file_layout, n_pixels, ingested_at
        """

    init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        designation = try row.decode(String?.self, "designation")
        objectName = try row.decode(String?.self, "objname")
        ra = try row.decode(Double.self, "ra")
        dec = try row.decode(Double.self, "dec")
        dateObs = try row.decode(String?.self, "date_obs")
        lmjd = try row.decode(Int?.self, "lmjd")
        mjd = try row.decode(Int?.self, "mjd")
        planID = try row.decode(String?.self, "planid")
        spectrograph = try row.decode(Int?.self, "spid")
        fibre = try row.decode(Int?.self, "fiberid")
        objectClass = try row.decode(String?.self, "class")
        subclass = try row.decode(String?.self, "subclass")
        z = try row.decode(Double?.self, "z")
        zError = try row.decode(Double?.self, "z_err")
        heliocentricRV = try row.decode(Double?.self, "helio_rv")
        snr = try row.decode([Double].self, "snr").map { $0.isNaN ? nil : $0 }
        dataRelease = try row.decode(String?.self, "data_release")
        pipelineVersion = try row.decode(String?.self, "pipeline_version")
        filePath = try row.decode(String.self, "file_path")
        fileSHA256 = try row.decode(String.self, "file_sha256")
        fileBytes = try row.decode(Int64.self, "file_bytes")
        fileLayout = try row.decode(String.self, "file_layout")
        pixels = try row.decode(Int.self, "n_pixels")
        ingestedAt = try row.decode(Date.self, "ingested_at")
    }
}
