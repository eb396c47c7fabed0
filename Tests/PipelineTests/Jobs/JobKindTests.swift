import Foundation
import Pipeline
import Queue
import Store
import Testing

/// Every pipeline kind is registered; issue 16 item 12: `slam schedule add` refuses a payload its job kind's handler could not decode,
/// naming the kind and the field, before anything is stored.
@Suite("Job kinds: registry and payload validation")
struct JobKindTests {
    static func refusal(_ payload: String, kind: String) -> JobHandlerError? {
        do {
            try JobKind.validatePayload(JSONB(payload), kind: kind)
            return nil
        } catch {
            return error
        }
    }

    @Test func anEmptyCrossmatchPayloadIsRefusedNamingTheField() {
        let error = Self.refusal("{}", kind: JobKind.crossmatch)
        #expect(error == .malformedPayload(kind: "crossmatch", reason: "missing field \"radiusArcsec\""))
        #expect(error?.description == "malformed payload for job kind \"crossmatch\": missing field \"radiusArcsec\"")
    }

    @Test func aFieldOfTheWrongTypeIsNamedWithItsPath() {
        #expect(Self.refusal(#"{"trainingSet":"k","settings":{"folds":"five"}}"#, kind: JobKind.retrain)
            .map { "\($0)".contains("settings") } == true)
        #expect(Self.refusal(#"{"paths":"/data/a.fits"}"#, kind: JobKind.ingestLamost)
            == .malformedPayload(kind: "ingest_lamost", reason: "field \"paths\": expected Array<Any>"))
        #expect(Self.refusal(#"{"modelID":1,"obsids":[1,"x"]}"#, kind: JobKind.predict)
            == .malformedPayload(kind: "predict", reason: "field \"obsids.[1]\": expected Int64"))
    }

    @Test func validPayloadsOfEveryKindPass() throws {
        let payloads: [(String, String)] = [
            (JobKind.ingestLamost, #"{"paths":["/data/a.fits"]}"#),
            (JobKind.ingestApogee, #"{"path":"/data/allStar.fits","release":"DR15","columns":"dr15"}"#),
            (JobKind.ingestCatalogue, #"{"path":"/data/dr5.csv","release":"DR5"}"#),
            (JobKind.crossmatch, try JSONB(encoding: CrossmatchParameters()).text),
            (JobKind.retrain, #"{"trainingSet":"kgiants"}"#),
            (JobKind.predict, #"{"modelID":1,"obsids":[1,2]}"#),
            (JobKind.calibrate, #"{"modelID":1}"#),
            (JobKind.loadLabels(.lasp), try JSONB(encoding: LoadLabelsPayload(kind: .lasp, path: "/d/l.fits", name: "lasp-dr5", release: "DR5")).text),
            ("noop", "{}"),
        ]
        for (kind, payload) in payloads {
            #expect(Self.refusal(payload, kind: kind) == nil, "\(kind): \(payload)")
        }
    }

    @Test func anUnknownKindAndAMismatchedCatalogueKindAreRefused() throws {
        #expect(Self.refusal("{}", kind: "ingest_everything") == .unknownKind("ingest_everything"))
        let lasp = try JSONB(encoding: LoadLabelsPayload(kind: .lasp, path: "/d/l.fits", name: "lasp-dr5", release: "DR5")).text
        #expect(Self.refusal(lasp, kind: JobKind.loadLabels(.apogee)).map { "\($0)".contains("field \"kind\"") } == true)
    }

    @Test func theRegistryRunsEveryPipelineKind() {
        let kinds = JobKind.registry().kinds
        for kind in [JobKind.ingestLamost, JobKind.ingestApogee, JobKind.ingestCatalogue, JobKind.crossmatch, JobKind.train,
                     JobKind.trainShard, JobKind.trainAssemble, JobKind.predict, JobKind.retrain, JobKind.posterior, JobKind.calibrate,
                     JobKind.loadLabelsApogee, JobKind.loadLabelsLASP, JobKind.loadLabelsTable, JobKind.tapQuery, "noop", "sleep", "fail"] {
            #expect(kinds.contains(kind), "\(kind)")
        }
        #expect(kinds.count == 18)
    }

    @Test func aPayloadThatIsNotAnObjectIsRefusedForTheTestKinds() {
        #expect(Self.refusal("[1]", kind: "noop").map { "\($0)".contains("malformed payload") } == true)
        #expect(Self.refusal(#"{"seconds":1}"#, kind: "sleep") == nil)
    }
}
