import Catalogue
import Foundation
import Queue
import Report

/// The survey dashboard (`/survey`): counts per stage, rejections by reason with examples, the current
/// catalogue per label set with its Kiel and [α/M]-[M/H] density diagrams (flagged stars apart), the
/// queue, the workers holding leases, dead jobs and schedules.
public enum SurveyPage {
    /// The page of `summary`, refreshed every `refreshSeconds` by the server.
    public static func html(_ summary: SurveySummary, refreshSeconds: Double) -> String {
        var body = "<p class=\"muted\">As of \(HTML.time(summary.computedAt)) (computed in \(HTML.number(summary.seconds, digits: 2)) s; "
            + "the server recomputes it every \(HTML.number(refreshSeconds, digits: 0)) s).</p>\n"
        body += StarPage.section("stages", "Stages", stages(summary))
        body += StarPage.section("rejections", "Rejections by reason", rejections(summary))
        body += StarPage.section("diagrams", "The current catalogue", diagrams(summary))
        body += StarPage.section("queue", "The queue", queue(summary))
        body += StarPage.section("workers", "Workers", workers(summary))
        body += StarPage.section("dead-jobs", "Jobs that failed for good", deadJobs(summary))
        body += StarPage.section("schedules", "Schedules", schedules(summary))
        return PageLayout.document(title: "The survey", section: .survey, body: body)
    }

    static func stages(_ s: SurveySummary) -> String {
        var rows: [(String, String)] = [
            ("Spectra ingested", "\(s.counts.spectra)"),
            ("Spectra preprocessed", "\(s.counts.preprocessed)"),
            ("Rejections (every stage)", "\(s.counts.rejections)"),
            ("Training sets / models", "\(s.counts.trainingSets) / \(s.counts.models)"),
        ]
        for set in s.labelSets {
            rows.append(("Predicted, \(HTML.escape(set.labelSet)) (model <a href=\"/models/\(set.modelID)\">\(set.modelID)</a>)",
                         "\(set.predicted), of which flagged \(set.flagged)"))
        }
        return HTML.facts(rows, caption: "Counts per stage")
    }

    static func rejections(_ s: SurveySummary) -> String {
        guard !s.rejections.isEmpty else { return "<p>Nothing was rejected.</p>\n" }
        let rows = s.rejections.map {
            [HTML.escape($0.stage), HTML.escape($0.reasonCode), "\($0.count)", "<code>\(HTML.escape($0.exampleObject))</code>",
             HTML.escape($0.exampleReason), HTML.time($0.newestAt)]
        }
        return HTML.table(caption: "Rejections per stage and reason, with the newest as an example",
                          headers: ["Stage", "Reason", "Count", "Example", "Its reason", "Newest"], rows: rows, id: "rejections-table")
    }

    static func diagrams(_ s: SurveySummary) -> String {
        guard !s.densities.isEmpty else { return "<p>No current model has labelled the survey yet.</p>\n" }
        var out = ""
        for density in s.densities {
            for flagged in [false, true] {
                out += HTML.figure(plot(density, flagged: flagged), description: description(density, flagged: flagged))
            }
        }
        return out
    }

    static func description(_ d: LabelDensity, flagged: Bool) -> String {
        let total = (flagged ? d.flagged : d.unflagged).reduce(0, +)
        let what = d.binning == .kiel ? "Kiel diagram" : "[α/M] against [M/H]"
        return "\(what) of label set \(d.labelSet), \(flagged ? "flagged" : "unflagged") stars: \(total) in "
            + "\(d.binning.xBins) × \(d.binning.yBins) bins, colour log10 of the count" + (d.outside > 0 && !flagged ? "; \(d.outside) outside the ranges" : "")
    }

    /// One density panel: the non-empty bins coloured by log10 of their count.
    static func plot(_ d: LabelDensity, flagged: Bool) -> String {
        let b = d.binning
        let counts = flagged ? d.flagged : d.unflagged
        let dx = (b.xRange.upperBound - b.xRange.lowerBound) / Double(b.xBins)
        let dy = (b.yRange.upperBound - b.yRange.lowerBound) / Double(b.yBins)
        var xs: [Double] = [], ys: [Double] = [], values: [Double] = []
        for j in 0..<b.yBins {
            for i in 0..<b.xBins where counts[j * b.xBins + i] > 0 {
                xs.append(b.xRange.lowerBound + (Double(i) + 0.5) * dx)
                ys.append(b.yRange.lowerBound + (Double(j) + 0.5) * dy)
                values.append(log10(Double(counts[j * b.xBins + i])))
            }
        }
        let top = max(1, (values.max() ?? 1).rounded(.up))
        let kiel = b == .kiel
        return SVGPlot(
            title: "\(d.labelSet): \(flagged ? "flagged" : "unflagged") stars",
            x: SVGPlot.Axis(LabelDisplay.axisTitle(b.x), range: b.xRange, reversed: kiel),
            y: SVGPlot.Axis(LabelDisplay.axisTitle(b.y), range: b.yRange, reversed: kiel),
            marks: [.cells(x: xs, y: ys, width: dx, height: dy, values: values)],
            colourScale: SVGPlot.ColourScale("log10 count", range: 0...top), width: 460, height: 360).render()
    }

    static func queue(_ s: SurveySummary) -> String {
        guard !s.queue.isEmpty else { return "<p>The queue is empty.</p>\n" }
        let rows = s.queue.map { [HTML.escape($0.kind), HTML.escape($0.state.rawValue), "\($0.count)", HTML.time($0.oldestRunAfter)] }
        return HTML.table(caption: "Jobs by kind and state", headers: ["Kind", "State", "Jobs", "Oldest run-after"], rows: rows, id: "queue-table")
    }

    static func workers(_ s: SurveySummary) -> String {
        guard !s.workers.isEmpty else { return "<p>No worker has run in the last day (slam worker).</p>\n" }
        let rows = s.workers.map { w -> [String] in
            let state = switch w.state {
            case .alive: "<span class=\"ok\">alive</span>"
            case .lost: "<span class=\"flagged\">lost: no heartbeat since \(HTML.time(w.heartbeatAt))</span>"
            case .stopped: "stopped \(HTML.time(w.stoppedAt))"
            }
            return [HTML.escape(w.worker), HTML.escape(w.host), "\(w.pid)", HTML.escape(w.kinds?.joined(separator: ", ") ?? "all"),
                    "\(w.slots)", "\(w.leases)", HTML.time(w.startedAt), HTML.time(w.heartbeatAt), state]
        }
        return HTML.table(caption: "Workers alive, lost, and stopped within the last day",
                          headers: ["Worker", "Host", "PID", "Kinds", "Slots", "Jobs held", "Started", "Last heartbeat", "State"],
                          rows: rows, id: "workers-table")
    }

    static func deadJobs(_ s: SurveySummary) -> String {
        guard !s.deadJobs.isEmpty else { return "<p>No job has failed for good.</p>\n" }
        let rows = s.deadJobs.map {
            ["\($0.id)", HTML.escape($0.kind), "\($0.attempts)", HTML.time($0.finishedAt), HTML.escape($0.lastError ?? "–")]
        }
        return HTML.table(caption: "The newest \(SurveySummary.deadJobLimit) dead jobs (slam jobs retry ID runs one again)",
                          headers: ["Job", "Kind", "Attempts", "Finished", "Last error"], rows: rows, id: "dead-jobs-table")
    }

    static func schedules(_ s: SurveySummary) -> String {
        guard !s.schedules.isEmpty else { return "<p>No schedules (slam schedule add).</p>\n" }
        let rows = s.schedules.map {
            [HTML.escape($0.name), "<code>\(HTML.escape($0.cron))</code>", HTML.escape($0.kind), $0.enabled ? "enabled" : "disabled",
             HTML.time($0.lastFireAt), HTML.time($0.nextFireAt)]
        }
        return HTML.table(caption: "Schedules and their next runs", headers: ["Name", "Cron", "Kind", "", "Last fired", "Next"], rows: rows,
                          id: "schedules-table")
    }
}
