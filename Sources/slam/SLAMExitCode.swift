import ArgumentParser
import Formats
import Pipeline
import Store

/// The exit statuses of `slam`, in one place (README, "Exit statuses"). The values follow sysexits(3),
/// as ArgumentParser's 64 for usage errors already does, so scripts can tell a bad command line from
/// bad data, an unreachable database, a failed job and a timeout.
enum SLAMExitCode: Int32, CaseIterable, Sendable {
    /// Done.
    case success = 0
    /// Any other error (ArgumentParser prints it as `Error: ...`).
    case failure = 1
    /// EX_USAGE: a bad command line or option value (ArgumentParser prints the usage).
    case usage = 64
    /// EX_DATAERR: the input file or data cannot be used (a FITS file, a label table, a training-set
    /// selection), found by the command itself rather than by a job.
    case dataError = 65
    /// EX_UNAVAILABLE: the database cannot be reached, after the retries (about 30 s when connecting,
    /// about 3 minutes while `--wait` follows jobs).
    case unavailable = 69
    /// EX_SOFTWARE: a job the command followed is dead, cancelled, or failing with the same error again
    /// and again; each is printed with its id, kind and stored error.
    case jobFailed = 70
    /// EX_TEMPFAIL: `--timeout` passed before the jobs finished (they go on in the queue).
    case timedOut = 75

    /// The status and the message to print for an error a command threw; nil for errors ArgumentParser
    /// reports itself (usage errors: 64 with the usage text; anything unknown: 1 with `Error: ...`).
    static func outcome(for error: any Error) -> (code: SLAMExitCode, message: String)? {
        switch error {
        case let error as JobFollowError:
            switch error {
            case .failed: return (.jobFailed, error.description)
            case .timedOut: return (.timedOut, error.description)
            }
        case let error as PostgresError where error.isConnectionProblem:
            return (.unavailable, "database unavailable: \(error)")
        case let error as LabelCatalogueError:
            if case let .database(inner) = error { return outcome(for: inner) }
            return (.dataError, error.description)
        case let error as TrainingSetError:
            if case let .database(inner) = error { return outcome(for: inner) }
            return (.dataError, error.description)
        case let error as FITSError:
            return (.dataError, error.description)
        default:
            return nil
        }
    }
}
