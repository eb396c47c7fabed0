import Catalogue
import Foundation
import Formats

/// The UWS 1.1 documents of `/tap/async`: the job list, one job, its results and its parameters.
/// `asyncURL` is the job list's URL (`http://host:8080/tap/async`).
public enum UWSDocuments {
    static let namespaces = """
        xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.1"
        """

    /// `GET /async`: a `jobref` per job with its phase and creation time.
    public static func jobList(_ jobs: [TapJobRow], asyncURL: String) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<uws:jobs \(namespaces)>\n"
        for job in jobs {
            text += "  <uws:jobref id=\"\(escape(job.id))\" xlink:href=\"\(escape(asyncURL))/\(escape(job.id))\">"
            text += "<uws:phase>\(job.phase.rawValue)</uws:phase>"
            text += "<uws:creationTime>\(TapTimestamp.format(job.createdAt))</uws:creationTime></uws:jobref>\n"
        }
        return text + "</uws:jobs>\n"
    }

    /// `GET /async/{id}`: the job in the schema's element order.
    public static func job(_ job: TapJobRow, asyncURL: String) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<uws:job \(namespaces)>\n"
        text += "  <uws:jobId>\(escape(job.id))</uws:jobId>\n"
        if let runID = job.parameters["RUNID"] { text += "  <uws:runId>\(escape(runID))</uws:runId>\n" }
        text += optional("ownerId", job.owner.map(escape))
        text += "  <uws:phase>\(job.phase.rawValue)</uws:phase>\n"
        text += optional("quote", job.quote.map(TapTimestamp.format))
        text += "  <uws:creationTime>\(TapTimestamp.format(job.createdAt))</uws:creationTime>\n"
        text += optional("startTime", job.startedAt.map(TapTimestamp.format))
        text += optional("endTime", job.endedAt.map(TapTimestamp.format))
        text += "  <uws:executionDuration>\(job.executionDuration)</uws:executionDuration>\n"
        text += "  <uws:destruction>\(TapTimestamp.format(job.destruction))</uws:destruction>\n"
        text += parametersElement(job, indent: "  ")
        text += resultsElement(job, asyncURL: asyncURL, indent: "  ")
        if job.phase == .error, let message = job.errorMessage {
            text += "  <uws:errorSummary type=\"fatal\" hasDetail=\"true\"><uws:message>\(escape(message))</uws:message></uws:errorSummary>\n"
        }
        return text + "</uws:job>\n"
    }

    /// `GET /async/{id}/results`.
    public static func results(_ job: TapJobRow, asyncURL: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + resultsElement(job, asyncURL: asyncURL, indent: "", namespaces: true)
    }

    /// `GET /async/{id}/parameters`.
    public static func parameters(_ job: TapJobRow) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + parametersElement(job, indent: "", namespaces: true)
    }

    private static func parametersElement(_ job: TapJobRow, indent: String, namespaces: Bool = false) -> String {
        var text = "\(indent)<uws:parameters\(namespaces ? " " + Self.namespaces : "")>\n"
        for name in job.parameters.keys.sorted() {
            text += "\(indent)  <uws:parameter id=\"\(escape(name))\">\(escape(job.parameters[name] ?? ""))</uws:parameter>\n"
        }
        return text + "\(indent)</uws:parameters>\n"
    }

    private static func resultsElement(_ job: TapJobRow, asyncURL: String, indent: String, namespaces: Bool = false) -> String {
        var text = "\(indent)<uws:results\(namespaces ? " " + Self.namespaces : "")>\n"
        if job.phase == .completed {
            let href = "\(asyncURL)/\(job.id)/results/result"
            text += "\(indent)  <uws:result id=\"result\" xlink:type=\"simple\" xlink:href=\"\(escape(href))\""
            if let format = job.resultFormat { text += " mime-type=\"\(escape(format))\"" }
            text += "/>\n"
        }
        return text + "\(indent)</uws:results>\n"
    }

    private static func optional(_ element: String, _ value: String?) -> String {
        if let value { return "  <uws:\(element)>\(value)</uws:\(element)>\n" }
        return "  <uws:\(element) xsi:nil=\"true\"/>\n"
    }

    private static func escape(_ text: String) -> String { XMLEscaping.escaped(text, attribute: true) }
}
