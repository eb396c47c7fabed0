/// Base64 (RFC 4648, standard alphabet, `=` padding) of a byte stream that arrives in pieces.
///
/// Up to two bytes that do not yet make a 3-byte group are carried to the next `append`; `finish`
/// writes them with padding. A line feed follows every 76 characters (XML Schema's base64Binary
/// allows whitespace), so the STREAM text has short lines. Holds at most two bytes of input.
struct Base64StreamEncoder: Sendable {
    private var carry: (UInt8, UInt8) = (0, 0)
    private var carryCount = 0
    private var column = 0

    /// Characters per line before a line feed.
    static let lineLength = 76

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes the complete 3-byte groups of the carried bytes followed by `bytes` into `output`, and
    /// carries the rest.
    mutating func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        var index = 0
        if carryCount > 0 {
            var group = [carry.0, carry.1]
            group.removeLast(2 - carryCount)
            while group.count < 3 && index < bytes.count {
                group.append(bytes[index])
                index += 1
            }
            if group.count < 3 {
                carryCount = group.count
                carry = (group[0], group.count > 1 ? group[1] : 0)
                return
            }
            emit(group[0], group[1], group[2], count: 3, to: &output)
            carryCount = 0
        }
        output.reserveCapacity(output.count + (bytes.count - index) * 4 / 3 + 4)
        while index + 3 <= bytes.count {
            emit(bytes[index], bytes[index + 1], bytes[index + 2], count: 3, to: &output)
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            carry = (bytes[index], remaining > 1 ? bytes[index + 1] : 0)
            carryCount = remaining
        }
    }

    /// Writes the carried bytes with `=` padding and a final line feed if the line is not empty.
    mutating func finish(to output: inout [UInt8]) {
        if carryCount > 0 {
            emit(carry.0, carry.1, 0, count: carryCount, to: &output)
            carryCount = 0
        }
        if column > 0 {
            output.append(0x0A)
            column = 0
        }
    }

    private mutating func emit(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, count: Int, to output: inout [UInt8]) {
        let alphabet = Self.alphabet
        output.append(alphabet[Int(b0 >> 2)])
        output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
        output.append(count > 1 ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
        output.append(count > 2 ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
        column += 4
        if column >= Self.lineLength {
            output.append(0x0A)
            column = 0
        }
    }
}
