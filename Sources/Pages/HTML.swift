import Foundation
import Report

/// Building blocks of the pages' HTML: escaping of every value that comes from a file, a catalogue or a
/// URL, numbers and times as text, tables with header cells, and figures with text alternatives.
public enum HTML {
    /// `text` with `& < > " '` replaced by entities: safe as element content and as a quoted attribute.
    public static func escape(_ text: String) -> String { SVGPlot.escape(text) }

    /// `value` with `digits` decimals, or an en dash when nil or not finite.
    public static func number(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    /// A label value with the decimals its unit deserves: K without decimals, dex with three.
    public static func label(_ name: String, _ value: Double?) -> String {
        number(value, digits: name == "teff" ? 0 : 3)
    }

    /// The unit of a SLAM label, for column headers.
    public static func unit(of label: String) -> String { LabelDisplay.unit(label) }

    /// A label's name as astronomers write it, as HTML: T<sub>eff</sub>, log g, [M/H], [α/M], ...
    public static func labelTitle(_ name: String) -> String {
        name == "teff" ? "T<sub>eff</sub>" : escape(LabelDisplay.name(name))
    }

    /// `date` as `YYYY-MM-DD HH:MM:SS UTC`, or an en dash.
    public static func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        return timeFormatter().string(from: date) + " UTC"
    }

    static func timeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }

    /// A table: `headers` become `<th scope="col">` cells (already HTML), `rows` of cells (already HTML).
    /// `caption` (plain text) names it for screen readers.
    public static func table(caption: String? = nil, headers: [String], rows: [[String]], id: String? = nil) -> String {
        var out = "<table" + (id.map { " id=\"\(escape($0))\"" } ?? "") + ">"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        out += "<thead><tr>" + headers.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table>\n"
    }

    /// Rows of name and value (already HTML) as a two-column table with row headers.
    public static func facts(_ rows: [(String, String)], caption: String? = nil) -> String {
        var out = "<table class=\"facts\">"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        for (name, value) in rows { out += "<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>\n" }
        return out + "</table>\n"
    }

    /// An inline SVG figure with its text alternative (`description`, plain text) for screen readers and a
    /// visible caption.
    public static func figure(_ svg: String, description: String) -> String {
        "<figure role=\"img\" aria-label=\"\(escape(description))\">\(svg)<figcaption>\(escape(description))</figcaption></figure>\n"
    }

    /// `path` with the query `parameters` percent-encoded (RFC 3986 unreserved characters kept).
    public static func link(_ path: String, _ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return path }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return path + "?" + parameters.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
