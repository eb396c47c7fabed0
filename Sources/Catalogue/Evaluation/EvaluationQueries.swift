import Store

/// Named queries of the demo's evaluations: its training set's members, its predictions beside their S/N_g,
/// and the cross-validation predictions of two models member by member (a model's label names are
/// ``ModelQueries/model(id:db:)``'s).
public enum EvaluationQueries {
    /// The members of model `modelID`'s training set (held out or not): obsid and reference labels (L each).
    public static func trainingSetMembers(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [(obsid: Int64, labels: [Float])] {
        var members: [(obsid: Int64, labels: [Float])] = []
        for r in try db.query("""
            SELECT m.obsid, m.labels FROM training_set_member m JOIN model USING (training_set_id) WHERE model.model_id = \(modelID)
            """, name: "evaluation_training_set_members").rows {
            members.append((try r.decode(Int64.self, at: 0), try r.decode([Float].self, at: 1)))
        }
        return members
    }

    /// Every prediction of model `modelID` with the spectrum's S/N_g, the prediction's flags and the fit's first guess.
    public static func predictions(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [EvaluatedPredictionRow] {
        var rows: [EvaluatedPredictionRow] = []
        for r in try db.query("""
            SELECT p.obsid, p.labels, p.formal_errors, s.snrg, p.flags, p.first_guess, p.ml_labels FROM prediction p JOIN lamost_spectrum s USING (obsid)
            WHERE p.model_id = \(modelID)
            """, name: "evaluation_predictions_with_snr").rows {
            rows.append(try EvaluatedPredictionRow(row: r))
        }
        return rows
    }

    /// The cross-validation predictions of the members predicted by both models `plain` and `weighted`
    /// (`model_validation_prediction`, kind `cross_validation`): each model's labels and the reference labels.
    public static func crossValidationPairs(plain: Int, weighted: Int, db: PostgresConnection) throws(PostgresError)
        -> [(plain: [Double], weighted: [Double], reference: [Double])] {
        var pairs: [(plain: [Double], weighted: [Double], reference: [Double])] = []
        for r in try db.query("""
            SELECT a.labels, b.labels, a.reference FROM model_validation_prediction a
            JOIN model_validation_prediction b ON b.obsid = a.obsid AND b.model_id = \(weighted) AND b.kind = 'cross_validation'
            WHERE a.model_id = \(plain) AND a.kind = 'cross_validation'
            """, name: "evaluation_cross_validation_pairs").rows {
            pairs.append((try r.decode([Float].self, at: 0).map(Double.init), try r.decode([Float].self, at: 1).map(Double.init),
                          try r.decode([Float].self, at: 2).map(Double.init)))
        }
        return pairs
    }
}
