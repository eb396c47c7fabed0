import Catalogue
import Formats

/// The VOSI documents of the service (VOSI 1.1): availability, capabilities and the table set.
public enum VOSIDocuments {
    /// `/availability`: the service is up (it answers only while it runs), with a note.
    public static func availability(available: Bool, note: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
          <vosi:available>\(available)</vosi:available>
          <vosi:note>\(XMLEscaping.escaped(note, attribute: false))</vosi:note>
        </vosi:availability>

        """
    }

    /// `/capabilities`: TAP 1.1 (ADQL 2.0 and 2.1 with the geometry functions q3c serves, the output
    /// formats, uploads (inline and by http(s) URL) up to `uploadLimitBytes` when given, the retention of async results, the
    /// row limits), VOSI availability, capabilities and tables, DALI examples; every access URL under
    /// `baseURL` (e.g. `http://host:8080/tap`).
    public static func capabilities(baseURL: String, defaultMaxRecords: Int, hardMaxRecords: Int,
                                    uploadLimitBytes: Int? = nil, retentionSeconds: Int = 0) -> String {
        let base = XMLEscaping.escaped(baseURL, attribute: false)
        let geometry = ["POINT", "CIRCLE", "POLYGON", "BOX", "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2"]
        let geometryXML = "      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adqlgeo\">\n"
            + geometry.map { "        <feature><form>\($0)</form></feature>\n" }.joined() + "      </languageFeatures>\n"
        let formats = TapOutputFormat.advertised.map {
            "    <outputFormat><mime>\(XMLEscaping.escaped($0.mime, attribute: false))</mime><alias>\($0.alias)</alias></outputFormat>\n"
        }.joined()
        let uploadMethod = uploadLimitBytes == nil ? "" : ["inline", "http", "https"].map {
            "    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-\($0)\"/>\n"
        }.joined()
        let uploadLimit = uploadLimitBytes.map { "    <uploadLimit><hard unit=\"byte\">\($0)</hard></uploadLimit>\n" } ?? ""
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"
            xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0">
          <capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess">
            <interface xsi:type="vs:ParamHTTP" role="std" version="1.1">
              <accessURL use="base">\(base)</accessURL>
            </interface>
            <language>
              <name>ADQL</name>
              <version ivo-id="ivo://ivoa.net/std/ADQL#v2.0">2.0</version>
              <version ivo-id="ivo://ivoa.net/std/ADQL#v2.1">2.1</version>
              <description>ADQL 2.1, translated to PostgreSQL with q3c (cone searches and crossmatches use the position index).</description>
        \(geometryXML)    </language>
        \(formats)\(uploadMethod)    <retentionPeriod><default>\(retentionSeconds)</default></retentionPeriod>
            <executionDuration><default>60</default></executionDuration>
            <outputLimit>
              <default unit="row">\(defaultMaxRecords)</default>
              <hard unit="row">\(hardMaxRecords)</hard>
            </outputLimit>
        \(uploadLimit)  </capability>
          <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
            <interface xsi:type="vs:ParamHTTP"><accessURL use="full">\(base)/capabilities</accessURL></interface>
          </capability>
          <capability standardID="ivo://ivoa.net/std/VOSI#availability">
            <interface xsi:type="vs:ParamHTTP"><accessURL use="full">\(base)/availability</accessURL></interface>
          </capability>
          <capability standardID="ivo://ivoa.net/std/VOSI#tables-1.1">
            <interface xsi:type="vs:ParamHTTP" version="1.1"><accessURL use="full">\(base)/tables</accessURL></interface>
          </capability>
          <capability standardID="ivo://ivoa.net/std/DALI#examples">
            <interface xsi:type="vs:ParamHTTP"><accessURL use="full">\(base)/examples</accessURL></interface>
          </capability>
        </vosi:capabilities>

        """
    }

    /// `/tables`: the published tables grouped by schema (VODataService 1.1 `tableset`), with every
    /// column's datatype, unit, UCD, description and flags.
    public static func tableSet(_ tables: [PublishedTable], schemaDescriptions: [String: String] = [:]) -> String {
        var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">

        """
        var schemas: [String] = []
        for table in tables where !schemas.contains(table.schemaName) { schemas.append(table.schemaName) }
        for schema in schemas {
            text += "  <schema>\n    <name>\(escape(schema))</name>\n"
            if let description = schemaDescriptions[schema] { text += "    <description>\(escape(description))</description>\n" }
            for table in tables where table.schemaName == schema {
                text += "    <table type=\"\(table.tableType == "view" ? "view" : "table")\">\n"
                text += "      <name>\(escape(table.qualifiedName))</name>\n"
                if let description = table.description { text += "      <description>\(escape(description))</description>\n" }
                for column in table.columns { text += self.column(column) }
                for key in table.foreignKeys { text += foreignKey(key) }
                text += "    </table>\n"
            }
            text += "  </schema>\n"
        }
        text += "</vosi:tableset>\n"
        return text
    }

    private static func column(_ column: PublishedColumn) -> String {
        var text = "      <column>\n        <name>\(escape(column.name))</name>\n"
        if let description = column.description { text += "        <description>\(escape(description))</description>\n" }
        if let unit = column.unit { text += "        <unit>\(escape(unit))</unit>\n" }
        if let ucd = column.ucd { text += "        <ucd>\(escape(ucd))</ucd>\n" }
        if let utype = column.utype { text += "        <utype>\(escape(utype))</utype>\n" }
        var attributes = ""
        if let arraysize = column.arraysize { attributes += " arraysize=\"\(escape(arraysize))\"" }
        if let xtype = column.xtype { attributes += " extendedType=\"\(escape(xtype))\"" }
        text += "        <dataType xsi:type=\"vs:VOTableType\"\(attributes)>\(escape(column.datatype))</dataType>\n"
        if column.indexed { text += "        <flag>indexed</flag>\n" }
        if column.principal { text += "        <flag>principal</flag>\n" }
        if column.std { text += "        <flag>std</flag>\n" }
        text += "      </column>\n"
        return text
    }

    /// A `foreignKey` in VODataService's element order: targetTable, fkColumn+, description, utype.
    private static func foreignKey(_ key: PublishedForeignKey) -> String {
        var text = "      <foreignKey>\n        <targetTable>\(escape(key.targetTable))</targetTable>\n"
        for pair in key.columns {
            text += "        <fkColumn><fromColumn>\(escape(pair.fromColumn))</fromColumn>"
            text += "<targetColumn>\(escape(pair.targetColumn))</targetColumn></fkColumn>\n"
        }
        if let description = key.description { text += "        <description>\(escape(description))</description>\n" }
        if let utype = key.utype { text += "        <utype>\(escape(utype))</utype>\n" }
        return text + "      </foreignKey>\n"
    }

    private static func escape(_ text: String) -> String { XMLEscaping.escaped(text, attribute: true) }
}
