/// How this build of the numerics was compiled: the processor features its code uses (Package.swift,
/// `SLAM_TARGET_CPU`), so that a program can refuse to start on a processor without them instead of dying
/// on an illegal instruction.
public enum NumericsBuild {
    /// Feature flags (as `/proc/cpuinfo` names them) the compiled numerics need; empty for a generic build.
    #if SLAM_NUMERICS_AVX2
    public static let requiredProcessorFeatures = ["avx2", "fma"]
    #else
    public static let requiredProcessorFeatures: [String] = []
    #endif

    /// The required features missing from a Linux `/proc/cpuinfo` text (its first `flags` line); empty when
    /// all are present or the text has no `flags` line (nothing to judge by).
    public static func missingProcessorFeatures(inCPUInfo text: String) -> [String] {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        return requiredProcessorFeatures.filter { !flags.contains($0) }
    }
}
