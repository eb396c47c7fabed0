/// The VOTable a TAP service answers with when a request fails (DALI 1.1 §4.4.3, TAP 1.1 §4.5).
public enum VOTableErrorDocument {
    /// A VOTable 1.4 document whose results `RESOURCE` holds only
    /// `<INFO name="QUERY_STATUS" value="ERROR">message</INFO>` (message escaped; forbidden control
    /// characters replaced by U+FFFD).
    public static func render(_ message: String) -> [UInt8] {
        var output = Array(VOTableDocument.prologue.utf8)
        output.append(contentsOf: "<RESOURCE type=\"results\">\n<INFO name=\"QUERY_STATUS\" value=\"ERROR\">".utf8)
        XMLEscaping.append(message, attribute: false, to: &output)
        output.append(contentsOf: "</INFO>\n".utf8)
        output.append(contentsOf: VOTableDocument.epilogue.utf8)
        return output
    }
}
