@testable import Queue
import Testing

/// Per-job state for heartbeats (progress handed over once, lost leases, handler completion) and
/// the set of jobs a worker holds.
@Suite struct ActiveJobsTests {
    func entry(_ id: Int, stop: WorkerSignal = WorkerSignal()) -> ActiveJobEntry {
        ActiveJobEntry(lease: JobQueue.Lease(id: id, attempt: 1), stop: stop)
    }

    @Test func progressIsHandedToTheHeartbeatOnlyWhenItChanged() {
        let job = entry(1)
        #expect(job.takeProgress() == nil)
        #expect(job.latestProgress == nil)
        job.setProgress(done: 3, total: 10)
        #expect(job.takeProgress() == "{\"done\": 3, \"total\": 10}")
        #expect(job.takeProgress() == nil)
        #expect(job.latestProgress == "{\"done\": 3, \"total\": 10}")
        job.setProgress(done: 4, total: nil)
        #expect(job.takeProgress() == "{\"done\": 4}")
        #expect(job.latestProgress == "{\"done\": 4}")
    }

    @Test func aLostLeaseOrAStoppingWorkerCancelsTheJob() {
        let stop = WorkerSignal()
        let lost = entry(1, stop: stop)
        let other = entry(2, stop: stop)
        #expect(!lost.isCancelled && !other.isCancelled)
        lost.markLost()
        #expect(lost.isLost && lost.isCancelled)
        #expect(!other.isLost && !other.isCancelled)
        stop.stop()
        #expect(other.isCancelled)
        #expect(!other.isLost)
    }

    @Test func completionByTheHandlerIsRemembered() {
        let job = entry(1)
        #expect(!job.isCompletedByHandler)
        job.markCompletedByHandler()
        #expect(job.isCompletedByHandler)
    }

    @Test func jobsAreHeldByIdUntilRemoved() {
        let active = ActiveJobs()
        active.add(entry(5))
        active.add(entry(6))
        active.add(entry(5))  // the same job again replaces, not duplicates
        #expect(active.count == 2)
        #expect(Set(active.snapshot.map(\.lease.id)) == [5, 6])
        active.remove(5)
        active.remove(42)
        #expect(active.snapshot.map(\.lease.id) == [6])
        #expect(active.count == 1)
    }
}
