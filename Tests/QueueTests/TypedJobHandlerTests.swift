import Queue
import Store
import Testing

/// A typed handler is registered under its payload's kind and validates payloads before they are stored.
@Suite struct TypedJobHandlerTests {
    struct Resize: JobPayload {
        static let kind = "resize"
        var width: Int
    }

    struct ResizeHandler: TypedJobHandler {
        func validate(_ payload: Resize) throws(JobHandlerError) {
            guard payload.width > 0 else { throw .malformedPayload(kind: kind, reason: "width must be positive") }
        }
        func run(_ payload: Resize, job: Job, context: JobContext) throws {}
    }

    static func refusal(_ payload: String, kind: String = "resize") -> JobHandlerError? {
        var registry = JobHandlerRegistry.builtin
        registry.register(ResizeHandler())
        do {
            try registry.validatePayload(JSONB(payload), kind: kind)
            return nil
        } catch {
            return error
        }
    }

    @Test func theHandlerIsRegisteredUnderItsPayloadsKind() {
        var registry = JobHandlerRegistry()
        registry.register(ResizeHandler())
        #expect(registry.kinds == ["resize"])
        #expect(registry.handler(for: "resize")?.kind == "resize")
    }

    @Test func aPayloadIsDecodedThenValidated() {
        #expect(Self.refusal(#"{"width":3}"#) == nil)
        #expect(Self.refusal("{}") == .malformedPayload(kind: "resize", reason: "missing field \"width\""))
        #expect(Self.refusal(#"{"width":"wide"}"#) == .malformedPayload(kind: "resize", reason: "field \"width\": expected Int"))
        #expect(Self.refusal(#"{"width":0}"#) == .malformedPayload(kind: "resize", reason: "width must be positive"))
    }

    @Test func untypedHandlersAcceptAnyObjectAndUnknownKindsAreRefused() {
        #expect(Self.refusal(#"{"anything":[1]}"#, kind: "noop") == nil)
        #expect(Self.refusal("[1]", kind: "noop").map { "\($0)".hasPrefix("malformed payload for job kind \"noop\"") } == true)
        #expect(Self.refusal("{}", kind: "paint") == .unknownKind("paint"))
    }
}
