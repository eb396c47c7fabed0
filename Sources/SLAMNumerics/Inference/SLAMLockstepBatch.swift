import Foundation

/// Runs up to `slots` MINPACK fits in lockstep so that their model evaluations share one matrix product.
///
/// `lmder` asks for the model through a callback, one spectrum at a time; alone, each request is a
/// product C_g (P_g x N) * G (N x (L + 1)) whose cost is dominated by streaming and packing the P x N
/// coefficients. Here each fit runs on its own thread (one per slot); its callback posts the labels it
/// needs and waits. The serving thread waits until every unfinished slot has posted, evaluates all
/// posted labels in one product C_g * [G_1 ... G_B] (BLAS, multi-threaded by OpenBLAS), hands each
/// slot its columns, and wakes the slots. Every round holds exactly one request from each unfinished
/// slot, in slot order, so the rounds (and hence the results) do not depend on thread timing.
///
/// `@unchecked Sendable`: all shared state (`pending`, `ready`, `finished`) is read and written only
/// under `mutex`; a slot's result buffers are written by the serving thread while that slot waits, and
/// read by the slot after it has seen `ready` under the mutex (which orders the accesses).
final class SLAMLockstepBatch: @unchecked Sendable {
    let evaluator: SLAMKernelEvaluator
    let slots: Int
    /// Per slot: model flux (P, grouped order) and Jacobian (P x L) at its last request.
    let slotBuffers: [SLAMKernelBuffers]
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let slotWake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let serverWake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [[Double]?]
    private var ready: [Bool]
    private var finished: [Bool]
    private var waiting = 0  // unfinished slots without a pending request

    init(slots: Int, evaluator: SLAMKernelEvaluator) {
        precondition(slots > 0, "at least one slot")
        self.evaluator = evaluator
        self.slots = slots
        slotBuffers = (0..<slots).map { _ in SLAMKernelBuffers() }
        pending = Array(repeating: nil, count: slots)
        ready = Array(repeating: false, count: slots)
        finished = Array(repeating: false, count: slots)
        waiting = slots
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(slotWake, nil)
        pthread_cond_init(serverWake, nil)
    }

    deinit {
        pthread_cond_destroy(serverWake)
        pthread_cond_destroy(slotWake)
        pthread_mutex_destroy(mutex)
        serverWake.deallocate()
        slotWake.deallocate()
        mutex.deallocate()
    }

    /// On slot `slot`'s thread: evaluates model and Jacobian at `theta` (L standardised labels) in the
    /// next round and returns when `slotBuffers[slot]` holds them.
    func request(slot: Int, theta: UnsafePointer<Double>) {
        let labels = Array(UnsafeBufferPointer(start: theta, count: evaluator.labelCount))
        pthread_mutex_lock(mutex)
        pending[slot] = labels
        waiting -= 1
        if waiting == 0 { pthread_cond_signal(serverWake) }
        while !ready[slot] { pthread_cond_wait(slotWake, mutex) }
        ready[slot] = false
        pthread_mutex_unlock(mutex)
    }

    /// On slot `slot`'s thread: the slot has no more work.
    func finish(slot: Int) {
        pthread_mutex_lock(mutex)
        finished[slot] = true
        waiting -= 1
        if waiting == 0 { pthread_cond_signal(serverWake) }
        pthread_mutex_unlock(mutex)
    }

    /// On the serving thread: runs rounds until every slot has finished.
    func serve() {
        let l = evaluator.labelCount, p = evaluator.pixelCount
        let buffers = SLAMKernelBuffers()
        pthread_mutex_lock(mutex)
        while true {
            while waiting > 0 { pthread_cond_wait(serverWake, mutex) }
            let batch = (0..<slots).filter { pending[$0] != nil }
            if batch.isEmpty { break }
            var thetas: [Double] = []
            thetas.reserveCapacity(batch.count * l)
            for s in batch { thetas += pending[s] ?? []; pending[s] = nil }
            pthread_mutex_unlock(mutex)
            thetas.withUnsafeBufferPointer {
                evaluator.evaluate(thetas: $0, count: batch.count, jacobian: true, rows: nil, buffers: buffers)
            }
            for (k, s) in batch.enumerated() {
                let out = slotBuffers[s]
                out.flux = Array(buffers.flux[(k * p)..<((k + 1) * p)])
                out.jacobian = Array(buffers.jacobian[(k * p * l)..<((k + 1) * p * l)])
            }
            pthread_mutex_lock(mutex)
            for s in batch { ready[s] = true }
            waiting = batch.count  // the slots just served; finished slots stay finished
            pthread_cond_broadcast(slotWake)
        }
        pthread_mutex_unlock(mutex)
    }
}
