@testable import Formats
import Foundation
import Testing

/// FITSFile's one-time set-up of CFITSIO, which must happen on one thread before any concurrent use.
@Suite struct FITSFileTests {
    @Test func cfitsioIsInitialisedOnceByCreatingAnInMemoryFile() {
        FITSFile.initializeCFITSIO()
        #expect(FITSFile.cfitsioInitialized)
    }

    /// Many threads opening files at once after the set-up all succeed (none waits on CFITSIO's lock for ever).
    @Test func concurrentOpensOfAMissingFileAllFailCleanly() {
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 64) { k in
            do {
                _ = try FITSFile.open(url: URL(fileURLWithPath: "/nonexistent/slam-\(k).fits"))
            } catch {
                failures.increment()
            }
        }
        #expect(failures.value == 64)
    }
}

/// A counter several threads increment.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
