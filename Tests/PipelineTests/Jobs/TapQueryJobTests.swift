@testable import Pipeline
import Catalogue
import Queue
import Store
import TAP
import Testing

/// Asynchronous TAP queries as a job kind: the login role they run as, and the worker's registry.
@Suite struct TapQueryJobTests {
    static let worker = PostgresConnectionFactory(configuration: PostgresConfiguration("host=db dbname=slam user=worker1"))

    @Test func theWorkersOptionWinsOverTheEnvironmentWhichWinsOverTheDefaultRole() {
        let option = TapQueryJob.queryDatabase(for: Self.worker, url: "postgresql://tap@db/slam",
                                               environment: ["SLAM_TAP_DATABASE_URL": "postgresql://other@db/slam"])
        #expect(option.configuration.conninfo == "postgresql://tap@db/slam")
        #expect(option.configuration.applicationName == "slam-tap")
        let environment = TapQueryJob.queryDatabase(for: Self.worker, environment: ["SLAM_TAP_DATABASE_URL": "postgresql://other@db/slam"])
        #expect(environment.configuration.conninfo == "postgresql://other@db/slam")
        let fallback = TapQueryJob.queryDatabase(for: Self.worker, environment: ["SLAM_TAP_DATABASE_URL": ""])
        #expect(fallback.configuration.conninfo == "dbname='slam' host='db' user='\(LoginGroup.tap.defaultLoginRole)'")
    }

    @Test func aQueryJobIsKeyedByItsUWSJobAndRegistered() throws {
        let payload = TapQueryPayload(uwsID: "abcdefghijklmnop")
        let request = try JobRequest(payload)
        #expect(request.kind == "tap_query")
        #expect(try request.payload.decode(TapQueryPayload.self) == payload)
        #expect(JobKind.tapQuery == "tap_query")
        #expect(JobKind.registry(tapDatabaseURL: "postgresql://tap@db/slam").kinds.contains("tap_query"))
        #expect(throws: Never.self) { try JobKind.validatePayload(JSONB(#"{"uwsID": "abcdefghijklmnop"}"#), kind: "tap_query") }
    }
}
