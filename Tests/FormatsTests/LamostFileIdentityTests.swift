import Testing
@testable import Formats

@Suite struct LamostFileIdentityTests {
    @Test func namesAreParsedFromTheRight() {
        #expect(LamostFileIdentity(fileName: "spec-55859-F5902_sp08-171.fits.gz")
                == LamostFileIdentity(lmjd: 55859, planid: "F5902", spid: 8, fiberid: 171))
        #expect(LamostFileIdentity(fileName: "spec-56000-GAC_090N33_V1_sp12-005.fits")
                == LamostFileIdentity(lmjd: 56000, planid: "GAC_090N33_V1", spid: 12, fiberid: 5))
        #expect(LamostFileIdentity(fileName: "spec-56000-A_sp01_sp02-003.fits")?.planid == "A_sp01")
    }

    @Test func otherNamesAreNotIdentities() {
        for name in ["spec-5585-F5902_sp08-171.fits", "spec-55859-F5902_sp8-171.fits", "spec-55859-_sp08-171.fits",
                     "spec-55859-F5902_sp08-171.fit", "x.fits", "spec-55859-F5902_sp08-17a.fits.gz"] {
            #expect(LamostFileIdentity(fileName: name) == nil, "\(name)")
        }
    }

    @Test func fileNamesRoundTrip() {
        let identity = LamostFileIdentity(lmjd: 58397, planid: "EG014118N254444M01", spid: 3, fiberid: 31)
        #expect(identity.fileName(compressed: false) == "spec-58397-EG014118N254444M01_sp03-031.fits")
        #expect(LamostFileIdentity(fileName: identity.fileName(compressed: true)) == identity)
    }
}
