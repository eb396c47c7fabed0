import Store

extension TrainingSetBuilder {
    /// The candidate query of a selection: a `WITH ... ranked AS (...)` prefix whose rows are the
    /// crossmatch pairs of the run, with one boolean column `c<k>` per cut (NULL counts as failing),
    /// and its parameters; with `withLabels`, also the `labels` and `label_errors` arrays of the
    /// members. SQL text is assembled only from fixed fragments and label columns of ``ApogeeLabel``;
    /// every value is a parameter.
    struct Selection {
        struct Cut { var name: String; var predicate: String }
        var with: String
        var parameters: [any PostgresEncodable]
        var cuts: [Cut]
    }

    static func selection(_ criteria: TrainingSetCriteria, runID: Int, preprocessingID: Int, withLabels: Bool = false) -> Selection {
        var parameters: [any PostgresEncodable] = [runID, preprocessingID]
        func bind(_ value: any PostgresEncodable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        var cuts: [Selection.Cut] = [.init(name: "has_preprocessed_spectrum", predicate: "sp.obsid IS NOT NULL")]
        if criteria.excludeAmbiguous {
            cuts.append(.init(name: "unambiguous_match", predicate: "NOT p.ambiguous"))
        }
        cuts.append(.init(name: "lamost_snrg", predicate: "s.snrg >= \(bind(criteria.snrgMinimum))"))
        cuts.append(.init(name: "apogee_snr", predicate: "a.snr >= \(bind(criteria.apogeeSNRMinimum))"))
        cuts.append(.init(name: "aspcapflag", predicate: "(a.aspcapflag & \(bind(criteria.effectiveASPCAPMask))) = 0"))
        cuts.append(.init(name: "starflag", predicate: "(a.starflag & \(bind(criteria.starflagBadMask))) = 0"))
        cuts.append(.init(name: "labels_present", predicate: criteria.labels.map {
            "a.\($0.column) IS NOT NULL AND a.\($0.column) <> 'NaN'::real"
        }.joined(separator: " AND ")))
        for label in criteria.labels {
            guard let range = criteria.ranges[label.rawValue] else { continue }
            var parts: [String] = []
            if let lo = range.minimum { parts.append("a.\(label.column) >= \(bind(lo))") }
            if let hi = range.maximum { parts.append("a.\(label.column) <= \(bind(hi))") }
            cuts.append(.init(name: "\(label.rawValue)_range", predicate: parts.joined(separator: " AND ")))
        }
        cuts.append(.init(name: "bad_pixels", predicate: "sp.n_bad_pixels <= \(bind(criteria.maximumBadPixels))"))

        let labelColumns = withLabels
            ? "ARRAY[" + criteria.labels.map { "a.\($0.column)" }.joined(separator: ", ") + "]::real[] AS labels, "
                + "ARRAY[" + criteria.labels.map { "a.\($0.errorColumn)" }.joined(separator: ", ") + "]::real[] AS label_errors, "
            : ""
        let flags = cuts.enumerated().map { "coalesce(\($1.predicate), false) AS c\($0)" }.joined(separator: ", ")
        let passAll = cuts.indices.map { "c\($0)" }.joined(separator: " AND ")
        var rankedCuts = cuts
        let rankColumn: String
        if criteria.repeats == .bestSNR {
            rankedCuts.append(.init(name: "repeat_not_best_snr", predicate: ""))
            rankColumn = ", (NOT (\(passAll)) OR row_number() OVER (PARTITION BY (\(passAll)), apogee_id ORDER BY snrg DESC NULLS LAST, obsid) = 1) AS c\(cuts.count)"
        } else {
            rankColumn = ""
        }
        let with = """
            WITH candidate AS (
                SELECT p.obsid, p.apogee_id, s.snrg, \(labelColumns)\(flags)
                FROM crossmatch_pair p
                JOIN lamost_spectrum s ON s.obsid = p.obsid
                JOIN apogee_star a ON a.apogee_id = p.apogee_id AND a.release = p.apogee_release
                LEFT JOIN spectrum_preprocessed sp ON sp.obsid = p.obsid AND sp.preprocessing_id = $2
                WHERE p.run_id = $1
            ), ranked AS (
                SELECT candidate.*\(rankColumn) FROM candidate
            )
            """
        return Selection(with: with, parameters: parameters, cuts: rankedCuts)
    }
}
