import Foundation

/// The APOGEE labels a training set can take, with their `apogee_star` columns and the ASPCAPFLAG
/// bit that marks each one bad (docs/formats.md: 16 TEFF_BAD, 17 LOGG_BAD, 19 M_H_BAD, 20 ALPHA_M_BAD,
/// 21 C_M_BAD, 22 N_M_BAD).
public enum ApogeeLabel: String, Sendable, Codable, CaseIterable {
    case teff, logg
    case mH = "m_h"
    case alphaM = "alpha_m"
    case cM = "c_m"
    case nM = "n_m"

    /// The `apogee_star` column holding the label (a fixed identifier, never user text).
    public var column: String { rawValue }
    /// The `apogee_star` column holding its uncertainty.
    public var errorColumn: String { rawValue + "_err" }
    /// ASPCAPFLAG bit that marks this label bad.
    public var aspcapBadBit: Int {
        switch self {
        case .teff: 16
        case .logg: 17
        case .mH: 19
        case .alphaM: 20
        case .cM: 21
        case .nM: 22
        }
    }
    /// Unit of the label.
    public var unit: String { self == .teff ? "K" : "dex" }

    /// The paper's K-giant label set: Teff, log g, [M/H], [alpha/M], [C/M], [N/M].
    public static let paperSet: [ApogeeLabel] = [.teff, .logg, .mH, .alphaM, .cM, .nM]

    /// Parses a comma-separated list such as `teff,logg,m_h`; throws on an unknown or repeated name.
    public static func parseList(_ text: String) throws(TrainingSetError) -> [ApogeeLabel] {
        var labels: [ApogeeLabel] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let label = ApogeeLabel(rawValue: name) else {
                throw .unknownLabel(name, known: ApogeeLabel.allCases.map(\.rawValue))
            }
            guard !labels.contains(label) else { throw .repeatedLabel(name) }
            labels.append(label)
        }
        guard !labels.isEmpty else { throw .unknownLabel(text, known: ApogeeLabel.allCases.map(\.rawValue)) }
        return labels
    }
}
