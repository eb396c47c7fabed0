import Foundation
import Store
import Testing

/// `ProcessEnvironment.current` is the real environment of this process, as libc sees it.
@Suite struct ProcessEnvironmentTests {
    @Test func currentMatchesGetenv() throws {
        let environment = ProcessEnvironment.current
        let path = try #require(getenv("PATH").map { String(cString: $0) })
        #expect(environment["PATH"] == path)
        #expect(environment["SLAM_SURELY_UNSET_VARIABLE_7F3A"] == nil)
    }

    @Test func aVariableSetInTheProcessIsSeen() {
        let name = "SLAM_PROCESS_ENVIRONMENT_TEST"
        setenv(name, "a b=c", 1)
        defer { unsetenv(name) }
        #expect(ProcessEnvironment.current[name] == "a b=c")
    }
}
