import Store

extension TrainingSetSelection {
    /// The cuts of a selection from a label catalogue (LASP, a user table).
    public struct LabelCatalogueCuts: Sendable {
        public var catalogueID: Int
        public var preprocessingID: Int
        /// Position-keyed catalogue (nearest reference row within the radius), else obsid-keyed.
        public var positionKeyed: Bool
        public var matchRadiusArcsec: Double
        /// The candidates are the spectra of table `listed_member` (``TrainingSetQueries/stageListedMembers(_:heldOut:db:)``),
        /// and only the cuts that make a member usable apply.
        public var listedMembers: Bool
        public var snrgMinimum: Double
        /// The chosen labels: names (for cut names and ranges) and 1-based indices into the catalogue's labels.
        public var labels: [(name: String, index: Int)]
        /// Label ranges by label name.
        public var ranges: [String: LabelBounds]
        public var maximumBadPixels: Int
        /// Keep only the best-S/N_g spectrum of each reference row.
        public var bestSNRPerReference: Bool

        public init(catalogueID: Int, preprocessingID: Int, positionKeyed: Bool, matchRadiusArcsec: Double, listedMembers: Bool,
                    snrgMinimum: Double, labels: [(name: String, index: Int)], ranges: [String: LabelBounds],
                    maximumBadPixels: Int, bestSNRPerReference: Bool) {
            self.catalogueID = catalogueID
            self.preprocessingID = preprocessingID
            self.positionKeyed = positionKeyed
            self.matchRadiusArcsec = matchRadiusArcsec
            self.listedMembers = listedMembers
            self.snrgMinimum = snrgMinimum
            self.labels = labels
            self.ranges = ranges
            self.maximumBadPixels = maximumBadPixels
            self.bestSNRPerReference = bestSNRPerReference
        }
    }

    /// The (spectrum, reference row) pairs of catalogue `cuts.catalogueID` as candidates, with the members'
    /// `labels` and `label_errors` (array elements by bound index).
    public static func labelCatalogue(_ c: LabelCatalogueCuts) -> TrainingSetSelection {
        let exact = c.listedMembers
        func label(_ k: Int) -> SQL { "c.all_labels[\(Int32(k))]" }
        var cuts: [Cut] = [Cut(name: "has_preprocessed_spectrum", predicate: "sp.obsid IS NOT NULL")]
        if !exact { cuts.append(Cut(name: "lamost_snrg", predicate: "c.snrg >= \(c.snrgMinimum)")) }
        cuts.append(Cut(name: "labels_present", predicate: SQL.joined(c.labels.map {
            "\(label($0.index)) IS NOT NULL AND \(label($0.index)) <> 'NaN'::real"
        }, separator: " AND ")))
        if !exact {
            for (name, k) in c.labels {
                guard let range = c.ranges[name] else { continue }
                cuts.append(Cut(name: "\(name)_range", predicate: range.predicate(label(k))))
            }
            cuts.append(Cut(name: "bad_pixels", predicate: "sp.n_bad_pixels <= \(c.maximumBadPixels)"))
        }

        let listed: SQL = exact ? "JOIN listed_member lm ON lm.obsid = s.obsid" : ""
        let pairs: SQL = c.positionKeyed ? """
            SELECT DISTINCT ON (s.obsid) s.obsid, r.reference_id, s.snrg, r.labels AS all_labels, r.label_errors AS all_errors
            FROM label_catalogue_row r
            JOIN lamost_spectrum s ON q3c_join(r.ra, r.dec, s.ra, s.dec, \(c.matchRadiusArcsec / 3600))
            \(listed)
            WHERE r.catalogue_id = \(c.catalogueID) AND r.ra IS NOT NULL
            ORDER BY s.obsid, q3c_dist(r.ra, r.dec, s.ra, s.dec), r.reference_id
            """ : """
            SELECT s.obsid, r.reference_id, s.snrg, r.labels AS all_labels, r.label_errors AS all_errors
            FROM label_catalogue_row r
            JOIN lamost_spectrum s ON s.obsid = r.obsid
            \(listed)
            WHERE r.catalogue_id = \(c.catalogueID)
            """
        var ranked = cuts
        var rank: SQL = ""
        if c.bestSNRPerReference && !exact {
            ranked.append(Cut(name: "repeat_not_best_snr", predicate: ""))
            rank = rankColumn(cuts: cuts.count, partition: "reference_id")
        }
        let labels: SQL = "ARRAY[\(SQL.joined(c.labels.map { label($0.index) }, separator: ", "))]::real[] AS labels, "
            + "ARRAY[\(SQL.joined(c.labels.map { "c.all_errors[\(Int32($0.index))]" }, separator: ", "))]::real[] AS label_errors"
        let with: SQL = """
            WITH pair AS (
            \(pairs)
            ), candidate AS (
                SELECT c.obsid, c.reference_id, c.snrg, \(labels), \(flagColumns(cuts))
                FROM pair c
                LEFT JOIN spectrum_preprocessed sp ON sp.obsid = c.obsid AND sp.preprocessing_id = \(c.preprocessingID)
            ), ranked AS (
                SELECT candidate.*\(rank) FROM candidate
            )
            """
        return TrainingSetSelection(with: with, cuts: ranked, referenceColumn: "reference_id", listed: exact)
    }
}
