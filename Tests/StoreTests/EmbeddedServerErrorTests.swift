import Store
import Testing

/// Each embedded-server failure explains itself: what failed, where, and what to do.
@Suite struct EmbeddedServerErrorTests {
    @Test func missingBinariesNameTheDirectoryAndThePackagesToInstall() {
        let error = EmbeddedServerError.binariesMissing(directory: "/usr/lib/postgresql/15/bin")
        #expect(error.description == "PostgreSQL 15 binaries not found in /usr/lib/postgresql/15/bin "
            + "(apt-get install postgresql-15 postgresql-15-q3c postgresql-15-cron)")
    }

    @Test func aFailedCommandShowsItsStatusThenItsOutputOnTheNextLine() {
        let error = EmbeddedServerError.commandFailed(command: "initdb", status: 1, output: "initdb: error: directory exists")
        #expect(error.description == "initdb exited with status 1:\ninitdb: error: directory exists")
    }

    @Test func accessAndFileSystemErrorsNameThePath() {
        #expect(EmbeddedServerError.directoryNotAccessible(path: "/root/x", hint: "use SLAM_HOME").description
            == "the postgres system user cannot reach /root/x: use SLAM_HOME")
        #expect(EmbeddedServerError.fileSystem(path: "/tmp/pg", reason: "read-only").description == "/tmp/pg: read-only")
    }

    @Test func anUnreachableServerCarriesTheConnectionError() {
        let cause = PostgresError.connectionFailed(target: "/tmp/slam-1", message: "refused")
        #expect(EmbeddedServerError.notReachable(cause).description
            == "embedded server started but is not reachable: cannot connect to PostgreSQL at /tmp/slam-1: refused")
    }
}
