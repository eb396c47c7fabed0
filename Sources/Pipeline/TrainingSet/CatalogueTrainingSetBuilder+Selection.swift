import Store

extension CatalogueTrainingSetBuilder {
    /// The candidate query of a selection from a label catalogue: a `WITH ... ranked AS (...)` prefix
    /// whose rows are (spectrum, reference row) pairs of catalogue `$1` with preprocessing `$2`, with one
    /// boolean column `c<k>` per cut (NULL counts as failing) and the members' `labels` and
    /// `label_errors` arrays (the chosen labels, by 1-based index into the catalogue's labels). The SQL
    /// text is built from fixed fragments and integer indices only; every value is a parameter
    /// (numbered from `$3`). With a member list, candidates are the listed spectra (table `listed_member`).
    struct Selection {
        struct Cut { var name: String; var predicate: String }
        var with: String
        var parameters: [any PostgresEncodable]
        var cuts: [Cut]
    }

    static func selection(_ criteria: CatalogueTrainingSetCriteria, labelIndices: [Int], position: Bool) -> Selection {
        var parameters: [any PostgresEncodable] = []
        func bind(_ value: any PostgresEncodable) -> String {
            parameters.append(value)
            return "$\(parameters.count + 2)"
        }
        let radius = bind(criteria.matchRadiusArcsec / 3600)
        let exact = criteria.members != nil
        var cuts: [Selection.Cut] = [.init(name: "has_preprocessed_spectrum", predicate: "sp.obsid IS NOT NULL")]
        if !exact {
            cuts.append(.init(name: "lamost_snrg", predicate: "c.snrg >= \(bind(criteria.snrgMinimum))"))
        }
        cuts.append(.init(name: "labels_present", predicate: labelIndices.map {
            "c.all_labels[\($0)] IS NOT NULL AND c.all_labels[\($0)] <> 'NaN'::real"
        }.joined(separator: " AND ")))
        if !exact {
            for (label, k) in zip(criteria.labels, labelIndices) {
                guard let range = criteria.ranges[label] else { continue }
                var parts: [String] = []
                if let lo = range.minimum { parts.append("c.all_labels[\(k)] >= \(bind(lo))") }
                if let hi = range.maximum { parts.append("c.all_labels[\(k)] <= \(bind(hi))") }
                cuts.append(.init(name: "\(label)_range", predicate: parts.joined(separator: " AND ")))
            }
            cuts.append(.init(name: "bad_pixels", predicate: "sp.n_bad_pixels <= \(bind(criteria.maximumBadPixels))"))
        }

        let listed = exact ? "JOIN listed_member lm ON lm.obsid = s.obsid" : ""
        let pairs = position ? """
            SELECT DISTINCT ON (s.obsid) s.obsid, r.reference_id, s.snrg, r.labels AS all_labels, r.label_errors AS all_errors
            FROM label_catalogue_row r
            JOIN lamost_spectrum s ON q3c_join(r.ra, r.dec, s.ra, s.dec, \(radius))
            \(listed)
            WHERE r.catalogue_id = $1 AND r.ra IS NOT NULL
            ORDER BY s.obsid, q3c_dist(r.ra, r.dec, s.ra, s.dec), r.reference_id
            """ : """
            SELECT s.obsid, r.reference_id, s.snrg, r.labels AS all_labels, r.label_errors AS all_errors
            FROM label_catalogue_row r
            JOIN lamost_spectrum s ON s.obsid = r.obsid
            \(listed)
            WHERE r.catalogue_id = $1 AND \(radius)::float8 > 0
            """
        let flags = cuts.enumerated().map { "coalesce(\($1.predicate), false) AS c\($0)" }.joined(separator: ", ")
        let passAll = cuts.indices.map { "c\($0)" }.joined(separator: " AND ")
        var rankedCuts = cuts
        let rankColumn: String
        if criteria.repeats == .bestSNR && !exact {
            rankedCuts.append(.init(name: "repeat_not_best_snr", predicate: ""))
            rankColumn = ", (NOT (\(passAll)) OR row_number() OVER (PARTITION BY (\(passAll)), reference_id ORDER BY snrg DESC NULLS LAST, obsid) = 1) AS c\(cuts.count)"
        } else {
            rankColumn = ""
        }
        let labels = "ARRAY[" + labelIndices.map { "c.all_labels[\($0)]" }.joined(separator: ", ") + "]::real[] AS labels, "
            + "ARRAY[" + labelIndices.map { "c.all_errors[\($0)]" }.joined(separator: ", ") + "]::real[] AS label_errors"
        let with = """
            WITH pair AS (
            \(pairs)
            ), candidate AS (
                SELECT c.obsid, c.reference_id, c.snrg, \(labels), \(flags)
                FROM pair c
                LEFT JOIN spectrum_preprocessed sp ON sp.obsid = c.obsid AND sp.preprocessing_id = $2
            ), ranked AS (
                SELECT candidate.*\(rankColumn) FROM candidate
            )
            """
        return Selection(with: with, parameters: parameters, cuts: rankedCuts)
    }
}
