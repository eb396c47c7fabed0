import Catalogue
import Store
import StoreTestSupport
import Testing

/// The one rule of which model statuses serve which purpose.
@Suite("Model status rule")
struct ModelStatusTests {
    @Test func onlyReadyModelsPlanNewWorkOrArePromoted() {
        for use in [ModelUse.newPredictions, .promotion] {
            #expect(ModelStatus.allCases.filter(use.allows) == [.ready])
        }
    }

    @Test func retiredModelsStayReadableAndCountAsTrained() {
        for use in [ModelUse.reading, .retraining] {
            #expect(ModelStatus.allCases.filter(use.allows) == [.ready, .retired])
        }
    }

    @Test func readyAndFailedModelsMayBeRetired() {
        #expect(ModelStatus.allCases.filter(ModelUse.retirement.allows) == [.ready, .failed])
    }

    @Test func onlyRetiredAndFailedModelsMayBePurged() {
        #expect(ModelStatus.allCases.filter(ModelUse.purge.allows) == [.failed, .retired])
    }

    @Test func theSQLConditionBindsTheSameStatuses() {
        let condition = ModelUse.reading.condition("m.status")
        #expect(condition.text == "m.status = ANY($1)")
        #expect(condition.parameters.first as? [String] == ["ready", "retired"])
    }

    @Test func anUnknownStatusIsADecodingError() {
        #expect(throws: PostgresError.self) { try ModelStatus(text: "archived") }
    }

    @Test func theSQLConditionAgreesWithTheSwiftRuleOnTheServer() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                for use in ModelUse.allCases {
                    for status in ModelStatus.allCases {
                        let allowed = try db.query("SELECT \(status.rawValue)::text = ANY(\(use.statuses.map(\.rawValue)))")
                            .first?.decode(Bool.self, at: 0)
                        #expect(allowed == use.allows(status), "\(use) \(status)")
                    }
                }
            }
        }
    }
}
