@testable import Queue
import Testing

/// Wake-ups bump the generation so a wait that started after an empty claim cannot miss one;
/// stop is sticky and ends every wait.
@Suite struct WorkerSignalTests {
    @Test func wakeBumpsTheGeneration() {
        let signal = WorkerSignal()
        let before = signal.generation
        signal.wake()
        signal.wake()
        #expect(signal.generation == before + 2)
        #expect(!signal.isStopping)
    }

    @Test func stopIsStickyAndDoesNotCountAsAWake() {
        let signal = WorkerSignal()
        let before = signal.generation
        signal.stop()
        signal.stop()
        #expect(signal.isStopping)
        #expect(signal.generation == before)
    }

    @Test(.timeLimit(.minutes(1))) func aWakeBeforeTheWaitIsNotMissed() {
        let signal = WorkerSignal()
        let seen = signal.generation
        signal.wake()  // arrives between the claim and the wait
        // An hour-long wait returns at once because the generation already moved on.
        signal.wait(since: seen, seconds: 3600)
        #expect(signal.generation == seen + 1)
    }

    @Test(.timeLimit(.minutes(1))) func waitingOnAStoppedSignalReturnsAtOnce() {
        let signal = WorkerSignal()
        signal.stop()
        signal.wait(seconds: 3600)
        signal.wait(since: signal.generation, seconds: 3600)
        #expect(signal.isStopping)
    }
}
