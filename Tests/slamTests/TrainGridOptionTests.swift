import ArgumentParser
import Demo
import Pipeline
@testable import slam
import Testing

/// `--grid` (issue 16, item 15): `slam train --grid fixed` means what it means in `slam demo` and the
/// README (C = 4, epsilon = 0.05, gamma = 0.1); `fixed:C,EPSILON,GAMMA` and `default` still work.
@Suite struct TrainGridOptionTests {
    func hyperparameters(_ grid: String) throws -> ModelTrainingSettings.Hyperparameters {
        try Train.parse(["--training-set", "kgiants", "--grid", grid]).settings().hyperparameters
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
        for bad in ["fixed:1,2", "grid", "fixed:", "Fixed"] {
            #expect(throws: (any Error).self) { try Train.parse(["--training-set", "kgiants", "--grid", bad]) }
        }
        do {
            _ = try Train.parse(["--training-set", "kgiants", "--grid", "grid"])
        } catch {
            #expect(Train.message(for: error).contains("expected 'default', 'fixed' or 'fixed:C,EPSILON,GAMMA'"))
        }
    }

    @Test func helpNamesTheFixedSpelling() {
        #expect(Train.helpMessage().contains("'fixed' (C=4, epsilon=0.05, gamma=0.1"))
    }
}
