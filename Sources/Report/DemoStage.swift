/// One line of the demo's stage timing table.
public struct DemoStage: Sendable, Codable {
    /// Stage name, e.g. `ingest`.
    public var name: String
    /// What it did, in words.
    public var detail: String
    /// Wall-clock seconds.
    public var seconds: Double

    /// A timing row.
    public init(name: String, detail: String, seconds: Double) {
        self.name = name
        self.detail = detail
        self.seconds = seconds
    }
}
