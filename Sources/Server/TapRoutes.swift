import Formats
import Hummingbird
import Logging
import Store
import TAP

/// The TAP service's HTTP face under `basePath` (`/tap`): the landing page, `/sync` (GET and POST),
/// VOSI `/availability`, `/capabilities`, `/tables`, and DALI `/examples`. Query work happens in
/// ``TapService`` on dedicated threads; this layer parses parameters and moves bytes.
public struct TapRoutes: Sendable {
    public let service: TapService
    public let basePath: String
    /// The largest POST body accepted: form parameters, or a multipart body with an uploaded table (the
    /// service's upload limit plus 1 MiB for the other parts).
    public var maxBodyBytes: Int

    public init(service: TapService, basePath: String = "/tap") {
        self.service = service
        self.basePath = basePath
        maxBodyBytes = service.configuration.maximumUploadBytes + (1 << 20)
    }

    /// Adds the routes to `router`.
    public func add(to router: Router<BasicRequestContext>) {
        let routes = self
        router.get(RouterPath(basePath)) { _, _ in
            Self.document(TapLandingPage.html(baseURL: routes.service.configuration.baseURL, tables: routes.service.tables),
                          type: "text/html; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/sync")) { request, _ in
            await routes.sync(TapRequestForm(pairs: TapFormDecoding.pairs(request.uri.query ?? ""), multipart: nil))
        }
        router.post(RouterPath(basePath + "/sync")) { request, _ in
            var request = request
            let form: TapRequestForm
            do {
                form = try await Self.requestForm(&request, maxBodyBytes: routes.maxBodyBytes)
            } catch let error as TapError {
                return Self.error(error)
            } catch {
                return Self.error(.serviceFailure("\(error)"))
            }
            return await routes.sync(form)
        }
        router.get(RouterPath(basePath + "/availability")) { _, _ in
            Self.document(VOSIDocuments.availability(available: true, note: "The SLAM catalogue's TAP service is accepting queries."),
                          type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/capabilities")) { _, _ in
            let configuration = routes.service.configuration
            return Self.document(VOSIDocuments.capabilities(baseURL: configuration.baseURL,
                                                            defaultMaxRecords: configuration.defaultMaxRecords,
                                                            hardMaxRecords: configuration.hardMaxRecords,
                                                            uploadLimitBytes: configuration.maximumUploadBytes,
                                                            retentionSeconds: Int(TapAsyncJobs().retentionSeconds)),
                                 type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/tables")) { _, _ in
            Self.document(VOSIDocuments.tableSet(routes.service.tables), type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/examples")) { _, _ in
            Self.document(TapExamples.document(), type: "application/xhtml+xml; charset=utf-8")
        }
    }

    /// The parameters of a POST: the query string's, then the body's: `application/x-www-form-urlencoded`,
    /// or `multipart/form-data` whose fields are parameters and whose file parts are uploads.
    static func requestForm(_ request: inout Request, maxBodyBytes: Int) async throws -> TapRequestForm {
        var pairs = TapFormDecoding.pairs(request.uri.query ?? "")
        let type = request.headers[.contentType] ?? ""
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw TapError.invalidParameter(name: "body", reason: "the request body is larger than \(maxBodyBytes) bytes or unreadable")
        }
        if type.lowercased().hasPrefix("multipart/") {
            guard let boundary = TapMultipartForm.boundary(contentType: type) else {
                throw TapError.invalidParameter(name: "body", reason: "only multipart/form-data with a boundary is served, not \(type)")
            }
            let form = try TapMultipartForm(body: Array(buffer: body), boundary: boundary)
            return TapRequestForm(pairs: pairs + form.fields, multipart: form)
        }
        pairs += TapFormDecoding.pairs(String(buffer: body))
        return TapRequestForm(pairs: pairs, multipart: nil)
    }

    /// A synchronous query: plan, open (both before any byte is sent, so their errors get a proper
    /// status), then stream the result a page at a time.
    func sync(_ form: TapRequestForm) async -> Response {
        let service = self.service
        let stream: TapResultStream
        let parameters: TapParameters
        do {
            parameters = try TapParameters(pairs: form.pairs)
            let document = try await form.document(for: parameters.upload, fetcher: TapUploadFetcher(maximumBytes: service.configuration.maximumUploadBytes))
            let upload = try service.uploadTable(parameters, document: document)
            let plan = try service.plan(parameters, upload: upload)
            stream = try await BlockingThread.run(name: "slam-tap") { try service.open(plan, parameters: parameters, upload: upload) }
        } catch let error as TapError {
            service.logger.info("TAP query refused: \(error)")
            return Self.error(error)
        } catch {
            return Self.error(.serviceFailure("\(error)"))
        }
        let logger = service.logger
        let body = ResponseBody { writer in
            do {
                try await writer.write(ByteBuffer(bytes: stream.header()))
                while let bytes = try await BlockingThread.run(name: "slam-tap", { stream.next() }) {
                    if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
                }
                logger.info("TAP query returned \(stream.rowCount) rows\(stream.overflowed ? " (overflow)" : "")")
                try await writer.finish(nil)
            } catch {
                stream.close()
                throw error
            }
        }
        return Response(status: .ok, headers: [.contentType: parameters.format.mimeType], body: body)
    }

    static func document(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The error VOTable (DALI 1.1 section 4.4.3) with the error's HTTP status.
    static func error(_ error: TapError) -> Response {
        Response(status: HTTPResponse.Status(code: error.httpStatus), headers: [.contentType: "application/x-votable+xml"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: VOTableErrorDocument.render(error.description))))
    }
}
