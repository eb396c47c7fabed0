/// What a LAMOST spectrum's file name says: `spec-LMJD-PLANID_spSS-FFF.fits[.gz]`.
///
/// The number in the name is the local MJD (`LMJD`), not `MJD`; PLANID may contain underscores, so the
/// name is parsed from the right. A name and header that disagree are never an error.
public struct LamostFileIdentity: Sendable, Hashable, Codable {
    /// Local modified Julian day (the five digits after `spec-`).
    public var lmjd: Int
    /// Plan identifier, e.g. `F5902` or `GAC_090N33_V1`.
    public var planid: String
    /// Spectrograph number, 1-16.
    public var spid: Int
    /// Fibre number on the spectrograph, 1-250.
    public var fiberid: Int

    /// An identity from its parts.
    public init(lmjd: Int, planid: String, spid: Int, fiberid: Int) {
        self.lmjd = lmjd
        self.planid = planid
        self.spid = spid
        self.fiberid = fiberid
    }

    /// Parses a file name (no directory) matching `^spec-(\d{5})-(.+)_sp(\d{2})-(\d{3})\.fits(\.gz)?$`;
    /// `nil` when it does not match.
    public init?(fileName: String) {
        var name = Substring(fileName)
        if name.hasSuffix(".gz") { name = name.dropLast(3) }
        guard name.hasSuffix(".fits"), name.hasPrefix("spec-") else { return nil }
        name = name.dropLast(5).dropFirst(5)
        // From the right: "-FFF", "_spSS", then the plan id; from the left: "LMJD-".
        let chars = Array(name)
        guard chars.count >= 5 + 1 + 1 + 5 + 4 else { return nil }
        let fiberText = String(chars[(chars.count - 3)...])
        let dash = chars[chars.count - 4]
        let spText = String(chars[(chars.count - 6)..<(chars.count - 4)])
        let spMarker = String(chars[(chars.count - 9)..<(chars.count - 6)])
        let lmjdText = String(chars[0..<5])
        guard dash == "-", spMarker == "_sp", chars[5] == "-",
              fiberText.allSatisfy(\.isASCIIDigit), spText.allSatisfy(\.isASCIIDigit), lmjdText.allSatisfy(\.isASCIIDigit),
              let fiber = Int(fiberText), let sp = Int(spText), let lmjd = Int(lmjdText)
        else { return nil }
        let plan = String(chars[6..<(chars.count - 9)])
        guard !plan.isEmpty else { return nil }
        self.init(lmjd: lmjd, planid: plan, spid: sp, fiberid: fiber)
    }

    /// The archive file name, `spec-55859-F5902_sp08-171.fits` (with `.gz` when `compressed`).
    public func fileName(compressed: Bool) -> String {
        let sp = spid < 10 ? "0\(spid)" : "\(spid)"
        let fiber = String(repeating: "0", count: max(0, 3 - String(fiberid).count)) + String(fiberid)
        return "spec-\(lmjd)-\(planid)_sp\(sp)-\(fiber).fits" + (compressed ? ".gz" : "")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
