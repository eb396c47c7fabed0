import Dispatch
import Primitives
import SLAMNumerics
import Testing

/// Concurrent users of one key get one computed kernel (the same storage); idle kernels are evicted past
/// the byte cap, kernels in use never.
@Suite struct SVRKernelCacheTests {
    static let points: [Double] = [0, 1, 0.5, -1, 2, 0.25, 1.5, 0.75]

    static func address(_ k: SVRKernelMatrix) -> UInt {
        k.values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    @Test func concurrentShardsGetTheSameInstance() {
        let cache = SVRKernelCache(byteCap: 1 << 20)
        let addresses = LockedValue([UInt]()), equal = LockedValue(0)
        let expected = SVRKernelMatrix(points: Self.points, rows: 4, columns: 2, gamma: 0.5)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { kernel in
                addresses.withLock { $0.append(Self.address(kernel)) }
                if kernel == expected { equal.add(1) }
            }
        }
        #expect(addresses.current.count == 8 && Set(addresses.current).count == 1)
        #expect(equal.current == 8)
        #expect(cache.computedCount == 1)
    }

    @Test func differentGammaOrPointsAreDifferentKernels() {
        let cache = SVRKernelCache(byteCap: 1 << 20)
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { _ in }
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.25) { _ in }
        cache.withKernel(points: Self.points, rows: 2, columns: 4, gamma: 0.5) { _ in }
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { _ in }
        #expect(cache.computedCount == 3)
    }

    @Test func idleKernelsAreEvictedPastTheCapButNotThoseInUse() {
        // Each 4 x 4 kernel is 64 bytes; the cap keeps one idle kernel.
        let cache = SVRKernelCache(byteCap: 64)
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { outer in
            cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.25) { _ in }
            // The idle gamma-0.25 kernel is evicted at once; the one in use stays.
            #expect(cache.heldBytes == 64)
            cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { again in
                #expect(Self.address(again) == Self.address(outer))
            }
        }
        #expect(cache.heldBytes == 64)
        #expect(cache.computedCount == 2)
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.125) { _ in }
        #expect(cache.heldBytes == 64)
        // gamma 0.5 was the least recently used idle kernel: evicted, so it is computed again.
        cache.withKernel(points: Self.points, rows: 4, columns: 2, gamma: 0.5) { _ in }
        #expect(cache.computedCount == 4)
    }
}
