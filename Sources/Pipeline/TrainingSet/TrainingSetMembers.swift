import Formats
import Foundation

/// An explicit member list (`--members FILE`): obsids, optionally each with a held-out mark, to
/// reproduce a published or curated training set exactly. The file is CSV (or a FITS table) with an
/// `obsid` column and an optional `held_out` column (true/false, t/f, yes/no or 1/0); a plain list of
/// obsids, one per line under an `obsid` header, is the simplest form.
public struct TrainingSetMembers: Sendable, Codable, Equatable {
    /// Listed obsids, in file order.
    public var obsids: [Int64]
    /// Held-out mark per obsid, or nil when the file has no `held_out` column (then the seeded split applies).
    public var heldOut: [Bool]?
    /// File the list was read from (recorded in the criteria).
    public var file: String?

    /// A list (`heldOut`, when given, has one mark per obsid).
    public init(obsids: [Int64], heldOut: [Bool]? = nil, file: String? = nil) {
        self.obsids = obsids
        self.heldOut = heldOut
        self.file = file
    }

    /// Reads a members file.
    /// - Throws: ``TrainingSetError/invalidMembers(_:)`` for an unreadable file, no `obsid` column, a row
    ///   without obsid, an unreadable held-out mark, a repeated obsid, or no rows.
    public static func read(file: String) throws(TrainingSetError) -> TrainingSetMembers {
        let table: CatalogueTable
        do { table = try CatalogueTable.read(url: URL(fileURLWithPath: file)) } catch { throw .invalidMembers(error.description) }
        return try parse(table, file: file)
    }

    /// The members of an already-read table (see ``read(file:)``).
    public static func parse(_ table: CatalogueTable, file: String) throws(TrainingSetError) -> TrainingSetMembers {
        guard let ids = table.int64s("obsid") else {
            throw .invalidMembers("\(file): no obsid column (columns: \(table.columnNames.joined(separator: ", ")))")
        }
        guard table.rowCount > 0 else { throw .invalidMembers("\(file): no rows") }
        var obsids: [Int64] = []
        var seen: [Int64: Int] = [:]
        for (i, id) in ids.enumerated() {
            guard let id else { throw .invalidMembers("\(file): row \(i + 1) has no integer obsid") }
            if let earlier = seen.updateValue(i + 1, forKey: id) {
                throw .invalidMembers("\(file): obsid \(id) is listed on rows \(earlier) and \(i + 1)")
            }
            obsids.append(id)
        }
        var heldOut: [Bool]?
        if let marks = table.strings("held_out") {
            heldOut = []
            for (i, mark) in marks.enumerated() {
                switch mark?.trimmingCharacters(in: .whitespaces).lowercased() {
                case "true", "t", "yes", "y", "1": heldOut?.append(true)
                case "false", "f", "no", "n", "0": heldOut?.append(false)
                default: throw .invalidMembers("\(file): row \(i + 1): held_out '\(mark ?? "")' is not true/false or 1/0")
                }
            }
        }
        return TrainingSetMembers(obsids: obsids, heldOut: heldOut, file: file)
    }
}
