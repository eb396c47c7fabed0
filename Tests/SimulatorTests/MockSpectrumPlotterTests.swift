import Foundation
import Testing
@testable import Simulator

/// The gnuplot plots of mock spectra: finding gnuplot, the data and script handed to it, and its
/// failures reported with the plot's file (a stand-in `gnuplot` script records what it is given).
@Suite struct MockSpectrumPlotterTests {
    /// Writes an executable `gnuplot` shell script with `body` into `dir`; returns its path.
    static func fakeGnuplot(in dir: URL, _ body: String) throws -> String {
        let url = dir.appendingPathComponent("gnuplot")
        // Written and made executable by a child shell, so no descriptor open for writing on the script
        // lives in this process, where a process spawned at that moment by a concurrent test would
        // inherit it and make running the script fail with "Text file busy".
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh", url.path]
        let input = Pipe()
        writer.standardInput = input
        try writer.run()
        input.fileHandleForWriting.write(Data("#!/bin/sh\n\(body)\n".utf8))
        try input.fileHandleForWriting.close()
        writer.waitUntilExit()
        return url.path
    }

    /// The file and detail of the `.plotFailed` that `body` throws, else `nil`.
    static func plotFailure(_ body: () throws -> Void) -> [String]? {
        do { try body() } catch SimulatorError.plotFailed(let file, let detail) { return [file, detail] } catch {}
        return nil
    }

    @Test func gnuplotIsTheFirstExecutableOneOnTheSearchPath() throws {
        let dir = SimulatorTestSupport.temporaryDirectory("plotter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty"), plain = dir.appendingPathComponent("plain")
        let tools = dir.appendingPathComponent("tools")
        for d in [empty, plain, tools] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try Data("not executable".utf8).write(to: plain.appendingPathComponent("gnuplot"))
        let fake = try Self.fakeGnuplot(in: tools, "exit 0")
        #expect(MockSpectrumPlotter.gnuplotPath(searchPath: "\(empty.path):\(plain.path):\(tools.path)") == fake)
        #expect(MockSpectrumPlotter.gnuplotPath(searchPath: "\(empty.path):\(plain.path)") == nil)
        #expect(MockSpectrumPlotter.gnuplotPath(searchPath: "") == nil)
    }

    @Test func dataAndScriptHoldEverySeriesStackedByTheOffset() throws {
        let dir = SimulatorTestSupport.temporaryDirectory("plotter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gnuplot = try Self.fakeGnuplot(in: dir, "cat > \"$(dirname \"$0\")/script.gp\"")
        try MockSpectrumPlotter.plot(gnuplot, name: "seq", directory: dir, wavelengths: [4000, 4000.5],
                                     series: [("hot", [1, 0.9]), ("cool", [0.75, 0.123456])], title: "T",
                                     offset: 1.5, annotate: false)
        let data = try String(contentsOf: dir.appendingPathComponent("seq.dat"), encoding: .utf8)
        #expect(data == "# wavelength_A flux0 flux1\n4000.000 1.00000 0.75000\n4000.500 0.90000 0.12346\n")
        let script = try String(contentsOf: dir.appendingPathComponent("script.gp"), encoding: .utf8)
        let dat = dir.appendingPathComponent("seq.dat").path
        #expect(script.contains("set output '\(dir.appendingPathComponent("seq.png").path)'\n"))
        #expect(script.contains("set yrange [-0.1:3.6]\n"))
        #expect(script.contains("plot '\(dat)' using 1:($2+1.5) with lines lw 1 title \"hot\", \\\n"
            + "     '\(dat)' using 1:($3+0.0) with lines lw 1 title \"cool\"\n"))
        #expect(!script.contains("set label"))
    }

    @Test func annotatedPlotsMarkEveryFeature() throws {
        let dir = SimulatorTestSupport.temporaryDirectory("plotter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gnuplot = try Self.fakeGnuplot(in: dir, "cat > \"$(dirname \"$0\")/script.gp\"")
        try MockSpectrumPlotter.plot(gnuplot, name: "a", directory: dir, wavelengths: [5000], series: [("x", [1])],
                                     title: "T", offset: 1, annotate: true)
        let script = try String(contentsOf: dir.appendingPathComponent("script.gp"), encoding: .utf8)
        let labels = script.split(separator: "\n").filter { $0.hasPrefix("set label ") }
        #expect(labels.count == MockSpectrumPlotter.features.count)
        #expect(labels.first == "set label 1 \"Ca II K,H\" at 3950.0,1.15 center font \",9\"")
    }

    @Test func aFailingGnuplotIsReportedWithThePlotFileAndItsMessage() throws {
        let dir = SimulatorTestSupport.temporaryDirectory("plotter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("p.png").path
        let noisy = try Self.fakeGnuplot(in: dir, "cat > /dev/null; echo 'unknown terminal' >&2; exit 1")
        #expect(Self.plotFailure {
            try MockSpectrumPlotter.plot(noisy, name: "p", directory: dir, wavelengths: [1], series: [("x", [1])],
                                         title: "T", offset: 1, annotate: false)
        } == [png, "unknown terminal\n"])
        let silent = try Self.fakeGnuplot(in: dir, "cat > /dev/null; exit 3")
        #expect(Self.plotFailure {
            try MockSpectrumPlotter.plot(silent, name: "p", directory: dir, wavelengths: [1], series: [("x", [1])],
                                         title: "T", offset: 1, annotate: false)
        } == [png, "exit 3"])
    }

    @Test func theTemperatureSequenceRunsHotToCoolForDwarfsThenGiantsAsItsLabelsSay() {
        let sequence = MockSpectrumPlotter.temperatureSequence
        for giants in [false, true] {
            let teffs = sequence.filter { $0.0.contains(" III ") == giants }.map(\.1.teff)
            #expect(teffs.count >= 3 && zip(teffs, teffs.dropFirst()).allSatisfy { $0 > $1 })
        }
        #expect(sequence.allSatisfy { $0.0.contains(" III ") == $0.1.isGiant })
        #expect(sequence.allSatisfy { $0.0.hasSuffix("\(Int($0.1.teff)) K") })
    }
}
