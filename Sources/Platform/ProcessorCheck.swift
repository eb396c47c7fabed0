import Foundation
import SLAMNumerics

/// The start-up check of the command-line programs: is this processor able to run this build's numerics?
public enum ProcessorCheck {
    /// Why this processor cannot run this build (with how to rebuild), or nil when it can or cannot tell
    /// (no `/proc/cpuinfo`, e.g. macOS).
    public static func unsupportedReason() -> String? {
        guard !NumericsBuild.requiredProcessorFeatures.isEmpty else { return nil }
        return unsupportedReason(cpuInfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
    }

    /// Why a processor described by `cpuInfo` (the text of a Linux `/proc/cpuinfo`; `nil` when unreadable)
    /// cannot run this build, or nil when it can, when the build needs no features, or when there is
    /// nothing to judge by.
    static func unsupportedReason(cpuInfo: String?) -> String? {
        guard !NumericsBuild.requiredProcessorFeatures.isEmpty, let text = cpuInfo else { return nil }
        let missing = NumericsBuild.missingProcessorFeatures(inCPUInfo: text)
        guard !missing.isEmpty else { return nil }
        return "this build of SLAM is compiled for x86-64 processors with "
            + NumericsBuild.requiredProcessorFeatures.joined(separator: " and ")
            + ", and this processor lacks \(missing.joined(separator: ", ")). Rebuild for the x86-64 baseline with "
            + "`SLAM_TARGET_CPU=generic swift build -c release` (the SVR training is then about half as fast)."
    }

    /// Prints the reason to standard error and exits with status 70 (EX_SOFTWARE) when the processor cannot
    /// run this build.
    public static func exitIfUnsupported(program: String) {
        guard let reason = unsupportedReason() else { return }
        FileHandle.standardError.write(Data("\(program): error: \(reason)\n".utf8))
        exit(70)
    }
}
