import Numerics
import Store

/// The spectra and reference labels of one training set, loaded from the database.
struct TrainingSetData: Sendable {
    var trainingSetID: Int
    var name: String
    var labelSet: String
    var labelNames: [String]
    var preprocessingID: Int
    var wavelength: [Double]
    /// Training members (not held out), then held-out members: obsid, S/N_g, labels (N x L), flux and ivar (N x P).
    var training: Members
    var heldOut: Members

    struct Members: Sendable {
        var obsids: [Int64] = []
        var snrg: [Double] = []
        var labels: [Double] = []
        var flux: [Float] = []
        var ivar: [Float] = []
        var count: Int { obsids.count }

        func subset(_ indices: [Int], labelCount l: Int, pixelCount p: Int) -> Members {
            var out = Members()
            for i in indices {
                out.obsids.append(obsids[i])
                out.snrg.append(snrg[i])
                out.labels.append(contentsOf: labels[(i * l)..<((i + 1) * l)])
                out.flux.append(contentsOf: flux[(i * p)..<((i + 1) * p)])
                out.ivar.append(contentsOf: ivar[(i * p)..<((i + 1) * p)])
            }
            return out
        }
    }

    /// Resolves `reference` as a training-set id, `NAME` (latest version) or `NAME@VERSION`, and loads it.
    static func load(_ reference: String, db: PostgresConnection) throws -> TrainingSetData {
        let row: PostgresRow?
        if let id = Int(reference) {
            row = try db.query(Self.setByID, [id]).first
        } else {
            let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
            let version = parts.count == 2 ? Int(parts[1]) : nil
            if parts.count == 2 && version == nil { throw ModelTrainingError.unknownTrainingSet(reference) }
            row = try db.query(Self.setByName, [parts[0], version]).first
        }
        guard let row else { throw ModelTrainingError.unknownTrainingSet(reference) }
        var data = TrainingSetData(
            trainingSetID: try row.decode(Int.self, "training_set_id"),
            name: try row.decode(String.self, "name") + "@" + String(try row.decode(Int.self, "version")),
            labelSet: try row.decode(String.self, "label_set"),
            labelNames: try row.decode([String].self, "label_names"),
            preprocessingID: try row.decode(Int.self, "preprocessing_id"),
            wavelength: [], training: Members(), heldOut: Members())
        let start = try row.decode(Double.self, "grid_start"), step = try row.decode(Double.self, "grid_step")
        let p = try row.decode(Int.self, "n_pixels")
        data.wavelength = (0..<p).map { start + Double($0) * step }
        let l = data.labelNames.count
        for member in try db.query(Self.members, [data.trainingSetID, data.preprocessingID]).rows {
            let labels = try member.decode([Float].self, "labels")
            let flux = try member.decode([Float].self, "flux")
            let ivar = try member.decode([Float].self, "ivar")
            guard labels.count == l, flux.count == p, ivar.count == p else {
                throw ModelTrainingError.inconsistentSpectra(
                    "obsid \(try member.decode(Int64.self, "obsid")): \(labels.count) labels, \(flux.count) pixels (expected \(l), \(p))")
            }
            let heldOut = try member.decode(Bool.self, "held_out")
            func append(_ m: inout Members) throws {
                m.obsids.append(try member.decode(Int64.self, "obsid"))
                m.snrg.append(Double(try member.decode(Float?.self, "snrg") ?? 0))
                m.labels.append(contentsOf: labels.map(Double.init))
                m.flux.append(contentsOf: flux)
                m.ivar.append(contentsOf: ivar)
            }
            if heldOut { try append(&data.heldOut) } else { try append(&data.training) }
        }
        return data
    }

    static let setByID = """
        SELECT t.training_set_id, t.name, t.version, t.label_set, t.label_names, t.preprocessing_id,
               p.grid_start, p.grid_step, p.n_pixels
        FROM training_set t JOIN preprocessing p USING (preprocessing_id) WHERE t.training_set_id = $1
        """
    static let setByName = """
        SELECT t.training_set_id, t.name, t.version, t.label_set, t.label_names, t.preprocessing_id,
               p.grid_start, p.grid_step, p.n_pixels
        FROM training_set t JOIN preprocessing p USING (preprocessing_id)
        WHERE t.name = $1 AND ($2::int IS NULL OR t.version = $2::int)
        ORDER BY t.version DESC LIMIT 1
        """
    static let members = """
        SELECT m.obsid, m.snrg, m.labels, m.held_out, sp.flux, sp.ivar
        FROM training_set_member m
        JOIN spectrum_preprocessed sp ON sp.obsid = m.obsid AND sp.preprocessing_id = $2
        WHERE m.training_set_id = $1
        ORDER BY m.obsid
        """
}
