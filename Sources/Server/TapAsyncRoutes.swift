import Catalogue
import Formats
import Foundation
import Hummingbird
import Logging
import Store
import TAP

/// `/tap/async` (UWS 1.1): the job list, job creation (303 to the job), each job's document and its
/// phase, execution duration, destruction, quote, owner, parameters, error and results, PHASE=RUN and
/// ABORT, and deletion (DELETE, or POST ACTION=DELETE). Jobs live in `tap_job`; workers run them as
/// queue jobs `tap_query`. Writes go through ``TAP/TapAsyncJobs`` on `jobsDatabase` (a role granted
/// `slam_operator`).
public struct TapAsyncRoutes: Sendable {
    public let service: TapService
    public let jobsDatabase: PostgresConnectionFactory
    public let jobs: TapAsyncJobs
    /// The longest a `WAIT` blocks, seconds.
    public var maxWaitSeconds = 60.0

    public init(service: TapService, jobsDatabase: PostgresConnectionFactory, jobs: TapAsyncJobs = TapAsyncJobs()) {
        self.service = service
        self.jobsDatabase = jobsDatabase
        self.jobs = jobs
    }

    var asyncURL: String { service.configuration.baseURL + "/async" }

    /// A POST's parameters and parts (an upload may come with the job's creation).
    func form(_ request: inout Request) async throws -> TapRequestForm {
        try await TapRoutes.requestForm(&request, maxBodyBytes: service.configuration.maximumUploadBytes + (1 << 20))
    }

    public func add(to router: Router<BasicRequestContext>, basePath: String = "/tap") {
        let routes = self
        let base = basePath + "/async"
        router.get(RouterPath(base)) { request, _ in
            await routes.respond { try await routes.list(TapFormDecoding.pairs(request.uri.query ?? "")) }
        }
        router.post(RouterPath(base)) { request, _ in
            var request = request
            return await routes.respond {
                let form = try await routes.form(&request)
                let reference = try Self.value("UPLOAD", in: form.pairs).map { text throws(TapError) in try TapUploadReference(parameter: text) }
                let document = try await form.document(for: reference, fetcher: TapUploadFetcher(maximumBytes: routes.service.configuration.maximumUploadBytes))
                let job = try await routes.database { db in try routes.jobs.create(pairs: form.pairs, upload: document, db: db) }
                return Self.redirect(routes.asyncURL + "/" + job.id)
            }
        }
        router.get(RouterPath(base + "/:id")) { request, context in
            await routes.respond {
                let id = try context.parameters.require("id")
                let pairs = TapFormDecoding.pairs(request.uri.query ?? "")
                let job = try await routes.waitIfAsked(id: id, pairs: pairs)
                return Self.xml(UWSDocuments.job(job, asyncURL: routes.asyncURL))
            }
        }
        router.delete(RouterPath(base + "/:id")) { _, context in
            await routes.respond {
                let id = try context.parameters.require("id")
                guard try await routes.database({ db in try routes.jobs.delete(id: id, db: db) }) else { throw TapError.notFound("job \(id)") }
                return Self.redirect(routes.asyncURL)
            }
        }
        router.post(RouterPath(base + "/:id")) { request, context in
            var request = request
            return await routes.respond {
                let id = try context.parameters.require("id")
                let pairs = try await routes.form(&request).pairs
                guard let action = Self.value("ACTION", in: pairs), action.uppercased() == "DELETE" else {
                    throw TapError.invalidParameter(name: "ACTION", reason: "only ACTION=DELETE is served on a job")
                }
                guard try await routes.database({ db in try routes.jobs.delete(id: id, db: db) }) else { throw TapError.notFound("job \(id)") }
                return Self.redirect(routes.asyncURL)
            }
        }
        router.get(RouterPath(base + "/:id/phase")) { _, context in
            await routes.respond { Self.text(try await routes.job(try context.parameters.require("id")).phase.rawValue) }
        }
        router.post(RouterPath(base + "/:id/phase")) { request, context in
            var request = request
            return await routes.respond {
                let id = try context.parameters.require("id")
                _ = try await routes.job(id)
                let pairs = try await routes.form(&request).pairs
                switch Self.value("PHASE", in: pairs)?.uppercased() {
                case "RUN": try await routes.database { db in try routes.jobs.run(id: id, db: db) }
                case "ABORT": try await routes.database { db in try routes.jobs.abort(id: id, db: db) }
                default: throw TapError.invalidParameter(name: "PHASE", reason: "use PHASE=RUN or PHASE=ABORT")
                }
                return Self.redirect(routes.asyncURL + "/" + id)
            }
        }
        router.get(RouterPath(base + "/:id/executionduration")) { _, context in
            await routes.respond { Self.text(String(try await routes.job(try context.parameters.require("id")).executionDuration)) }
        }
        router.post(RouterPath(base + "/:id/executionduration")) { request, context in
            await routes.setting("EXECUTIONDURATION", request, context) { id, text, db in
                _ = try routes.jobs.setExecutionDuration(id: id, text: text, db: db)
            }
        }
        router.get(RouterPath(base + "/:id/destruction")) { _, context in
            await routes.respond { Self.text(TapTimestamp.format(try await routes.job(try context.parameters.require("id")).destruction)) }
        }
        router.post(RouterPath(base + "/:id/destruction")) { request, context in
            await routes.setting("DESTRUCTION", request, context) { id, text, db in
                _ = try routes.jobs.setDestruction(id: id, text: text, db: db)
            }
        }
        router.get(RouterPath(base + "/:id/quote")) { _, context in
            await routes.respond { Self.text(try await routes.job(try context.parameters.require("id")).quote.map(TapTimestamp.format) ?? "") }
        }
        router.get(RouterPath(base + "/:id/owner")) { _, context in
            await routes.respond { Self.text(try await routes.job(try context.parameters.require("id")).owner ?? "") }
        }
        router.get(RouterPath(base + "/:id/parameters")) { _, context in
            await routes.respond { Self.xml(UWSDocuments.parameters(try await routes.job(try context.parameters.require("id")))) }
        }
        router.post(RouterPath(base + "/:id/parameters")) { request, context in
            var request = request
            return await routes.respond {
                let id = try context.parameters.require("id")
                let pairs = try await routes.form(&request).pairs
                let job = try await routes.job(id)
                guard job.phase == .pending else {
                    throw TapError.invalidParameter(name: "parameters", reason: "job \(id) is \(job.phase.rawValue): parameters change only while PENDING")
                }
                _ = try await routes.database { db in try routes.jobs.setParameters(id: id, pairs: pairs, db: db) }
                return Self.redirect(routes.asyncURL + "/" + id)
            }
        }
        router.get(RouterPath(base + "/:id/results")) { _, context in
            await routes.respond { Self.xml(UWSDocuments.results(try await routes.job(try context.parameters.require("id")), asyncURL: routes.asyncURL)) }
        }
        router.get(RouterPath(base + "/:id/error")) { _, context in
            await routes.respond {
                let job = try await routes.job(try context.parameters.require("id"))
                guard job.phase == .error, let message = job.errorMessage else { throw TapError.notFound("job \(job.id) has no error (phase \(job.phase.rawValue))") }
                return Response(status: .ok, headers: [.contentType: "application/x-votable+xml"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: VOTableErrorDocument.render(message))))
            }
        }
        router.get(RouterPath(base + "/:id/results/result")) { _, context in
            await routes.respond { try await routes.result(try context.parameters.require("id")) }
        }
    }

    /// A POST to one of a job's settings (`/executionduration`, `/destruction`): the value of parameter
    /// `name` given to `apply`, then a 303 to the job.
    func setting(_ name: String, _ request: Request, _ context: BasicRequestContext,
                 apply: @escaping @Sendable (String, String, PostgresConnection) throws -> Void) async -> Response {
        var request = request
        return await respond {
            let id = try context.parameters.require("id")
            _ = try await job(id)
            guard let text = Self.value(name, in: try await form(&request).pairs) else {
                throw TapError.invalidParameter(name: name, reason: "missing")
            }
            try await database { db in try apply(id, text, db) }
            return Self.redirect(asyncURL + "/" + id)
        }
    }

    /// The job list with the UWS 1.1 filters PHASE (repeatable), AFTER and LAST.
    func list(_ pairs: [(name: String, value: String)]) async throws -> Response {
        var phases: [TapJobPhase] = []
        var after: Date?
        var last: Int?
        for (name, value) in pairs {
            switch name.uppercased() {
            case "PHASE":
                guard let phase = TapJobPhase(rawValue: value.uppercased()) else {
                    throw TapError.invalidParameter(name: "PHASE", reason: "'\(value)' is not a UWS phase")
                }
                phases.append(phase)
            case "AFTER":
                guard let date = TapTimestamp.parse(value) else { throw TapError.invalidParameter(name: "AFTER", reason: "'\(value)' is not an ISO 8601 time") }
                after = date
            case "LAST":
                guard let count = Int(value), count >= 0 else { throw TapError.invalidParameter(name: "LAST", reason: "'\(value)' is not a non-negative integer") }
                last = count
            default: break
            }
        }
        let filterPhases = phases, filterAfter = after, filterLast = last
        let rows = try await database { db in try TapJobQueries.list(phase: filterPhases, after: filterAfter, last: filterLast, db: db) }
        return Self.xml(UWSDocuments.jobList(rows, asyncURL: asyncURL))
    }

    /// The job, after waiting (UWS 1.1 `WAIT=seconds`, -1 for the service's longest) while its phase is
    /// the one given by `PHASE` (default: the current phase, if it has not ended).
    func waitIfAsked(id: String, pairs: [(name: String, value: String)]) async throws -> TapJobRow {
        var job = try await self.job(id)
        guard let waitText = Self.value("WAIT", in: pairs), let requested = Double(waitText) else { return job }
        let seconds = requested < 0 ? maxWaitSeconds : min(requested, maxWaitSeconds)
        let watched = Self.value("PHASE", in: pairs).flatMap { TapJobPhase(rawValue: $0.uppercased()) } ?? job.phase
        guard !watched.isFinal, job.phase == watched else { return job }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, job.phase == watched {
            try await Task.sleep(for: .milliseconds(200))
            job = try await self.job(id)
        }
        return job
    }

    /// The stored result, streamed a chunk at a time.
    func result(_ id: String) async throws -> Response {
        let job = try await self.job(id)
        guard job.phase == .completed, let format = job.resultFormat else {
            throw TapError.notFound("job \(id) has no result (phase \(job.phase.rawValue))")
        }
        let database = jobsDatabase
        let body = ResponseBody { writer in
            var seq = 0
            while true {
                let next = seq
                guard let chunk = try await database.withConnection({ db in try TapResultQueries.chunk(id: id, seq: next, db: db) }) else { break }
                try await writer.write(ByteBuffer(bytes: chunk))
                seq += 1
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: format], body: body)
    }

    func job(_ id: String) async throws -> TapJobRow {
        guard let job = try await database({ db in try TapJobQueries.job(id: id, db: db) }) else { throw TapError.notFound("job \(id)") }
        return job
    }

    func database<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await jobsDatabase.withConnection(body)
    }

    /// Runs `body`, answering a ``TAP/TapError`` (or any other error) with the error VOTable and its status.
    func respond(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as TapError {
            return TapRoutes.error(error)
        } catch {
            service.logger.error("TAP async request failed: \(error)")
            return TapRoutes.error(.serviceFailure("\(error)"))
        }
    }

    static func value(_ name: String, in pairs: [(name: String, value: String)]) -> String? {
        pairs.first { $0.name.uppercased() == name }?.value
    }

    static func redirect(_ url: String) -> Response {
        Response(status: .seeOther, headers: [.location: url])
    }

    static func text(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func xml(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
