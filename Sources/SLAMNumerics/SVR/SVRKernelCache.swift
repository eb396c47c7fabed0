import Primitives

/// A process-wide cache of RBF kernel matrices, so that several training shards of one model running at
/// once in a worker compute each kernel once (docs/operations.md, "Sharded training").
///
/// A kernel is keyed by a digest of the exact bits of its points (standardised labels of a training set,
/// or of one cross-validation fold's subset) and its gamma: two sets of points with the same bits give
/// the same kernel, whatever their origin. The first caller of a key computes the kernel while later
/// callers of the same key wait for it and get the same instance (the same storage). A kernel in use
/// (inside ``withKernel(points:rows:columns:gamma:_:)``) is never evicted; kernels no longer in use stay
/// cached, least recently used evicted first, while the cache holds more than ``byteCap`` bytes.
///
/// This is the one piece of shared state of the numerics layer, opted into by the sharded training only
/// (`SLAMTrainer.trainShard(_:pixels:kernels:progress:)`); the single-process training computes its
/// kernels itself.
public final class SVRKernelCache: Sendable {
    /// Identity of a kernel: digest (FNV-1a 64) of the points' bits and shape, and gamma's bits.
    public struct Key: Hashable, Sendable {
        public let pointsDigest: UInt64
        public let rows: Int
        public let gammaBits: UInt64
    }

    /// One cached kernel: computed once under its own lock, so waiters block only on their key.
    final class Cell: Sendable {
        let kernel = LockedValue<SVRKernelMatrix?>(nil)
    }

    struct Entry {
        var cell: Cell
        var users: Int
        var lastUse: UInt64
        var bytes: Int
    }

    struct State {
        var entries: [Key: Entry] = [:]
        var clock: UInt64 = 0
        var computed = 0
    }

    /// Bytes of idle kernels kept (in-use kernels may exceed it).
    public let byteCap: Int
    private let state = LockedValue(State())

    /// The cache the workers share: 1 GiB of idle kernels (a 10,000-star kernel is 400 MB).
    public static let shared = SVRKernelCache(byteCap: 1 << 30)

    /// A cache keeping up to `byteCap` bytes of kernels not in use.
    public init(byteCap: Int) { self.byteCap = max(0, byteCap) }

    /// The key of the kernel of `points` (`rows x columns`, row-major) and `gamma`.
    public static func key(points: [Double], rows: Int, columns: Int, gamma: Double) -> Key {
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 * (points.count + 2))
        for v in [UInt64(rows), UInt64(columns)] + points.map(\.bitPattern) {
            for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) }
        }
        return Key(pointsDigest: FNV1a.hash64(bytes), rows: rows, gammaBits: gamma.bitPattern)
    }

    /// Runs `body` with the kernel of `points` (`rows x columns`, row-major) and `gamma`, computing it
    /// once per key; the kernel is not evicted while `body` runs.
    public func withKernel<Result>(
        points: [Double], rows: Int, columns: Int, gamma: Double, _ body: (SVRKernelMatrix) throws -> Result
    ) rethrows -> Result {
        let key = Self.key(points: points, rows: rows, columns: columns, gamma: gamma)
        let cell = state.withLock { s -> Cell in
            s.clock += 1
            if var entry = s.entries[key] {
                entry.users += 1; entry.lastUse = s.clock
                s.entries[key] = entry
                return entry.cell
            }
            let cell = Cell()
            s.entries[key] = Entry(cell: cell, users: 1, lastUse: s.clock, bytes: 4 * rows * rows)
            return cell
        }
        defer { release(key) }
        let kernel = cell.kernel.withLock { k -> SVRKernelMatrix in
            if let k { return k }
            let made = SVRKernelMatrix(points: points, rows: rows, columns: columns, gamma: gamma)
            k = made
            state.withLock { $0.computed += 1 }
            return made
        }
        return try body(kernel)
    }

    /// Number of kernels computed so far (not served from the cache).
    public var computedCount: Int { state.withLock { $0.computed } }

    /// Bytes of kernels held (in use or idle).
    public var heldBytes: Int { state.withLock { $0.entries.values.reduce(0) { $0 + $1.bytes } } }

    private func release(_ key: Key) {
        state.withLock { s in
            s.entries[key]?.users -= 1
            var held = s.entries.values.reduce(0) { $0 + $1.bytes }
            let idle = s.entries.filter { $0.value.users == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
            for (k, entry) in idle where held > byteCap {
                s.entries[k] = nil
                held -= entry.bytes
            }
        }
    }
}
