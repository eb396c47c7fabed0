import Formats

extension ApogeeColumnMap {
    /// Column names of a release by preset name (`dr12`, `dr15`, `dr16`, `dr17`), or nil.
    public static func preset(_ name: String) -> ApogeeColumnMap? {
        switch name.lowercased() {
        case "dr12": .dr12
        case "dr14", "dr15": .dr15
        case "dr16": .dr16
        case "dr17": .dr17
        default: nil
        }
    }
}
