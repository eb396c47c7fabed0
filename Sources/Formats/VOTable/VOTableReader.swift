import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the table of a VOTable 1.1-1.5 document, as astropy (pyvo uploads), STILTS and TOPCAT write
/// them: the first `TABLE` of the first `RESOURCE` (nested resources included), its `FIELD`s (name,
/// datatype, arraysize, unit, ucd, utype, xtype, description, `VALUES null`) and its rows from TABLEDATA,
/// BINARY or BINARY2 (a base64 `STREAM`).
///
/// Values: `char`/`unicodeChar` → `.text`; `short`/`int`/`long`/`unsignedByte` → `.integer`;
/// `float`/`double` → `.double`; `boolean`/`bit` → `.boolean`; numeric arrays → `.doubleArray` or
/// `.integerArray`; null, NaN and `VALUES null` → `.null` (nil inside arrays). Cell rules are in
/// ``VOTableCellParser`` (TABLEDATA) and ``VOTableBinaryDecoder`` (BINARY, BINARY2).
///
/// Refused with ``VOTableError``: text that is not XML, a root that is not `VOTABLE`, no `TABLE`, an
/// unknown datatype, a cell that does not parse or a row with the wrong number of cells (naming the row
/// and field), a truncated stream; and, as `unsupported`, FITS data, streams by reference (`href`) or
/// not base64, complex numbers and arrays of booleans. External entities are never resolved. The whole
/// document is held in memory (the caller caps uploads).
public enum VOTableReader {
    /// The first table of `data`, a VOTable document.
    public static func read(_ data: [UInt8]) throws(VOTableError) -> VOTableTable {
        let parser = XMLParser(data: Data(data))
        let delegate = VOTableParserDelegate()
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let error = delegate.error { throw error }
        guard parsed else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw VOTableError(.invalidDocument, detail: "not well-formed XML near line \(parser.lineNumber): \(reason)")
        }
        guard delegate.sawRoot else { throw VOTableError(.invalidDocument, detail: "the document is empty") }
        guard delegate.tableFound else { throw VOTableError(.invalidDocument, detail: "no TABLE in the first RESOURCE") }
        return VOTableTable(name: delegate.tableName, fields: delegate.columns.map(\.field), rows: delegate.rows)
    }
}

/// The XMLParser delegate of ``VOTableReader``: a small state machine over the elements of the first
/// table, which records the first error and stops the parse.
private final class VOTableParserDelegate: NSObject, XMLParserDelegate {
    private enum DataMode { case none, tabledata, binary, binary2 }

    var error: VOTableError?
    var sawRoot = false
    var tableFound = false
    var tableName: String?
    var columns: [VOTableSourceColumn] = []
    var rows: [[VOTableValue]] = []

    private var resourceDepth = 0
    private var topLevelResources = 0
    private var inTable = false
    private var tableDone = false
    private var fieldAttributes: [String: String]?
    private var fieldDescription: String?
    private var fieldNull: String?
    private var mode = DataMode.none
    private var capturing = false
    private var text = ""
    private var currentRow: [VOTableValue]?
    private var sawData = false

    private var isActive: Bool { inTable && error == nil }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = Self.localName(elementName)
        if !sawRoot {
            sawRoot = true
            if name != "VOTABLE" { fail(parser, VOTableError(.invalidDocument, detail: "the root element is \(name), not VOTABLE")) }
            return
        }
        if name == "RESOURCE" {
            resourceDepth += 1
            if resourceDepth == 1 { topLevelResources += 1 }
            return
        }
        if name == "TABLE", !tableDone, !inTable, resourceDepth > 0, topLevelResources == 1 {
            inTable = true
            tableFound = true
            tableName = attributeDict["name"]
            return
        }
        guard isActive else { return }
        switch name {
        case "FIELD" where !sawData:
            fieldAttributes = attributeDict
            fieldDescription = nil
            fieldNull = nil
        case "DESCRIPTION" where fieldAttributes != nil:
            startCapture()
        case "VALUES" where fieldAttributes != nil:
            fieldNull = attributeDict["null"]
        case "DATA":
            sawData = true
        case "TABLEDATA":
            mode = .tabledata
        case "BINARY":
            mode = .binary
        case "BINARY2":
            mode = .binary2
        case "FITS":
            fail(parser, VOTableError(.unsupported, detail: "FITS serialization is not supported; send TABLEDATA, BINARY or BINARY2"))
        case "STREAM" where mode == .binary || mode == .binary2:
            if let href = attributeDict["href"] {
                fail(parser, VOTableError(.unsupported, detail: "a STREAM by reference (href '\(href)') is not supported; inline the data"))
            } else if let encoding = attributeDict["encoding"], encoding != "base64" {
                fail(parser, VOTableError(.unsupported, detail: "STREAM encoding '\(encoding)' is not supported; use base64"))
            } else {
                startCapture()
            }
        case "TR" where mode == .tabledata:
            currentRow = []
            currentRow?.reserveCapacity(columns.count)
        case "TD" where currentRow != nil:
            if let encoding = attributeDict["encoding"], encoding != "none" {
                fail(parser, VOTableError(.unsupported, row: rows.count + 1, detail: "TD encoding '\(encoding)' is not supported"))
            } else {
                startCapture()
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = Self.localName(elementName)
        if name == "RESOURCE" {
            resourceDepth -= 1
            return
        }
        guard isActive else { return }
        switch name {
        case "TABLE":
            inTable = false
            tableDone = true
        case "DESCRIPTION" where fieldAttributes != nil && capturing:
            fieldDescription = endCapture().trimmingCharacters(in: .whitespacesAndNewlines)
        case "FIELD" where fieldAttributes != nil:
            do throws(VOTableError) {
                columns.append(try VOTableSourceColumn(
                    attributes: fieldAttributes ?? [:], description: fieldDescription, nullText: fieldNull,
                    position: columns.count + 1))
            } catch {
                fail(parser, error)
            }
            fieldAttributes = nil
        case "TD" where capturing:
            let cellText = endCapture()
            let row = rows.count + 1
            let index = currentRow?.count ?? 0
            guard index < columns.count else {
                fail(parser, VOTableError(.invalidDocument, row: row, detail: "more than \(columns.count) cells"))
                return
            }
            do throws(VOTableError) {
                currentRow?.append(try VOTableCellParser.value(cellText, column: columns[index], row: row))
            } catch {
                fail(parser, error)
            }
        case "TR":
            guard let row = currentRow else { return }
            guard row.count == columns.count else {
                fail(parser, VOTableError(.invalidDocument, row: rows.count + 1, detail: "\(row.count) cells for \(columns.count) fields"))
                return
            }
            rows.append(row)
            currentRow = nil
        case "STREAM" where capturing:
            let encoded = endCapture()
            let isEmpty = encoded.allSatisfy(\.isWhitespace)
            guard let decoded = isEmpty ? Data() : Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                fail(parser, VOTableError(.invalidDocument, detail: "the STREAM is not valid base64"))
                return
            }
            let decoder = VOTableBinaryDecoder(columns: columns, hasNullFlags: mode == .binary2, firstRow: rows.count)
            do throws(VOTableError) {
                rows.append(contentsOf: try decoder.rows([UInt8](decoded)))
            } catch {
                fail(parser, error)
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if capturing { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    private func startCapture() {
        capturing = true
        text = ""
    }

    private func endCapture() -> String {
        capturing = false
        defer { text = "" }
        return text
    }

    private func fail(_ parser: XMLParser, _ error: VOTableError) {
        if self.error == nil { self.error = error }
        parser.abortParsing()
    }

    /// `vot:TABLE` → `TABLE`.
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
