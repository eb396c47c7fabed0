/// Text made safe for XML 1.0 element content and double-quoted attribute values.
///
/// `&`, `<`, `>` and `"` become entities; carriage return becomes `&#13;` (an XML parser would otherwise
/// turn it into a line feed), and in attributes tab and line feed become `&#9;` and `&#10;` (attribute
/// normalisation would turn them into spaces). Characters XML 1.0 forbids (U+0000-U+001F other than tab,
/// line feed and carriage return, and U+FFFE, U+FFFF) are **replaced** by U+FFFD, the replacement
/// character: a stray control byte in one value never fails a result of many rows.
public enum XMLEscaping {
    /// Appends `text`, escaped, to `output` as UTF-8.
    public static func append(_ text: String, attribute: Bool, to output: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                appendASCII(UInt8(value), attribute: attribute, to: &output)
            } else if value == 0xFFFE || value == 0xFFFF {
                output.append(contentsOf: replacement)
            } else {
                output.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// `text` escaped, as a string (for attributes assembled as text).
    public static func escaped(_ text: String, attribute: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text, attribute: attribute, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// U+FFFD as UTF-8.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func appendASCII(_ byte: UInt8, attribute: Bool, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
        case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
        case UInt8(ascii: ">"): output.append(contentsOf: Array("&gt;".utf8))
        case UInt8(ascii: "\""): output.append(contentsOf: Array("&quot;".utf8))
        case 0x0D: output.append(contentsOf: Array("&#13;".utf8))
        case 0x09: if attribute { output.append(contentsOf: Array("&#9;".utf8)) } else { output.append(byte) }
        case 0x0A: if attribute { output.append(contentsOf: Array("&#10;".utf8)) } else { output.append(byte) }
        case 0x00..<0x20: output.append(contentsOf: replacement)
        default: output.append(byte)
        }
    }
}
