/// One APOGEE_ID seen on several rows: which row was kept and which were dropped.
public struct ApogeeDuplicate: Sendable, Equatable, Codable {
    /// The shared `APOGEE_ID`.
    public var apogeeID: String
    /// File row (``ApogeeStar/row``) of the kept star.
    public var keptRow: Int
    /// File rows of the dropped stars, in input order.
    public var droppedRows: [Int]
}

extension ApogeeStar {
    /// EXTRATARG bit 4: the row duplicates a star observed with higher S/N in another field (DR14+).
    public var isFlaggedDuplicate: Bool { (extraTarg ?? 0) & (1 << 4) != 0 }

    /// Keeps one star per `APOGEE_ID`: a row without the EXTRATARG duplicate bit over one with it, then the
    /// highest `SNR` (missing lowest), then the earliest. Kept stars stay in order of first appearance;
    /// every dropped row is reported. Pure: no I/O.
    public static func deduplicate(_ stars: [ApogeeStar]) -> (stars: [ApogeeStar], duplicates: [ApogeeDuplicate]) {
        var best: [String: Int] = [:]
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (i, star) in stars.enumerated() {
            let key = star.apogeeID
            members[key, default: []].append(i)
            guard let current = best[key] else {
                best[key] = i
                order.append(key)
                continue
            }
            if isPreferred(star, over: stars[current]) { best[key] = i }
        }
        var kept: [ApogeeStar] = []
        var duplicates: [ApogeeDuplicate] = []
        kept.reserveCapacity(order.count)
        for key in order {
            guard let winner = best[key], let all = members[key] else { continue }
            kept.append(stars[winner])
            if all.count > 1 {
                duplicates.append(ApogeeDuplicate(apogeeID: key, keptRow: stars[winner].row,
                                                  droppedRows: all.filter { $0 != winner }.map { stars[$0].row }))
            }
        }
        return (kept, duplicates)
    }

    private static func isPreferred(_ a: ApogeeStar, over b: ApogeeStar) -> Bool {
        if a.isFlaggedDuplicate != b.isFlaggedDuplicate { return !a.isFlaggedDuplicate }
        let snrA = a.snr ?? -.infinity, snrB = b.snr ?? -.infinity
        return snrA > snrB
    }
}
