import Catalogue
import Foundation
import Hummingbird
import Logging
import Pages
import Store
import TAP

/// The catalogue's pages over HTTP: `/` (search), `/star/OBSID` and its FITS file, `/survey`, `/models`,
/// `/models/ID` and `/models/compare`. Everything from the URL reaches SQL only as a bound parameter of a
/// named query; the FITS file is the path recorded at ingest for the obsid, never a path from the URL.
/// Every page is sent with a Content-Security-Policy that allows no script and no external resource.
public struct PageRoutes: Sendable {
    public let pages: CataloguePages
    public let logger: Logger

    public init(pages: CataloguePages, logger: Logger) {
        self.pages = pages
        self.logger = logger
    }

    /// The pages' policy: inline styles and same-origin forms and links; no scripts, no fetches.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    public func add(to router: Router<BasicRequestContext>) {
        let routes = self
        router.get("/") { request, _ in
            await routes.page {
                let text = Self.query(request)["q"]
                var search: StarSearch?
                if let text {
                    do throws(PageError) {
                        search = try StarSearch(text)
                    } catch {
                        return SearchPage.html(text: text, search: nil, hits: [], error: error.description)
                    }
                }
                guard let search else { return SearchPage.html(text: text, search: nil, hits: []) }
                let hits = try await routes.pages.database.withConnection { db in try search.run(db: db) }
                return SearchPage.html(text: text, search: search, hits: hits)
            }
        }
        router.get("/star/:obsid") { _, context in
            await routes.page {
                let obsid = try Self.obsid(context)
                let models = routes.pages.models
                let data = try await routes.pages.database.withConnection { db in try StarPageData.load(obsid: obsid, db: db, models: models) }
                return StarPage.html(data)
            }
        }
        router.get("/star/:obsid/spectrum.fits") { _, context in
            await routes.spectrumFile(context)
        }
        router.get("/survey") { _, _ in
            await routes.page {
                SurveyPage.html(try await routes.pages.summary.summary(), refreshSeconds: routes.pages.summary.refreshSeconds)
            }
        }
        router.get("/models") { _, _ in
            await routes.page {
                let (models, promotions) = try await routes.pages.database.withConnection { db in try ModelsPage.load(db: db) }
                return ModelsPage.html(models: models, promotions: promotions)
            }
        }
        router.get("/models/compare") { request, _ in
            let query = Self.query(request)
            guard let a = query["a"].flatMap({ Int($0) }), let b = query["b"].flatMap({ Int($0) }) else {
                return Self.errorPage(.badRequest("give two model ids: /models/compare?a=ID&b=ID"))
            }
            return Response(status: .seeOther, headers: [.location: "/models/\(a)?compare=\(b)"])
        }
        router.get("/models/:id") { request, context in
            await routes.page {
                guard let id = context.parameters.get("id", as: Int.self) else {
                    throw PageError.badRequest("a model id is an integer, not \(context.parameters.get("id") ?? "nothing")")
                }
                let compare: Int?
                if let text = Self.query(request)["compare"], !text.isEmpty {
                    guard let other = Int(text) else { throw PageError.badRequest("compare= takes a model id, not \(text)") }
                    compare = other
                } else {
                    compare = nil
                }
                let data = try await routes.pages.database.withConnection { db in try ModelPageData.load(modelID: id, compareWith: compare, db: db) }
                return ModelPage.html(data)
            }
        }
    }

    /// Renders `body`'s page, or the error page of what it threw: 404 and 400 for ``PageError``, 500 for
    /// anything else (logged; the page says only that the server failed).
    func page(_ body: () async throws -> String) async -> Response {
        do {
            return Self.html(try await body(), status: .ok)
        } catch let error as PageError {
            return Self.errorPage(error)
        } catch {
            logger.error("page failed: \(error)")
            return Self.html(PageLayout.document(title: "Server error", section: nil,
                                                 body: "<p class=\"error\">The server could not build this page; its log says why.</p>"),
                             status: .internalServerError)
        }
    }

    /// The spectrum's file as recorded at ingest, checked against the recorded size.
    func spectrumFile(_ context: BasicRequestContext) async -> Response {
        do {
            let obsid = try Self.obsid(context)
            guard let file = try await pages.database.withConnection({ db in try StarPageQueries.file(obsid: obsid, db: db) }) else {
                throw PageError.notFound("no spectrum with obsid \(obsid) is in the catalogue")
            }
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw PageError.notFound("the file of obsid \(obsid) is no longer at \(file.path), where it was ingested from")
            }
            // A file that is there but cannot be read is the server's fault: 500, the reason in its log.
            let data = try await BlockingThread.run(name: "slam-pages-file") { try Data(contentsOf: URL(fileURLWithPath: file.path)) }
            guard data.count == file.bytes else {
                throw PageError.notFound("the file of obsid \(obsid) at \(file.path) has changed since ingest (\(data.count) bytes, ingested \(file.bytes))")
            }
            return Response(status: .ok, headers: [.contentType: "application/fits",
                                                   .contentDisposition: "attachment; filename=\"lamost-\(obsid).fits\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        } catch let error as PageError {
            return Self.errorPage(error)
        } catch {
            logger.error("spectrum file failed: \(error)")
            return Self.html(PageLayout.document(title: "Server error", section: nil, body: "<p class=\"error\">The server failed.</p>"),
                             status: .internalServerError)
        }
    }

    static func obsid(_ context: BasicRequestContext) throws(PageError) -> Int64 {
        guard let obsid = context.parameters.get("obsid", as: Int64.self), obsid > 0 else {
            throw .badRequest("an obsid is a positive integer, not \(context.parameters.get("obsid") ?? "nothing")")
        }
        return obsid
    }

    /// The query string's parameters, decoded as a form (`+` is a space, as browsers send a GET form's
    /// spaces); the last of a repeated name.
    static func query(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in TapFormDecoding.pairs(request.uri.query ?? "") { parameters[name] = value }
        return parameters
    }

    static func errorPage(_ error: PageError) -> Response {
        let (status, title): (HTTPResponse.Status, String) = switch error {
        case .notFound: (.notFound, "Not found")
        case .badRequest: (.badRequest, "Bad request")
        }
        return html(PageLayout.document(title: title, section: nil,
                                        body: "<p class=\"error\" role=\"alert\">\(HTML.escape(error.description))</p><p><a href=\"/\">Search</a></p>"),
                    status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: contentSecurityPolicy, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
