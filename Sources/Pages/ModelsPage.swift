import Catalogue
import Store

/// The registry page (`/models`): every model with its status, training set and cross-validated scatter,
/// the promotion history with its reasons, and a form to compare two models.
public enum ModelsPage {
    /// Loads the registry and the promotions.
    public static func load(db: PostgresConnection) throws(PostgresError) -> (models: [ModelListRow], promotions: [ModelPromotionRow]) {
        (try ModelQueries.list(db: db), try ModelPageQueries.promotions(db: db))
    }

    public static func html(models: [ModelListRow], promotions: [ModelPromotionRow]) -> String {
        var body = ""
        if models.isEmpty {
            body += "<p>No model has been trained yet (slam train).</p>\n"
        } else {
            let rows = models.reversed().map { m -> [String] in
                let scatter = m.labelNames.indices.map { k in
                    "\(HTML.labelTitle(m.labelNames[k])) \(HTML.label(m.labelNames[k], k < m.scatter.count ? m.scatter[k] : nil))"
                }.joined(separator: ", ")
                return ["<a href=\"/models/\(m.modelID)\">\(m.modelID)</a>", HTML.escape(m.labelSet), HTML.escape(m.status.rawValue),
                        m.isCurrent ? "<strong>current</strong>" : "", HTML.escape(m.trainingSet), m.trainCount.map(String.init) ?? "–",
                        scatter, HTML.time(m.createdAt)]
            }
            body += HTML.table(caption: "The registry, newest first",
                               headers: ["Model", "Label set", "Status", "", "Training set", "Trained on", "CV scatter", "Created"],
                               rows: rows, id: "models-table")
            body += compareForm(models.map(\.modelID))
        }
        body += "<h2 id=\"promotions\">Promotions</h2>\n"
        if promotions.isEmpty {
            body += "<p>No model has been promoted.</p>\n"
        } else {
            let rows = promotions.map { p -> [String] in
                ["\(p.promotionID)", HTML.escape(p.labelSet), "<a href=\"/models/\(p.modelID)\">\(p.modelID)</a>",
                 p.previousModelID.map { "<a href=\"/models/\($0)\">\($0)</a>" } ?? "–", HTML.escape(p.decidedBy),
                 HTML.time(p.promotedAt), "<code>\(HTML.escape(p.reasons))</code>"]
            }
            body += HTML.table(caption: "Promotion history, newest first: who made which model current and why",
                               headers: ["#", "Label set", "Model", "Replaced", "Decided by", "When", "Reasons"], rows: rows, id: "promotions-table")
        }
        return PageLayout.document(title: "Models", section: .models, body: body)
    }

    /// Two selects of model ids and a button to `/models/A?compare=B`.
    static func compareForm(_ ids: [Int]) -> String {
        func options(_ selected: Int?) -> String {
            ids.reversed().map { "<option value=\"\($0)\"\($0 == selected ? " selected" : "")>\($0)</option>" }.joined()
        }
        let newest = ids.max(), previous = ids.filter { $0 != newest }.max()
        return """
            <h2 id="compare">Compare two models</h2>
            <form method="get" action="/models/compare"><label for="a">Model</label> <select id="a" name="a">\(options(newest))</select>
            <label for="b">against</label> <select id="b" name="b">\(options(previous ?? newest))</select>
            <button type="submit">Compare on the same spectra</button></form>

            """
    }
}
