import Foundation
import SLAMNumerics
import Testing

/// The 16-bit storage of preprocessed arrays: its error bounds, exact zeros, ranges and refusals.
@Suite struct CompactSpectrumArraysTests {
    /// A spectrum-like pair: flux 0.2 ... 1.3 with a bad pixel holding 1, ivar spanning 2^-3 ... 2^17 with zeros.
    static func sample(_ p: Int = 1901) -> (flux: [Float], ivar: [Float]) {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let flux = (0..<p).map { i in i % 97 == 0 ? Float(1) : Float(0.2 + 1.1 * uniform()) }
        let ivar = (0..<p).map { i in i % 97 == 0 ? Float(0) : Float(exp2(-3 + 20 * uniform())) }
        return (flux, ivar)
    }

    @Test func decodedFluxIsWithinHalfAStepOfTheOriginal() throws {
        let (flux, ivar) = Self.sample()
        let coded = try CompactSpectrumArrays(flux: flux, ivar: ivar)
        let decoded = coded.flux
        let step = Double(coded.fluxStep)
        #expect(step > 0 && step <= 1.1 / 65534 * 1.0001)
        for (a, b) in zip(flux, decoded) {
            #expect(abs(Double(a) - Double(b)) <= step / 2 * 1.001 + Double(a.ulp))
        }
    }

    @Test func decodedIvarIsWithinTheStatedRelativeErrorAndZerosStayZero() throws {
        let (flux, ivar) = Self.sample()
        let coded = try CompactSpectrumArrays(flux: flux, ivar: ivar)
        let bound = coded.maximumRelativeIvarError
        // log2 ivar spans about 20: step 20 / 65534, relative error 2^(step/2) - 1 ~ 1.1e-4.
        #expect(bound > 0 && bound < 1.2e-4)
        for (a, b) in zip(ivar, coded.ivar) {
            if a == 0 { #expect(b == 0) } else { #expect(abs(Double(b) / Double(a) - 1) <= bound * 1.001 + 1e-7) }
        }
        #expect(coded.ivarCodes.filter { $0 == CompactSpectrumArrays.zeroIvarCode }.count == ivar.filter { $0 == 0 }.count)
    }

    @Test func theExtremesAreCodedExactlyAtTheEndsOfTheRange() throws {
        let coded = try CompactSpectrumArrays(flux: [0.5, 1.5, 1.0], ivar: [4, 1, 16])
        #expect(coded.fluxCodes == [-32767, 32767, 0])
        #expect(coded.flux[0] == 0.5)
        #expect(abs(coded.flux[1] - 1.5) <= 1e-6)
        #expect(coded.ivarCodes == [0, -32767, 32767])
        #expect(coded.ivar[1] == 1)
        #expect(abs(coded.ivar[2] - 16) <= 16e-6)
    }

    @Test func constantArraysAndAllBadPixelsDecodeExactly() throws {
        let coded = try CompactSpectrumArrays(flux: [1, 1, 1], ivar: [0, 0, 0])
        #expect(coded.flux == [1, 1, 1])
        #expect(coded.ivar == [0, 0, 0])
        #expect(coded.fluxStep == 1 && coded.log2IvarStep == 1)
        let single = try CompactSpectrumArrays(flux: [0.9, 0.9], ivar: [25, 25])
        #expect(single.flux == [0.9, 0.9])
        #expect(single.ivar == [25, 25])
    }

    @Test func theFluxErrorInSigmaIsHalfAStepTimesTheLargestSigmaInverse() throws {
        let coded = try CompactSpectrumArrays(flux: [0, 2, 1], ivar: [1e6, 100, 0])
        // step 2 / 65534; largest ivar 1e6 (sigma 1e-3): (step / 2) / 1e-3 = 0.0153.
        #expect(abs(coded.maximumFluxErrorInSigma - 1 / 65534.0 * 1000) < 1e-4)
    }

    @Test func storedBytesAreHalfOfTwoRealArraysForAModelGrid() throws {
        let (flux, ivar) = Self.sample()
        let coded = try CompactSpectrumArrays(flux: flux, ivar: ivar)
        let realArrays = 2 * (24 + 4 * 1901)
        #expect(coded.storedBytes == 7_668)
        #expect(Double(coded.storedBytes) / Double(realArrays) < 0.51)
    }

    @Test func storedCodesRebuildTheSameValues() throws {
        let (flux, ivar) = Self.sample(50)
        let coded = try CompactSpectrumArrays(flux: flux, ivar: ivar)
        let rebuilt = CompactSpectrumArrays(fluxCodes: coded.fluxCodes, fluxOffset: coded.fluxOffset, fluxStep: coded.fluxStep,
                                            ivarCodes: coded.ivarCodes, log2IvarOffset: coded.log2IvarOffset,
                                            log2IvarStep: coded.log2IvarStep)
        #expect(rebuilt == coded)
        #expect(rebuilt.flux == coded.flux && rebuilt.ivar == coded.ivar)
    }

    @Test func arraysBreakingThePreprocessedInvariantAreRefused() {
        #expect(throws: CompactSpectrumArrays.Failure.lengthMismatch(flux: 2, ivar: 1)) {
            try CompactSpectrumArrays(flux: [1, 1], ivar: [1])
        }
        #expect(throws: CompactSpectrumArrays.Failure.nonFiniteFlux(pixel: 1)) {
            try CompactSpectrumArrays(flux: [1, .nan], ivar: [1, 1])
        }
        #expect(throws: CompactSpectrumArrays.Failure.invalidIvar(pixel: 0, value: -1)) {
            try CompactSpectrumArrays(flux: [1, 1], ivar: [-1, 1])
        }
        #expect(CompactSpectrumArrays.Failure.invalidIvar(pixel: 0, value: -1).description
                == "ivar at pixel 0 is -1.0; it must be finite and >= 0")
    }
}
