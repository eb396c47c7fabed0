import Foundation
import Testing
@testable import Demo

/// The sampler reads this machine's /proc: this process's resident set, and a process tree's proportional
/// set (here: the tree of this test process's parent, standing in for the postmaster).
@Suite struct ResourceSamplerTests {
    @Test func findsParentsAndChildren() {
        #expect(ResourceSampler.parentPID(getpid()) == getppid())
        #expect(ResourceSampler.children(of: getppid()).contains(getpid()))
        #expect(ResourceSampler.parentPID(Int32.max) == nil)
    }

    @Test func peaksCoverThisProcessAndTheServerTree() throws {
        let sampler = ResourceSampler(postmasterPID: getppid(), intervalSeconds: 0.01)
        sampler.start()
        defer { sampler.stop() }
        var peaks = sampler.takePeaks()
        while peaks.serverBytes == nil {
            Thread.sleep(forTimeInterval: 0.01)
            peaks = sampler.takePeaks()
        }
        // The next call still has the latest sample, however short the interval since.
        #expect(sampler.takePeaks().serverBytes != nil)
        #expect(peaks.processBytes >= ResourceSampler.proportionalBytes(getpid()) / 2 && peaks.processBytes > 1_000_000)
        #expect((peaks.serverBytes ?? 0) >= ResourceSampler.proportionalBytes(getppid()))
        let withoutServer = ResourceSampler(postmasterPID: nil)
        #expect(withoutServer.takePeaks().serverBytes == nil && withoutServer.takePeaks().processBytes > 0)
    }

    /// A server process that exits while its `/proc` file is open (a backend ending between the sampler's
    /// open and read) makes the read fail with ESRCH: the sample is missing, the test process goes on
    /// (`readDataToEndOfFile()` stopped the whole test run here).
    @Test func aProcessThatExitsBetweenOpenAndReadIsSkipped() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        try child.run()
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/\(child.processIdentifier)/smaps_rollup"))
        defer { try? handle.close() }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(ResourceSampler.text(of: handle) == nil)
        #expect(ResourceSampler.proportionalBytes(child.processIdentifier) == 0)
    }
}
