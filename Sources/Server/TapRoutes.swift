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
    /// The largest POST body accepted (form parameters).
    public var maxBodyBytes = 1 << 20

    public init(service: TapService, basePath: String = "/tap") {
        self.service = service
        self.basePath = basePath
    }

    /// Adds the routes to `router`.
    public func add(to router: Router<BasicRequestContext>) {
        let routes = self
        router.get(RouterPath(basePath)) { _, _ in
            Self.document(TapLandingPage.html(baseURL: routes.service.configuration.baseURL, tables: routes.service.tables),
                          type: "text/html; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/sync")) { request, _ in
            await routes.sync(pairs: TapFormDecoding.pairs(request.uri.query ?? ""))
        }
        router.post(RouterPath(basePath + "/sync")) { request, _ in
            var request = request
            let pairs: [(name: String, value: String)]
            do {
                pairs = try await Self.requestPairs(&request, maxBodyBytes: routes.maxBodyBytes)
            } catch let error as TapError {
                return Self.error(error)
            }
            return await routes.sync(pairs: pairs)
        }
        router.get(RouterPath(basePath + "/availability")) { _, _ in
            Self.document(VOSIDocuments.availability(available: true, note: "The SLAM catalogue's TAP service is accepting queries."),
                          type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/capabilities")) { _, _ in
            let configuration = routes.service.configuration
            return Self.document(VOSIDocuments.capabilities(baseURL: configuration.baseURL,
                                                            defaultMaxRecords: configuration.defaultMaxRecords,
                                                            hardMaxRecords: configuration.hardMaxRecords),
                                 type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/tables")) { _, _ in
            Self.document(VOSIDocuments.tableSet(routes.service.tables), type: "text/xml; charset=utf-8")
        }
        router.get(RouterPath(basePath + "/examples")) { _, _ in
            Self.document(TapExamples.document(), type: "application/xhtml+xml; charset=utf-8")
        }
    }

    /// The parameters of a POST: the query string's, then the body's (`application/x-www-form-urlencoded`;
    /// multipart bodies carry uploads, which this service does not take yet).
    static func requestPairs(_ request: inout Request, maxBodyBytes: Int = 1 << 20) async throws -> [(name: String, value: String)] {
        var pairs = TapFormDecoding.pairs(request.uri.query ?? "")
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("multipart/") {
            throw TapError.invalidParameter(name: "UPLOAD", reason: "multipart requests (table uploads) are not served by this service yet")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw TapError.invalidParameter(name: "body", reason: "the request body is larger than \(maxBodyBytes) bytes or unreadable")
        }
        pairs += TapFormDecoding.pairs(String(buffer: body))
        return pairs
    }

    /// A synchronous query: plan, open (both before any byte is sent, so their errors get a proper
    /// status), then stream the result a page at a time.
    func sync(pairs: [(name: String, value: String)]) async -> Response {
        let service = self.service
        let stream: TapResultStream
        let parameters: TapParameters
        do {
            parameters = try TapParameters(pairs: pairs)
            let plan = try service.plan(parameters)
            stream = try await BlockingThread.run(name: "slam-tap") { try service.open(plan, parameters: parameters) }
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
