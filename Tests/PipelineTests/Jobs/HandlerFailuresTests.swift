@testable import Pipeline
import Queue
import Store
import Testing

/// How a handler's failure ends its job: database failures keep the queue's classification (retry,
/// permanent, lease lost), any other pipeline failure ends the job at once with its message.
@Suite struct HandlerFailuresTests {
    static let deadlock = PostgresError.server(sqlState: "40P01", message: "deadlock detected", detail: nil, statement: "INSERT")
    static let leaseLost = PostgresError.server(sqlState: "SL001", message: "lease lost", detail: nil, statement: "SELECT")
    static let badValue = PostgresError.server(sqlState: "22003", message: "out of range", detail: nil, statement: "COPY")

    struct Unrelated: Error, Equatable {}

    @Test func aDatabaseFailureIsClassifiedByTheDatabaseError() {
        let transient: any PipelineFailure = CrossmatchError.database(Self.deadlock)
        #expect(transient.isTransient)
        #expect(!transient.isLeaseLost)
        let fenced: any PipelineFailure = PredictionError.database(Self.leaseLost)
        #expect(fenced.isLeaseLost)
        let permanent: any PipelineFailure = LabelCatalogueError.database(Self.badValue)
        #expect(!permanent.isTransient)
        #expect(!permanent.isLeaseLost)
    }

    @Test func aFailureOfTheInputIsNeitherTransientNorALostLease() {
        let failures: [any PipelineFailure] = [
            CrossmatchError.noSpectra, ModelTrainingError.invalidSetting("folds"), PredictionError.unknownModel("7"),
            RetrainError.invalidRequest("no label"), LabelCatalogueError.emptyTable(file: "f.csv"),
        ]
        for failure in failures {
            #expect(failure.databaseError == nil, "\(failure)")
            #expect(!failure.isTransient)
            #expect(!failure.isLeaseLost)
        }
    }

    @Test func aRetrainFindsTheDatabaseErrorInsideTheStepThatFailed() {
        let wrapped: [RetrainError] = [
            .database(Self.deadlock), .training(.database(Self.deadlock)), .trainingSet(.database(Self.deadlock)),
            .promotion(.database(Self.deadlock)),
        ]
        for error in wrapped {
            #expect(error.databaseError == Self.deadlock, "\(error)")
            #expect(error.isTransient)
        }
        #expect(RetrainError.training(.unknownTrainingSet("k")).databaseError == nil)
        #expect(RetrainError.promotion(.noCurrentModel(labelSet: nil)).databaseError == nil)
        #expect(RetrainError.promotion(.database(Self.leaseLost)).isLeaseLost)
    }

    @Test func theBodysValueIsReturned() throws {
        #expect(try HandlerFailures.permanentUnlessDatabase { 42 } == 42)
    }

    @Test func anInputFailureEndsTheJobWithItsMessage() {
        let error = ModelTrainingError.tooFewMembers(trainingSet: "kgiants", members: 3, needed: 10)
        #expect(throws: JobHandlerError.permanent(error.description)) {
            try HandlerFailures.permanentUnlessDatabase { () throws -> Int in throw error }
        }
    }

    @Test func aDatabaseFailureIsPassedOnForTheQueueToClassify() {
        #expect(throws: CrossmatchError.database(Self.deadlock)) {
            try HandlerFailures.permanentUnlessDatabase { () throws -> Int in throw CrossmatchError.database(Self.deadlock) }
        }
        #expect(throws: Self.leaseLost) {
            try HandlerFailures.permanentUnlessDatabase { () throws -> Int in throw Self.leaseLost }
        }
    }

    @Test func anErrorThatIsNoPipelineFailureIsPassedOnUnchanged() {
        #expect(throws: Unrelated()) {
            try HandlerFailures.permanentUnlessDatabase { () throws -> Int in throw Unrelated() }
        }
    }
}
