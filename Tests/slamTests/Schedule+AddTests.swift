@testable import slam
import Testing

/// `slam schedule add` (Schedule+Add.swift).
@Suite struct ScheduleAddTests {
    @Test func parsesTheScheduleAndChecksItsPayload() throws {
        let add = try SLAMParsing.parse(["schedule", "add", "weekly-retrain", "--cron", "0 3 * * 0", "--kind", "retrain",
                                         "--payload", #"{"trainingSet": "kgiants"}"#], as: Schedule.Add.self)
        #expect(add.name == "weekly-retrain" && add.cron == "0 3 * * 0" && add.kind == "retrain")
        #expect(add.payload == #"{"trainingSet": "kgiants"}"#)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["schedule", "add", "n", "--kind", "train"], saying: "Missing expected argument '--cron <cron>'")
        SLAMParsing.expectRejected(["schedule", "add", "n", "--cron", "bad", "--kind", "train"],
                                   saying: "invalid cron expression \"bad\": expected 5 fields, found 1")
        SLAMParsing.expectRejected(["schedule", "add", "n", "--cron", "0 3 * * 0", "--kind", "train", "--payload", "[]"],
                                   saying: "--payload must be a JSON object")
        SLAMParsing.expectRejected(["schedule", "add", "n", "--cron", "0 3 * * 0", "--kind", "train"],
                                   saying: "--payload: malformed payload for job kind \"train\"", "trainingSet")
        SLAMParsing.expectRejected(["schedule", "add", "n", "--cron", "0 3 * * 0", "--kind", "bogus"],
                                   saying: "no handler registered for job kind \"bogus\"")
    }
}
