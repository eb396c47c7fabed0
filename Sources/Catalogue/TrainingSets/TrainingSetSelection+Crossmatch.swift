import Store

extension TrainingSetSelection {
    /// The cuts of a selection of APOGEE labels through a crossmatch run (the paper's K giants).
    public struct CrossmatchCuts: Sendable {
        public var runID: Int
        public var preprocessingID: Int
        /// Drop pairs the crossmatch flagged ambiguous.
        public var excludeAmbiguous: Bool
        public var snrgMinimum: Double
        public var apogeeSNRMinimum: Double
        public var aspcapBadMask: Int64
        public var starflagBadMask: Int64
        /// `apogee_star` label columns, in order (each has an error column `<label>_err`).
        public var labels: [String]
        /// Label ranges by label column.
        public var ranges: [String: LabelBounds]
        public var maximumBadPixels: Int
        /// Keep only the best-S/N_g spectrum of each APOGEE star.
        public var bestSNRPerStar: Bool

        public init(runID: Int, preprocessingID: Int, excludeAmbiguous: Bool, snrgMinimum: Double, apogeeSNRMinimum: Double,
                    aspcapBadMask: Int64, starflagBadMask: Int64, labels: [String], ranges: [String: LabelBounds],
                    maximumBadPixels: Int, bestSNRPerStar: Bool) {
            self.runID = runID
            self.preprocessingID = preprocessingID
            self.excludeAmbiguous = excludeAmbiguous
            self.snrgMinimum = snrgMinimum
            self.apogeeSNRMinimum = apogeeSNRMinimum
            self.aspcapBadMask = aspcapBadMask
            self.starflagBadMask = starflagBadMask
            self.labels = labels
            self.ranges = ranges
            self.maximumBadPixels = maximumBadPixels
            self.bestSNRPerStar = bestSNRPerStar
        }
    }

    /// The crossmatch pairs of run `cuts.runID` as candidates; with `withLabels`, also the members'
    /// `labels` and `label_errors` (the chosen `apogee_star` columns, quoted identifiers).
    public static func crossmatch(_ c: CrossmatchCuts, withLabels: Bool = false) -> TrainingSetSelection {
        var cuts: [Cut] = [Cut(name: "has_preprocessed_spectrum", predicate: "sp.obsid IS NOT NULL")]
        if c.excludeAmbiguous { cuts.append(Cut(name: "unambiguous_match", predicate: "NOT p.ambiguous")) }
        cuts.append(Cut(name: "lamost_snrg", predicate: "s.snrg >= \(c.snrgMinimum)"))
        cuts.append(Cut(name: "apogee_snr", predicate: "a.snr >= \(c.apogeeSNRMinimum)"))
        cuts.append(Cut(name: "aspcapflag", predicate: "(a.aspcapflag & \(c.aspcapBadMask)) = 0"))
        cuts.append(Cut(name: "starflag", predicate: "(a.starflag & \(c.starflagBadMask)) = 0"))
        cuts.append(Cut(name: "labels_present", predicate: SQL.joined(c.labels.map {
            "a.\(identifier: $0) IS NOT NULL AND a.\(identifier: $0) <> 'NaN'::real"
        }, separator: " AND ")))
        for label in c.labels {
            guard let range = c.ranges[label] else { continue }
            cuts.append(Cut(name: "\(label)_range", predicate: range.predicate("a.\(identifier: label)")))
        }
        cuts.append(Cut(name: "bad_pixels", predicate: "sp.n_bad_pixels <= \(c.maximumBadPixels)"))

        let labelColumns: SQL = withLabels
            ? "ARRAY[\(SQL.joined(c.labels.map { "a.\(identifier: $0)" }, separator: ", "))]::real[] AS labels, "
                + "ARRAY[\(SQL.joined(c.labels.map { "a.\(identifier: $0 + "_err")" }, separator: ", "))]::real[] AS label_errors, "
            : ""
        var ranked = cuts
        var rank: SQL = ""
        if c.bestSNRPerStar {
            ranked.append(Cut(name: "repeat_not_best_snr", predicate: ""))
            rank = rankColumn(cuts: cuts.count, partition: "apogee_id")
        }
        let with: SQL = """
            WITH candidate AS (
                SELECT p.obsid, p.apogee_id, s.snrg, \(labelColumns)\(flagColumns(cuts))
                FROM crossmatch_pair p
                JOIN lamost_spectrum s ON s.obsid = p.obsid
                JOIN apogee_star a ON a.apogee_id = p.apogee_id AND a.release = p.apogee_release
                LEFT JOIN spectrum_preprocessed sp ON sp.obsid = p.obsid AND sp.preprocessing_id = \(c.preprocessingID)
                WHERE p.run_id = \(c.runID)
            ), ranked AS (
                SELECT candidate.*\(rank) FROM candidate
            )
            """
        return TrainingSetSelection(with: with, cuts: ranked, referenceColumn: "apogee_id", listed: false)
    }
}
