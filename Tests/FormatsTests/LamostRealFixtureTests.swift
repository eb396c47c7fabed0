import Foundation
import Testing
@testable import Formats

/// The five real LAMOST files against what an independent reader (astropy) found (`expected.json`).
@Suite struct LamostRealFixtureTests {
    static let fileNames = [
        "spec-55862-B6212_sp06-003.fits",
        "spec-55984-B5598401_sp05-229.fits",
        "spec-58397-EG014118N254444M01_sp03-031.fits",
        "spec-55859-F5902_sp08-171.fits.gz",
        "spec-59522-EG224840N075042B03_sp05-172.fits.gz",
    ]

    static func expected() throws -> [String: [String: Any]] {
        let dir = try #require(FormatsTestSupport.lamostRealDirectory)
        let data = try Data(contentsOf: dir.appendingPathComponent("expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    static func read(_ name: String) throws -> LamostSpectrum {
        let dir = try #require(FormatsTestSupport.lamostRealDirectory)
        return try LamostSpectrumReader.read(url: dir.appendingPathComponent(name))
    }

    @Test(arguments: fileNames)
    func pixelCountsAndLayoutMatchAstropy(name: String) throws {
        let expected = try #require(try Self.expected()[name])
        let spectrum = try Self.read(name)
        let npix = try #require(expected["npix"] as? Int)
        #expect(spectrum.pixelCount == npix)
        #expect(spectrum.ivar.count == npix && spectrum.wavelength.count == npix && spectrum.andMask.count == npix)
        let isTable = expected["extname"] as? String == "COADD"
        #expect(spectrum.layout == (isTable ? .table : .image))
        let flux = spectrum.flux, ivar = spectrum.ivar
        #expect(ivar.filter { $0 == 0 }.count == expected["ivar0"] as? Int)
        #expect(ivar.filter { $0 < 0 }.count == expected["ivar_neg"] as? Int)
        #expect(spectrum.andMask.filter { $0 != 0 }.count == expected["andmask_nz"] as? Int)
        #expect(spectrum.orMask.filter { $0 != 0 }.count == expected["ormask_nz"] as? Int)
        #expect(flux.filter { $0 < 0 }.count == expected["flux_neg"] as? Int)
        #expect(flux.filter { $0 == 0 }.count == expected["flux_zero"] as? Int)
        #expect(flux.filter { !$0.isFinite }.count == expected["flux_nonfinite"] as? Int)
        let ivar0AndMask0 = zip(ivar, spectrum.andMask).filter { $0 == 0 && $1 == 0 }.count
        #expect(ivar0AndMask0 == expected["ivar0_and_mask0"] as? Int)
        let maskedButIvarPositive = zip(ivar, spectrum.andMask).filter { $0 > 0 && $1 != 0 }.count
        #expect(maskedButIvarPositive == expected["mask_and_but_ivar_pos"] as? Int)
        let andValues = Set(spectrum.andMask.map(Int.init)).sorted()
        #expect(andValues == expected["andmask_vals"] as? [Int])
        // expected.json rounds medians to 4 decimals (float32 values): 1e-3 absolute is a safe margin.
        let medianAll = try #require(expected["flux_median_all"] as? Double)
        #expect(abs(FormatsTestSupport.median(flux) - medianAll) < 1e-3)
        let positive = zip(flux, ivar).filter { $1 > 0 }.map(\.0)
        let medianPositive = try #require(expected["flux_median_ivar_pos"] as? Double)
        #expect(abs(FormatsTestSupport.median(positive) - medianPositive) < 1e-3)
        if let normMedian = expected["norm_median"] as? Double {
            let normalized = try #require(spectrum.normalizedFlux)
            #expect(abs(FormatsTestSupport.median(normalized) - normMedian) < 1e-6)
        }
        let badCount = spectrum.badPixels.filter { $0 }.count
        #expect(badCount == (expected["ivar0"] as? Int ?? 0) + maskedButIvarPositive)
    }

    @Test(arguments: fileNames)
    func wavelengthsComeFromTheFileWhenTheyAgreeWithTheGrid(name: String) throws {
        let expected = try #require(try Self.expected()[name])
        let spectrum = try Self.read(name)
        let row2 = try #require(expected["row2_first_last"] as? [Double])
        let grid = try #require(expected["grid_first_last"] as? [Double])
        let isPilot = (expected["row2_median"] as? Double) == 1.0
        // Pilot row 2 is the subcontinuum: wavelengths from keywords. Else row 2 / the column is used.
        let reference = isPilot ? grid : row2
        #expect(spectrum.wavelengthSource == (isPilot ? .keywords : (spectrum.layout == .table ? .tableColumn : .imageRow)))
        // expected.json gives 3 decimals: 1e-3 A tolerance (plus float32 rounding, below 1e-3 A here).
        #expect(abs(spectrum.wavelength[0] - reference[0]) <= 1.5e-3)
        #expect(abs(spectrum.wavelength[spectrum.pixelCount - 1] - reference[1]) <= 1.5e-3)
        #expect(zip(spectrum.wavelength, spectrum.wavelength.dropFirst()).allSatisfy { $0 < $1 })
        if isPilot {
            let normalized = try #require(spectrum.normalizedFlux)
            #expect(abs(FormatsTestSupport.median(normalized) - 1.0) < 1e-6)
        }
    }

    @Test(arguments: fileNames)
    func everyExpectedKeywordReadsAsAstropyReadsIt(name: String) throws {
        let dir = try #require(FormatsTestSupport.lamostRealDirectory)
        let data = try Data(contentsOf: dir.appendingPathComponent("expected.json"))
        let all = try JSONDecoder().decode([String: ExpectedKeys].self, from: data)
        let keys = try #require(all[name]?.keys)
        #expect(keys.count >= 40)
        let header = try Self.read(name).header
        for (key, value) in keys {
            let card = header.value(key)
            switch value {
            case .null:
                #expect(card == nil, "\(name): \(key) should be absent")
            case .bool(let b):
                #expect(card == .bool(b), "\(name): \(key)")
            case .number(let number):
                let got = try #require(card?.doubleValue, "\(name): \(key) missing")
                #expect(abs(got - number) <= 1e-12 * max(1, abs(number)), "\(name): \(key)")
            case .string(let text):
                #expect(card?.stringValue == text, "\(name): \(key)")
            }
        }
    }

    @Test func metadataFollowsTheConventionsOfEachRelease() throws {
        let pilot = try Self.read("spec-55862-B6212_sp06-003.fits").metadata
        #expect(pilot.obsid == nil)
        #expect(pilot.snr == LamostSNR(u: 14.02, g: 71.41, r: nil, i: nil, z: nil))
        #expect(pilot.lmjd == 55862 && pilot.mjd == 55863 && pilot.dataRelease == nil)
        #expect(pilot.pipelineVersion == "v2.6.4" && pilot.fiberid == 3 && pilot.spid == 6)
        let dr5 = try Self.read("spec-55984-B5598401_sp05-229.fits").metadata
        #expect(dr5.obsid == 43905229 && dr5.snr.u == nil && dr5.snr.z == 39.71)
        #expect(dr5.coeff0 == 3.5842 && dr5.subclass == "M3" && dr5.objectClass == "STAR")
        #expect(dr5.z == 0.0001263 && dr5.zErr == 5.9e-06 && dr5.helioRV == 13.03079)
        let dr10 = try Self.read("spec-59522-EG224840N075042B03_sp05-172.fits.gz")
        #expect(dr10.metadata.obsid == 938505172 && dr10.metadata.dataRelease == "LAMOST DR10")
        #expect(dr10.metadata.dateObs == "2021-11-03T20:55:14.721")
        #expect(dr10.identity == LamostFileIdentity(lmjd: 59522, planid: "EG224840N075042B03", spid: 5, fiberid: 172))
        let dr7 = try Self.read("spec-58397-EG014118N254444M01_sp03-031.fits").metadata
        #expect(dr7.lmjd == 58397 && dr7.mjd == 58396 && dr7.objectType == "gal" && dr7.ra == 24.376852)
    }

    @Test(arguments: fileNames)
    func headerRendersAsValidJSON(name: String) throws {
        let json = try Self.read(name).header.jsonString
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["PLANID"] as? String != nil)
        #expect(object["NAXIS"] as? Int != nil)
    }
}
