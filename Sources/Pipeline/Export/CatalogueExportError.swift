import Formats
import Store

/// Why a catalogue could not be exported. The output file is only replaced when the export succeeds.
public enum CatalogueExportError: Error, Sendable, CustomStringConvertible {
    /// The model does not exist or has no predictions to publish (training or failed).
    case model(PredictionError)
    /// Reading the predictions failed.
    case database(PostgresError)
    /// Writing the FITS file failed.
    case fits(path: String, FITSError)
    /// Writing the CSV file failed.
    case io(path: String, reason: String)
    /// The number of rows read differs from the count taken at the start (should not happen: the export
    /// reads one snapshot).
    case rowCountChanged(expected: Int, read: Int)

    public var description: String {
        switch self {
        case let .model(error): "export: \(error)"
        case let .database(error): "export: database: \(error)"
        case let .fits(path, error): "export: cannot write FITS file \(path): \(error)"
        case let .io(path, reason): "export: cannot write \(path): \(reason)"
        case let .rowCountChanged(expected, read): "export: counted \(expected) rows but read \(read)"
        }
    }
}
