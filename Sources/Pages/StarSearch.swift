import Foundation
import Catalogue
import Store

/// What the home page's search box asks for: an obsid (digits), a position with an optional radius
/// (`ra dec [radius]`: degrees, degrees, arcminutes; commas allowed), or a designation (anything else).
public enum StarSearch: Sendable, Equatable {
    case obsid(Int64)
    case cone(ra: Double, dec: Double, radiusArcmin: Double)
    case designation(String)

    /// The default cone radius, arcminutes, and the largest allowed.
    public static let defaultRadiusArcmin = 1.0
    public static let maximumRadiusArcmin = 60.0
    /// The most spectra a search lists.
    public static let limit = 500

    /// Parses the search text; throws ``PageError/badRequest(_:)`` for an impossible position or radius.
    public init?(_ text: String) throws(PageError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy(\.isNumber), let obsid = Int64(trimmed) {
            self = .obsid(obsid)
            return
        }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
        let numbers = words.compactMap { Double($0) }
        if numbers.count == words.count, (2...3).contains(numbers.count), numbers.allSatisfy(\.isFinite) {
            let (ra, dec) = (numbers[0], numbers[1])
            let radius = numbers.count == 3 ? numbers[2] : Self.defaultRadiusArcmin
            guard (0..<360).contains(ra) else { throw .badRequest("right ascension must be in [0, 360) degrees, not \(ra)") }
            guard (-90...90).contains(dec) else { throw .badRequest("declination must be in [-90, 90] degrees, not \(dec)") }
            guard radius > 0, radius <= Self.maximumRadiusArcmin else {
                throw .badRequest("the radius must be above 0 and at most \(Int(Self.maximumRadiusArcmin)) arcminutes, not \(radius)")
            }
            self = .cone(ra: ra, dec: dec, radiusArcmin: radius)
            return
        }
        self = .designation(trimmed)
    }

    /// The spectra found, at most ``limit``.
    public func run(db: PostgresConnection) throws(PostgresError) -> [StarSearchHit] {
        switch self {
        case let .obsid(obsid): try StarSearchQueries.byObsid(obsid, db: db)
        case let .cone(ra, dec, radius): try StarSearchQueries.cone(ra: ra, dec: dec, radiusDegrees: radius / 60, limit: Self.limit, db: db)
        case let .designation(text): try StarSearchQueries.byDesignation(text, limit: Self.limit, db: db)
        }
    }

    /// The search in words, for the results' heading.
    public var summary: String {
        switch self {
        case let .obsid(obsid): "obsid \(obsid)"
        case let .cone(ra, dec, radius): "within \(HTML.number(radius, digits: 2)) arcmin of RA \(HTML.number(ra, digits: 5))°, Dec \(HTML.number(dec, digits: 5))°"
        case let .designation(text): "designation \(text)"
        }
    }
}
