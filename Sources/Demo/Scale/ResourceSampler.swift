import Foundation
import Primitives

/// Samples memory on a thread of its own, every `intervalSeconds`, while a scale run works: this process's
/// resident set (the in-process workers; from `/proc/self/statm`) and the database server's (the postmaster
/// and its children, as the sum of their proportional set sizes from `/proc/PID/smaps_rollup`, so shared
/// buffers count once). The server's share is `nil` when the server is not on this machine.
public final class ResourceSampler: Sendable {
    /// Peaks since the last ``takePeaks()``, bytes.
    public struct Peaks: Sendable, Equatable {
        public var processBytes: Int64
        public var serverBytes: Int64?

        public init(processBytes: Int64, serverBytes: Int64?) {
            self.processBytes = processBytes
            self.serverBytes = serverBytes
        }

        /// The larger of two peaks, field by field.
        public func merged(_ other: Peaks) -> Peaks {
            Peaks(processBytes: max(processBytes, other.processBytes),
                  serverBytes: serverBytes.map { max($0, other.serverBytes ?? 0) } ?? other.serverBytes)
        }
    }

    private struct State {
        var peaks = Peaks(processBytes: 0, serverBytes: nil)
        /// The latest sample, which also counts for a stage shorter than the interval.
        var latest = Peaks(processBytes: 0, serverBytes: nil)
        var running = false
    }

    private let state = LockedValue(State())
    /// The postmaster's process id, when the server runs on this machine.
    public let postmasterPID: Int32?
    public let intervalSeconds: Double

    /// A sampler of this process and of the server whose postmaster is `postmasterPID` (`nil`: the server's
    /// memory is not sampled); not started.
    public init(postmasterPID: Int32?, intervalSeconds: Double = 0.2) {
        self.postmasterPID = postmasterPID
        self.intervalSeconds = intervalSeconds
    }

    /// Starts sampling (a no-op when running).
    public func start() {
        let alreadyRunning = state.withLock { s -> Bool in
            defer { s.running = true }
            return s.running
        }
        guard !alreadyRunning else { return }
        let thread = Thread { [self] in
            var servers: [Int32] = []
            var round = 0
            while state.withLock({ $0.running }) {
                if round % 10 == 0, let postmasterPID { servers = [postmasterPID] + Self.children(of: postmasterPID) }
                round += 1
                let sample = Peaks(processBytes: Self.residentBytes(),
                                   serverBytes: postmasterPID == nil ? nil : servers.reduce(Int64(0)) { $0 + Self.proportionalBytes($1) })
                state.withLock { $0.peaks = $0.peaks.merged(sample); $0.latest = sample }
                Thread.sleep(forTimeInterval: intervalSeconds)
            }
        }
        thread.start()
    }

    /// Stops sampling (the thread ends within one interval).
    public func stop() { state.withLock { $0.running = false } }

    /// The peaks since the previous call (or the start), including this process now and the latest sample;
    /// resets them.
    public func takePeaks() -> Peaks {
        let now = Peaks(processBytes: Self.residentBytes(), serverBytes: nil)
        return state.withLock { s in
            defer { s.peaks = Peaks(processBytes: 0, serverBytes: nil) }
            return s.peaks.merged(s.latest).merged(now)
        }
    }

    /// Resident set of this process, bytes (`/proc/self/statm`, second field, pages).
    public static func residentBytes() -> Int64 {
        guard let text = read("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int64(fields[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Proportional set size of a process, bytes (`Pss:` of `/proc/PID/smaps_rollup`, kB); 0 when gone.
    static func proportionalBytes(_ pid: Int32) -> Int64 {
        guard let text = read("/proc/\(pid)/smaps_rollup") else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("Pss:") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let kB = Int64(parts[1]) { return kB * 1024 }
        }
        return 0
    }

    /// The parent of a process (`/proc/PID/stat`, the field after the state), or `nil` (no such process
    /// here). The postmaster is the parent of a live connection's backend (`pg_backend_pid()`).
    public static func parentPID(_ pid: Int32) -> Int32? {
        guard let text = read("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// The children of a process, from every `/proc/PID/stat`.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { parentPID($0) == parent }
    }

    /// The text of a `/proc` file, or `nil` when it cannot be read.
    private static func read(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return text(of: handle)
    }

    /// The rest of an open file as text, or `nil` when the read fails. A process that exits between the
    /// open of its `/proc` file and the read makes the read fail (ESRCH): the throwing `readToEnd()`
    /// reports that, where `readDataToEndOfFile()` stops the program.
    static func text(of handle: FileHandle) -> String? {
        do {
            return String(data: try handle.readToEnd() ?? Data(), encoding: .utf8)
        } catch {
            return nil
        }
    }
}
