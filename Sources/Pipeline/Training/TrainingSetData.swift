import Catalogue
import SLAMNumerics
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

    /// Resolves `reference` as a training-set id, `NAME` (latest version) or `NAME@VERSION`, and loads it:
    /// every training member and, of the held-out members, at most `heldOutLimit` (a choice seeded by
    /// `seed`, by obsid; all of them when there are no more). A survey-sized set can hold hundreds of
    /// thousands of held-out members (everything beyond a capped number of training stars); their spectra
    /// are not read, only the chosen ones'.
    static func load(_ reference: String, heldOutLimit: Int = .max, seed: UInt64 = 1, db: PostgresConnection) throws -> TrainingSetData {
        let row: TrainingSetGridRow?
        if let id = Int(reference) {
            row = try TrainingSetDataQueries.trainingSet(id: id, db: db)
        } else {
            let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
            let version = parts.count == 2 ? Int(parts[1]) : nil
            if parts.count == 2 && version == nil { throw ModelTrainingError.unknownTrainingSet(reference) }
            row = try TrainingSetDataQueries.trainingSet(name: parts[0], version: version, db: db)
        }
        guard let row else { throw ModelTrainingError.unknownTrainingSet(reference) }
        var data = TrainingSetData(
            trainingSetID: row.trainingSetID, name: row.name + "@" + String(row.version), labelSet: row.labelSet,
            labelNames: row.labelNames, preprocessingID: row.preprocessingID, wavelength: [], training: Members(), heldOut: Members())
        let p = row.pixelCount
        data.wavelength = (0..<p).map { row.gridStart + Double($0) * row.gridStep }
        let l = data.labelNames.count
        var heldOut = try TrainingSetMemberQueries.memberObsids(trainingSetID: data.trainingSetID, preprocessingID: data.preprocessingID,
                                                                heldOut: true, db: db)
        if heldOut.count > heldOutLimit {
            var rng = SplitMix64(seed: seed)
            heldOut.shuffle(using: &rng)
            heldOut = Array(heldOut.prefix(max(0, heldOutLimit))).sorted()
        }
        let training = try TrainingSetMemberQueries.memberObsids(trainingSetID: data.trainingSetID, preprocessingID: data.preprocessingID,
                                                                 heldOut: false, db: db)
        try TrainingSetMemberQueries.membersWithSpectra(trainingSetID: data.trainingSetID, preprocessingID: data.preprocessingID,
                                                        obsids: training + heldOut, db: db) { member in
            guard member.labels.count == l, member.flux.count == p, member.ivar.count == p else {
                throw ModelTrainingError.inconsistentSpectra(
                    "obsid \(member.obsid): \(member.labels.count) labels, \(member.flux.count) pixels (expected \(l), \(p))")
            }
            func append(_ m: inout Members) {
                m.obsids.append(member.obsid)
                m.snrg.append(Double(member.snrg ?? 0))
                m.labels.append(contentsOf: member.labels.map(Double.init))
                m.flux.append(contentsOf: member.flux)
                m.ivar.append(contentsOf: member.ivar)
            }
            if member.heldOut { append(&data.heldOut) } else { append(&data.training) }
        }
        return data
    }
}
