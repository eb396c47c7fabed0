@testable import slam
import Testing

/// `slam worker` (Worker.swift), with the kinds it can run (SLAMJobHandlers.swift).
@Suite struct WorkerTests {
    @Test func parsesItsOptions() throws {
        let worker = try SLAMParsing.parse(["worker", "--kinds", "predict", "calibrate", "--concurrency", "8", "--batch", "4",
                                            "--lease", "120", "--until-empty", "--horizon", "10", "--no-scheduler",
                                            "--tap-database-url", "postgresql://tap@db/slam"], as: Worker.self)
        #expect(worker.kinds == ["predict", "calibrate"] && worker.concurrency == 8 && worker.batchSize == 4)
        #expect(worker.leaseSeconds == 120 && worker.untilEmpty && worker.horizonSeconds == 10 && worker.noScheduler)
        #expect(worker.tapDatabaseURL == "postgresql://tap@db/slam")
        let defaults = try SLAMParsing.parse(["worker"], as: Worker.self)
        #expect(defaults.kinds.isEmpty && defaults.concurrency == 2 && defaults.batchSize == 1 && defaults.leaseSeconds == 60)
        #expect(!defaults.untilEmpty && defaults.horizonSeconds == 5 && !defaults.noScheduler && defaults.maxRuntime == nil)
    }

    @Test func aFleetWorkerRunsUntilIdleOrItsTimeIsUp() throws {
        let worker = try SLAMParsing.parse(["worker", "--until-idle", "--max-runtime", "1h30m"], as: Worker.self)
        #expect(worker.untilEmpty && worker.maxRuntime == RunDuration(seconds: 5_400))
        SLAMParsing.expectRejected(["worker", "--max-runtime", "soon"], saying: "The value 'soon' is invalid for '--max-runtime <duration>'")
    }

    @Test func everyPipelineKindIsRegistered() {
        let kinds = Set(SLAMJobHandlers.registry.kinds)
        for kind in ["ingest_lamost", "ingest_apogee", "ingest_catalogue", "crossmatch", "train", "retrain", "predict", "calibrate",
                     "posterior", "load_labels_apogee", "load_labels_lasp", "load_labels_table", "tap_query"] {
            #expect(kinds.contains(kind), "\(kind)")
        }
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["worker", "--kinds", "bogus"], saying: "unknown job kind bogus (registered: ", "predict")
        SLAMParsing.expectRejected(["worker", "--concurrency", "0"], saying: "--concurrency must be 1...256")
        SLAMParsing.expectRejected(["worker", "--batch", "1001"], saying: "--batch must be 1...1000")
        SLAMParsing.expectRejected(["worker", "--lease", "0.5"], saying: "--lease must be at least 1 second")
        SLAMParsing.expectRejected(["worker", "--concurrency", "many"], saying: "The value 'many' is invalid for '--concurrency <concurrency>'")
    }
}
