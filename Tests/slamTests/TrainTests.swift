import ArgumentParser
import Demo
import Pipeline
@testable import slam
import Testing

/// `slam train` (Train.swift): the options, and `--grid` (issue 16, item 15): `--grid fixed` means what it
/// means in `slam demo` and the README (C = 4, epsilon = 0.05, gamma = 0.1); `fixed:C,EPSILON,GAMMA` and
/// `default` still work.
@Suite struct TrainTests {
    func hyperparameters(_ grid: String) throws -> ModelTrainingSettings.Hyperparameters {
        try Train.parse(["--training-set", "kgiants", "--grid", grid]).settings().hyperparameters
    }

    @Test func parsesItsOptions() throws {
        let train = try SLAMParsing.parse(["train", "--training-set", "kgiants@2", "--grid", "fixed:8,0.1,0.2", "--folds", "3",
                                           "--seed", "7", "--tolerance", "0.01", "--density-weighting", "--retrain", "--force",
                                           "--work", "2", "--timeout", "60", "--database-url", "postgres://slam@db/slam",
                                           "--log-level", "debug"], as: Train.self)
        #expect(train.trainingSet == "kgiants@2")
        #expect((train.folds, train.seed, train.tolerance) == (3, 7, 0.01))
        #expect(train.densityWeighting && train.retrain && train.force)
        #expect(train.waiting.work == 2 && train.waiting.timeout == 60 && !train.waiting.wait)
        #expect(train.database.databaseURL == "postgres://slam@db/slam")
        #expect(train.logging.logLevel == "debug")
        let settings = try train.settings()
        #expect(settings.hyperparameters == .fixed(c: 8, epsilon: 0.1, gamma: 0.2))
        #expect(settings.validationFolds == 3 && settings.seed == 7 && settings.tolerance == 0.01)
        #expect(settings.densityWeighting != nil)
    }

    @Test func defaults() throws {
        let train = try SLAMParsing.parse(["train", "--training-set", "kgiants"], as: Train.self)
        #expect(train.grid == "default" && train.folds == 5 && train.seed == 1 && train.tolerance == 1e-3)
        #expect(!train.retrain && !train.force && !train.densityWeighting && !train.waiting.wait)
        #expect(try train.settings().densityWeighting == nil)
    }

    @Test func shardPixelsAsksForAShardedTraining() throws {
        let train = try SLAMParsing.parse(["train", "--training-set", "kgiants", "--shard-pixels", "200"], as: Train.self)
        #expect(try train.settings().pixelsPerShard == 200)
        #expect(try SLAMParsing.parse(["train", "--training-set", "kgiants"], as: Train.self).settings().pixelsPerShard == nil)
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--shard-pixels", "0"], saying: "--shard-pixels must be at least 1")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--shard-pixels", "10", "--retrain"],
                                   saying: "--shard-pixels is not available with --retrain")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["train"], saying: "Missing expected argument '--training-set <training-set>'")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--folds", "1"], saying: "--folds must be 2...20")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--folds", "five"], saying: "The value 'five' is invalid for '--folds <folds>'")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--tolerance", "2"], saying: "--tolerance must be in (0, 1)")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--work", "65"], saying: "--work must be 0...64")
        SLAMParsing.expectRejected(["train", "--training-set", "s", "--wait", "--timeout", "0"],
                                   saying: "--timeout must be a positive number of seconds")
    }

    @Test func fixedIsTheDemosFixedSet() throws {
        #expect(try hyperparameters("fixed") == .fixed(c: 4, epsilon: 0.05, gamma: 0.1))
        #expect(try hyperparameters("fixed") == DemoSettings.defaultFixed)
        #expect(try Demo.parse(["--grid", "fixed"]).hyperparameters() == (try hyperparameters("fixed")))
    }

    @Test func explicitFixedValuesAndTheDefaultGrid() throws {
        #expect(try hyperparameters("fixed:8,0.1,0.2") == .fixed(c: 8, epsilon: 0.1, gamma: 0.2))
        #expect(try hyperparameters("default") == .defaultGrid(folds: 5))
    }

    @Test func otherSpellingsAreUsageErrorsNamingTheForms() {
        for bad in ["grid", "Fixed"] {
            SLAMParsing.expectRejected(["train", "--training-set", "kgiants", "--grid", bad],
                                       saying: "expected 'default', 'fixed' or 'fixed:C,EPSILON,GAMMA'")
        }
        for bad in ["fixed:1,2", "fixed:"] {
            SLAMParsing.expectRejected(["train", "--training-set", "kgiants", "--grid", bad], saying: "grid \(bad): expected fixed:C,EPSILON,GAMMA")
        }
    }

    @Test func helpNamesTheFixedSpelling() {
        #expect(Train.helpMessage().contains("'fixed' (C=4, epsilon=0.05, gamma=0.1"))
    }
}
