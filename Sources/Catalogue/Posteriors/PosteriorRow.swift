import Store

/// One `posterior` row: the sampled label posterior of one spectrum by one model.
public struct PosteriorRow: Sendable, Equatable {
    public var modelID: Int
    public var obsid: Int64
    /// Label names, in the model's order.
    public var labelNames: [String]
    /// The Levenberg-Marquardt fit the walkers started from, label units.
    public var fitLabels: [Float]
    /// 16th, 50th and 84th percentiles per label, label units.
    public var p16: [Float]
    public var p50: [Float]
    public var p84: [Float]
    /// Mean acceptance fraction of the walkers, 0...1.
    public var acceptance: Float
    /// Integrated autocorrelation time per label, steps.
    public var autocorrelation: [Float]
    public var walkers: Int
    public var steps: Int
    public var burnIn: Int
    /// The sampler's seed (its bit pattern as `bigint`).
    public var seed: Int64
    /// The fit's loss (`prediction` naming).
    public var loss: String
    public var jobID: Int64?

    public init(modelID: Int, obsid: Int64, labelNames: [String], fitLabels: [Float], p16: [Float], p50: [Float], p84: [Float],
                acceptance: Float, autocorrelation: [Float], walkers: Int, steps: Int, burnIn: Int, seed: Int64, loss: String,
                jobID: Int64?) {
        self.modelID = modelID
        self.obsid = obsid
        self.labelNames = labelNames
        self.fitLabels = fitLabels
        self.p16 = p16
        self.p50 = p50
        self.p84 = p84
        self.acceptance = acceptance
        self.autocorrelation = autocorrelation
        self.walkers = walkers
        self.steps = steps
        self.burnIn = burnIn
        self.seed = seed
        self.loss = loss
        self.jobID = jobID
    }

    /// The select list of ``init(row:)``.
    public static let columns: SQL = """
        model_id, obsid, label_names, fit_labels, p16, p50, p84, acceptance, autocorrelation, walkers, steps, burn_in, seed, loss,
        posterior_job_id
        """

    public init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, "model_id")
        obsid = try row.decode(Int64.self, "obsid")
        labelNames = try row.decode([String].self, "label_names")
        fitLabels = try row.decode([Float].self, "fit_labels")
        p16 = try row.decode([Float].self, "p16")
        p50 = try row.decode([Float].self, "p50")
        p84 = try row.decode([Float].self, "p84")
        acceptance = try row.decode(Float.self, "acceptance")
        autocorrelation = try row.decode([Float].self, "autocorrelation")
        walkers = try row.decode(Int.self, "walkers")
        steps = try row.decode(Int.self, "steps")
        burnIn = try row.decode(Int.self, "burn_in")
        seed = try row.decode(Int64.self, "seed")
        loss = try row.decode(String.self, "loss")
        jobID = try row.decode(Int64?.self, "posterior_job_id")
    }
}
