import Foundation

/// The machine a demo ran on, for the report.
public struct DemoMachine: Sendable {
    /// Host name.
    public var host: String
    /// CPU model name, or "unknown".
    public var cpu: String
    /// Active processor cores.
    public var cores: Int
    /// Physical memory, GiB.
    public var memoryGiB: Double
    /// Operating system name and version.
    public var operatingSystem: String

    /// A machine from its description (see the properties).
    public init(host: String, cpu: String, cores: Int, memoryGiB: Double, operatingSystem: String) {
        self.host = host
        self.cpu = cpu
        self.cores = cores
        self.memoryGiB = memoryGiB
        self.operatingSystem = operatingSystem
    }

    /// This process's machine; the CPU model comes from `/proc/cpuinfo` when there is one.
    public static func current() -> DemoMachine {
        let info = ProcessInfo.processInfo
        var cpu = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return DemoMachine(host: info.hostName, cpu: cpu, cores: info.activeProcessorCount,
                           memoryGiB: Double(info.physicalMemory) / Double(1 << 30), operatingSystem: info.operatingSystemVersionString)
    }
}
