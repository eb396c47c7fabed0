/// The fixed text around a VOTable 1.4 document's data, shared by ``VOTableEncoder`` and
/// ``VOTableErrorDocument``.
enum VOTableDocument {
    /// The XML declaration and the `VOTABLE` start tag (version 1.4; its namespace is still v1.3's).
    static let prologue = """
        <?xml version="1.0" encoding="UTF-8"?>
        <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://www.ivoa.net/xml/VOTable/v1.3 http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd">

        """

    /// The end of the document after the last element of the `RESOURCE`.
    static let epilogue = "</RESOURCE>\n</VOTABLE>\n"

    /// `<INFO name="..." value="..."/>` with both attributes escaped.
    static func info(name: String, value: String) -> String {
        "<INFO name=\"\(XMLEscaping.escaped(name, attribute: true))\" value=\"\(XMLEscaping.escaped(value, attribute: true))\"/>\n"
    }

    /// The `FIELD` element of `column`: attributes that are set, then `DESCRIPTION` and, for integer
    /// arrays, `VALUES null` (the sentinel of missing elements).
    static func field(_ column: VOTableColumn) -> String {
        let field = column.field
        var text = "<FIELD name=\"\(XMLEscaping.escaped(field.name, attribute: true))\" datatype=\"\(field.datatype.rawValue)\""
        let optional: [(String, String?)] = [
            ("arraysize", field.arraysize), ("unit", field.unit), ("ucd", field.ucd),
            ("utype", field.utype), ("xtype", field.xtype),
        ]
        for case let (attribute, value?) in optional {
            text += " \(attribute)=\"\(XMLEscaping.escaped(value, attribute: true))\""
        }
        var children = ""
        if let description = field.description {
            children += "<DESCRIPTION>\(XMLEscaping.escaped(description, attribute: false))</DESCRIPTION>\n"
        }
        if let sentinel = column.nullSentinel {
            children += "<VALUES null=\"\(sentinel)\"/>\n"
        }
        return children.isEmpty ? text + "/>\n" : text + ">\n" + children + "</FIELD>\n"
    }
}
