import Queue
import Store
import Testing

/// A payload type names its kind; a request built from it carries kind, group and JSON.
@Suite struct JobPayloadTests {
    struct Resize: JobPayload, Equatable {
        static let kind = "resize"
        var image: Int
        var groupKey: String? { "image:\(image)" }
    }

    struct Greet: JobPayload, Equatable {
        static let kind = "greet"
        var loud: Bool
        var jobKind: String { loud ? "greet_loud" : Self.kind }
    }

    @Test func aRequestTakesKindGroupAndPayloadFromThePayload() throws {
        let request = try JobRequest(Resize(image: 3), priority: 4, maxAttempts: 2, uniqueKey: "resize:3", uniqueScope: .active)
        #expect(request.kind == "resize")
        #expect(request.groupKey == "image:3")
        #expect(request.priority == 4 && request.maxAttempts == 2 && request.uniqueKey == "resize:3" && request.uniqueScope == .active)
        #expect(try request.payload.decode(Resize.self) == Resize(image: 3))
    }

    @Test func aPayloadHasNoGroupAndItsTypesKindByDefault() throws {
        let request = try JobRequest(Greet(loud: false))
        #expect(request.kind == "greet")
        #expect(request.groupKey == nil)
        #expect(try JobRequest(Greet(loud: true)).kind == "greet_loud", "a type serving several kinds picks one per payload")
    }

    @Test func aPlainRequestHasNoGroup() {
        #expect(JobRequest(kind: "noop").groupKey == nil)
    }
}
