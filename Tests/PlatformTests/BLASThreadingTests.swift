@testable import Platform
import Testing

/// OpenBLAS goes to one thread unless the user chose a thread count through the environment.
@Suite struct BLASThreadingTests {
    @Test func withoutAThreadVariableOpenBLASGetsOneThread() {
        #expect(BLASThreading.threadCount(environment: [:]) == 1)
        #expect(BLASThreading.threadCount(environment: ["PATH": "/usr/bin", "OPENBLAS_VERBOSE": "2"]) == 1)
    }

    @Test(arguments: [
        ["OPENBLAS_NUM_THREADS": "4"], ["OMP_NUM_THREADS": "2"], ["OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "8"],
        ["OMP_NUM_THREADS": ""],
    ])
    func aThreadVariableLeavesTheUsersChoice(environment: [String: String]) {
        #expect(BLASThreading.threadCount(environment: environment) == nil)
    }
}
