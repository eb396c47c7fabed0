import CBLAS
import Foundation

/// OpenBLAS threading of the command-line programs.
///
/// SLAM parallelises across pixels (training) and across lockstep groups of fits (inference), one task
/// per core, so each BLAS call should run on its caller's thread: OpenBLAS's own threads would spin
/// against the tasks. Measured with `slam-bench predict` on 2 cores: 198 spectra/s with one BLAS thread,
/// 148/s with OpenBLAS's default of one per core.
public enum BLASThreading {
    /// Sets OpenBLAS to one thread unless `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS` is set (then the
    /// user's choice stands).
    public static func configureForTaskParallelism() {
        guard let threads = threadCount(environment: ProcessInfo.processInfo.environment) else { return }
        openblas_set_num_threads(threads)
    }

    /// The OpenBLAS thread count to set for this environment: 1, or `nil` (leave OpenBLAS alone) when
    /// `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS` is set, even to an empty value.
    static func threadCount(environment: [String: String]) -> Int32? {
        guard environment["OPENBLAS_NUM_THREADS"] == nil, environment["OMP_NUM_THREADS"] == nil else { return nil }
        return 1
    }
}
