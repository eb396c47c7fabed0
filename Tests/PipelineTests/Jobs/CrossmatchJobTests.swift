@testable import Pipeline
import Queue
import Store
import Testing

/// A crossmatch job's payload is its ``CrossmatchParameters``.
@Suite struct CrossmatchJobTests {
    @Test func theParametersAreThePayload() throws {
        let request = try JobRequest(CrossmatchParameters(), priority: 5)
        #expect(request.kind == "crossmatch")
        #expect(try request.payload.decode(CrossmatchParameters.self) == CrossmatchParameters())
    }
}
