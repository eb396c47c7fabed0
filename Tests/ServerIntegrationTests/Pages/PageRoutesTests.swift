import Catalogue
import CatalogueTestSupport
import Foundation
import Server
import Store
import StoreTestSupport
import Testing

/// The pages over HTTP on the TAP tests' small catalogue: values from files escaped, requests refused with
/// their reasons, the FITS file served from the path recorded at ingest, and the pages' headers.
@Suite("Pages over HTTP", .serialized)
struct PageRoutesTests {
    static let hostileDesignation = "<script>alert(\"x\")</script> & 'quoted'"
    static let hostileObjectName = "<img src=x onerror=\"alert(1)\">"

    @Test func aHeaderHoldingMarkupAndQuotesRendersAsText() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            try await database.withConnection { db in
                try TestRows.spectrum(db, obsid: 900, ra: 40, dec: 5, snrg: 30, designation: Self.hostileDesignation, objectClass: "STAR")
                try db.execute("UPDATE lamost_spectrum SET header = jsonb_build_object('OBJNAME', \(Self.hostileObjectName)::text) WHERE obsid = 900")
            }
            try await PagesTestServer.withServer(database) { root in
                let page = try await TapHTTP.get(root + "/star/900")
                #expect(page.status == 200)
                #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
                #expect(page.text.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"))
                #expect(!page.text.contains("<script"))
                #expect(!page.text.contains("<img"))
                let search = try await TapHTTP.get(root + "/", [("q", Self.hostileDesignation)])
                #expect(search.status == 200)
                #expect(search.text.contains("<a href=\"/star/900\">900</a>"))
                #expect(!search.text.contains("<script"))
            }
        }
    }

    @Test func pagesAreSelfContainedAndAllowNoScript() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            try await PagesTestServer.withServer(database) { root in
                for path in ["/", "/star/101", "/survey", "/models", "/models/\(try await Self.currentModel(database))"] {
                    let page = try await TapHTTP.get(root + path)
                    #expect(page.status == 200, "\(path)")
                    #expect(page.contentType == "text/html; charset=utf-8", "\(path)")
                    #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true, "\(path)")
                    for external in ["<script", "src=\"http", "href=\"http", "<link", "url("] {
                        #expect(!page.text.contains(external), "\(path): \(external)")
                    }
                }
            }
        }
    }

    @Test func theSearchFindsByObsidDesignationAndPosition() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            try await PagesTestServer.withServer(database) { root in
                let byObsid = try await TapHTTP.get(root + "/", [("q", "103")])
                #expect(byObsid.text.contains("<h2>1 spectrum obsid 103</h2>"))
                let bare = try await TapHTTP.get(root + "/", [("q", "J004000.24+200000.0")])
                #expect(bare.text.contains("<a href=\"/star/105\">105</a>"))
                // Stars 101 and 102 lie within 1', 103 at 3' (TapTestCatalogue).
                let cone = try await TapHTTP.get(root + "/", [("q", "\(TapTestCatalogue.coneRA) \(TapTestCatalogue.coneDec)")])
                #expect(cone.text.contains("<h2>2 spectra within 1.00 arcmin"))
                // As a browser submits the form: spaces as '+'.
                let submitted = try await TapHTTP.get(root + "/?q=\(TapTestCatalogue.coneRA)+\(TapTestCatalogue.coneDec)")
                #expect(submitted.text.contains("<h2>2 spectra within 1.00 arcmin"))
                let wider = try await TapHTTP.get(root + "/", [("q", "\(TapTestCatalogue.coneRA), \(TapTestCatalogue.coneDec), 5")])
                #expect(wider.text.contains("<h2>3 spectra within 5.00 arcmin"))
                let ordered = ["/star/101\"", "/star/102\"", "/star/103\""].map { wider.text.range(of: $0)?.lowerBound }
                #expect(ordered.allSatisfy { $0 != nil } && ordered[0]! < ordered[1]! && ordered[1]! < ordered[2]!)
            }
        }
    }

    @Test func unknownAndMalformedRequestsAreRefusedWithTheirReasons() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            try await PagesTestServer.withServer(database) { root in
                let cases: [(String, [(String, String)], Int, String)] = [
                    ("/star/999", [], 404, "no spectrum with obsid 999 is in the catalogue"),
                    ("/star/abc", [], 400, "an obsid is a positive integer, not abc"),
                    ("/star/-5", [], 400, "an obsid is a positive integer, not -5"),
                    ("/models/999", [], 404, "there is no model 999"),
                    ("/models/x", [], 400, "a model id is an integer, not x"),
                    ("/models/compare", [("a", "1")], 400, "give two model ids"),
                    ("/", [("q", "10 95")], 200, "declination must be in [-90, 90] degrees, not 95.0"),
                ]
                // A path in the URL never names a file: the router refuses it, or the obsid is not a number.
                let traversal = try await TapHTTP.get(root + "/star/..%2F..%2Fetc%2Fpasswd/spectrum.fits")
                #expect(traversal.status == 400 || traversal.status == 404)
                #expect(!traversal.text.contains("root:"))
                for (path, query, status, message) in cases {
                    let response = try await TapHTTP.get(root + path, query)
                    #expect(response.status == status, "\(path)")
                    #expect(response.text.contains(message), "\(path): \(response.text.prefix(600))")
                }
            }
        }
    }

    @Test func theSpectrumFileIsServedByObsidFromThePathRecordedAtIngest() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slam-pages-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("spec-101.fits")
        let bytes = (0..<5760).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try Data(bytes).write(to: file)
        try await TapTestCatalogue.withCatalogue { database in
            try await database.withConnection { db in
                try db.execute("UPDATE lamost_spectrum SET file_path = \(file.path), file_bytes = \(Int64(bytes.count)) WHERE obsid = 101")
                try db.execute("UPDATE lamost_spectrum SET file_path = \(file.path), file_bytes = 99 WHERE obsid = 102")
            }
            try await PagesTestServer.withServer(database) { root in
                let served = try await TapHTTP.get(root + "/star/101/spectrum.fits")
                #expect(served.status == 200)
                #expect(served.contentType == "application/fits")
                #expect(served.body == bytes)
                let changed = try await TapHTTP.get(root + "/star/102/spectrum.fits")
                #expect(changed.status == 404)
                #expect(changed.text.contains("has changed since ingest (5760 bytes, ingested 99)"))
                let gone = try await TapHTTP.get(root + "/star/103/spectrum.fits")
                #expect(gone.status == 404)
                #expect(gone.text.contains("the file of obsid 103 is no longer at /fixture/103.fits, where it was ingested from"))
            }
        }
    }

    static func currentModel(_ database: TestDatabase) async throws -> Int {
        try await database.withConnection { db in
            try #require(try ModelPromotionQueries.currentModels(labelSet: TapTestCatalogue.labelSet, db: db).first)
        }
    }
}
