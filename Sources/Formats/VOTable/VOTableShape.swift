import Foundation

/// The shape an `arraysize` attribute gives a field's cells (VOTable 1.4 §2.2), flattened to a count
/// of elements: multidimensional arrays are read and written as their elements in storage order.
enum VOTableShape: Sendable, Equatable {
    /// No `arraysize`: one element.
    case scalar
    /// Exactly `count` elements (`"8"`, `"2x3"`).
    case fixed(Int)
    /// A 4-byte count in binary streams, then the elements; at most `maximum` (`"*"`, `"8*"`, `"2x*"`).
    case variable(maximum: Int?)

    /// The shape of `arraysize`; nil when it is not of the forms above (a zero or negative size, text
    /// that is not a number, a `*` before the last dimension).
    init?(arraysize: String?) {
        guard let raw = arraysize?.trimmingCharacters(in: .whitespaces) else { self = .scalar; return }
        let dimensions = raw.split(separator: "x", omittingEmptySubsequences: false)
        var product = 1
        for (index, dimension) in dimensions.enumerated() {
            let isLast = index == dimensions.count - 1
            if isLast && dimension == "*" {
                self = .variable(maximum: nil)
                return
            }
            var digits = Substring(dimension)
            let isBounded = isLast && digits.hasSuffix("*")
            if isBounded { digits = digits.dropLast() }
            guard let size = Int(digits), size > 0 else { return nil }
            let (result, overflow) = product.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            product = result
            if isBounded {
                self = .variable(maximum: product)
                return
            }
        }
        self = .fixed(product)
    }

    /// Whether cells hold more than one element (any `arraysize`).
    var isArray: Bool { self != .scalar }
}
