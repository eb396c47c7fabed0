@testable import Platform
import SLAMNumerics
import Testing

/// The start-up processor check judges `/proc/cpuinfo` text against the features this build needs.
@Suite struct ProcessorCheckTests {
    static let haswell = """
        processor\t: 0
        model name\t: Intel(R) Xeon(R) CPU E5-2680 v3
        flags\t\t: fpu sse sse2 avx fma avx2 bmi2
        """
    static let oldXeon = """
        processor\t: 0
        flags\t\t: fpu sse sse2 ssse3 sse4_1 avx
        processor\t: 1
        flags\t\t: fpu sse sse2 avx fma avx2
        """

    static var needsFeatures: Bool { !NumericsBuild.requiredProcessorFeatures.isEmpty }

    @Test func aProcessorWithTheFeaturesOrNothingToJudgeByPasses() {
        #expect(ProcessorCheck.unsupportedReason(cpuInfo: Self.haswell) == nil)
        #expect(ProcessorCheck.unsupportedReason(cpuInfo: nil) == nil)
        #expect(ProcessorCheck.unsupportedReason(cpuInfo: "processor\t: 0\nvendor_id\t: GenuineIntel\n") == nil)
    }

    @Test(.enabled(if: ProcessorCheckTests.needsFeatures))
    func aProcessorWithoutAVX2IsRefusedWithTheRebuildCommand() {
        #expect(NumericsBuild.requiredProcessorFeatures == ["avx2", "fma"])
        #expect(ProcessorCheck.unsupportedReason(cpuInfo: Self.oldXeon) == "this build of SLAM is compiled for x86-64 "
            + "processors with avx2 and fma, and this processor lacks avx2, fma. Rebuild for the x86-64 baseline with "
            + "`SLAM_TARGET_CPU=generic swift build -c release` (the SVR training is then about half as fast).")
        let onlyFMA = ProcessorCheck.unsupportedReason(cpuInfo: "flags\t\t: sse2 fma\n")
        #expect(onlyFMA?.contains("this processor lacks avx2. Rebuild") == true)
    }

    @Test(.enabled(if: !ProcessorCheckTests.needsFeatures))
    func aGenericBuildRunsAnywhere() {
        #expect(ProcessorCheck.unsupportedReason(cpuInfo: Self.oldXeon) == nil)
        #expect(ProcessorCheck.unsupportedReason() == nil)
    }
}
