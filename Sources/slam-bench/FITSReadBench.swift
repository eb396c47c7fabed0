import ArgumentParser
import Formats
import Foundation
import Primitives
import SLAMNumerics

/// `slam-bench read`: writes N mock-like LAMOST `.fits.gz` spectra with the Formats writer, then reads
/// them back with the Formats reader on 1 and 2 threads, printing spectra/s and MB/s. Asserts nothing.
struct FITSReadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "LAMOST spectrum read throughput (.fits.gz, 1 and 2 threads).")

    @Option(help: "Number of spectra to write and read.")
    var count = 2000

    @Option(help: "Pixels per spectrum.")
    var pixels = 3909

    @Option(help: "Seed of the noise generator.")
    var seed: UInt64 = 42

    @Option(help: "Also write and read back an allStar file of this many rows (0: skip).")
    var allstarRows = 0

    @Option(help: "Directory for the files (default: a fresh temporary directory, removed afterwards).")
    var directory: String?

    func run() async throws {
        let dir = URL(fileURLWithPath: directory ?? NSTemporaryDirectory() + "slam-bench-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: dir) } }

        let clock = ContinuousClock()
        var urls: [URL] = []
        let writeTime = try clock.measure {
            var rng = SplitMix64(seed: seed)
            for i in 0..<count {
                let spectrum = Self.mockSpectrum(index: i, pixels: pixels, rng: &rng)
                let url = dir.appendingPathComponent(spectrum.metadata.identity.fileName(compressed: true))
                try LamostSpectrumWriter.write(spectrum, to: url)
                urls.append(url)
            }
        }
        let compressedBytes = urls.reduce(0) { total, url in
            total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0)
        }
        let rawBytes = count * (5 * pixels * 4 + 2 * 2880)
        print("read bench: \(count) spectra x \(pixels) pixels, seed \(seed), dir \(dir.path)")
        print(String(format: "  write: %.0f spectra/s (%.1f kB/file gzipped, %.1f kB raw)",
                     Double(count) / (writeTime).seconds, Double(compressedBytes) / Double(count) / 1000,
                     Double(rawBytes) / Double(count) / 1000))

        // Where one thread's time goes: CFITSIO open (inflate + header scan), + header parse, + pixels.
        let phases: [(String, (URL) throws -> Double)] = [
            ("open+close", { url in _ = try FITSFile.open(url: url); return 0 }),
            ("open+header", { url in Double(try FITSFile.open(url: url).header().cards.count) }),
            ("open+header+image", { url in
                let file = try FITSFile.open(url: url)
                return Double(try file.header().cards.count) + Double(try file.readImageFloats()[0])
            }),
        ]
        for (name, body) in phases {
            var sink = 0.0
            let elapsed = try clock.measure { for url in urls { sink += try body(url) } }
            print(String(format: "  phase %@: %.3f ms/spectrum (sink %.1f)", name, (elapsed).seconds * 1000 / Double(count), sink))
        }

        for threads in [1, 2] {
            let (elapsed, sink) = try await Self.readAll(urls, threads: threads)
            let s = (elapsed).seconds
            print(String(format: "  read, %d thread%@: %.0f spectra/s, %.1f MB/s gzipped, %.1f MB/s decompressed (sink %.3f)",
                         threads, threads == 1 ? "" : "s", Double(count) / s, Double(compressedBytes) / s / 1e6,
                         Double(rawBytes) / s / 1e6, sink))
        }
        if allstarRows > 0 { try benchAllStar(dir: dir) }
    }

    /// Writes an allStar file of `allstarRows` rows and reads it back in chunks of 20,000 rows.
    func benchAllStar(dir: URL) throws {
        var rng = SplitMix64(seed: seed)
        let stars = (0..<allstarRows).map { i in
            ApogeeStar(apogeeID: "2M\(10_000_000 + i)+0000000", field: "F\(i % 300)", ra: rng.uniform() * 360,
                       dec: rng.uniform() * 180 - 90, snr: 50 + rng.uniform() * 200, teff: 4000 + 2000 * rng.uniform(),
                       teffErr: 80, logg: 1 + 3.5 * rng.uniform(), loggErr: 0.06, mH: rng.uniform() - 0.7, mHErr: 0.03,
                       alphaM: 0.2 * rng.uniform(), alphaMErr: 0.02, cM: 0.1, cMErr: 0.04, nM: 0.2, nMErr: 0.05)
        }
        let url = dir.appendingPathComponent("allStar-bench.fits")
        let clock = ContinuousClock()
        let writeTime = try clock.measure { try ApogeeAllStarWriter.write(stars, to: url) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        var sink = 0.0
        let readTime = try clock.measure {
            let reader = try ApogeeAllStarReader(url: url)
            var start = 0
            while start < reader.rowCount {
                let chunk = try reader.read(rows: start..<min(reader.rowCount, start + 20_000))
                sink += chunk.reduce(0) { $0 + ($1.teff ?? 0) }
                start += 20_000
            }
        }
        print(String(format: "  allStar %d rows (%.1f MB): write %.2f s, chunked read %.0f rows/s (sink %.1f)", allstarRows,
                     Double(size) / 1e6, (writeTime).seconds, Double(allstarRows) / (readTime).seconds, sink))
    }

    /// Reads `urls` split over `threads` tasks; returns the wall time and a sink of the values read.
    static func readAll(_ urls: [URL], threads: Int) async throws -> (Duration, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let sink = try await withThrowingTaskGroup(of: Double.self) { group in
            for t in 0..<threads {
                let part = stride(from: t, to: urls.count, by: threads).map { urls[$0] }
                group.addTask {
                    var sum = 0.0
                    for url in part {
                        let spectrum = try LamostSpectrumReader.read(url: url)
                        sum += Double(spectrum.flux[spectrum.pixelCount / 2]) + spectrum.wavelength[0]
                            + Double(spectrum.header.cards.count)
                    }
                    return sum
                }
            }
            return try await group.reduce(0, +)
        }
        return (clock.now - start, sink)
    }

    /// A mock-like spectrum: smooth continuum with absorption lines, Gaussian-ish noise, a few masked pixels.
    static func mockSpectrum(index: Int, pixels: Int, rng: inout SplitMix64) -> LamostSpectrum {
        let metadata = LamostSpectrumMetadata(
            obsid: 100_000_000 + Int64(index), designation: "LAMOST J000000.00+000000.0", ra: rng.uniform() * 360,
            dec: rng.uniform() * 90 - 10, lmjd: 57000 + index / 4000, mjd: 56999 + index / 4000, planid: "MOCK\(index / 4000)",
            spid: 1 + (index / 250) % 16, fiberid: 1 + index % 250, subclass: "G5", z: 1e-4, zErr: 1e-5, helioRV: 10,
            snr: LamostSNR(u: 5, g: 40, r: 60, i: 80, z: 50), dateObs: "2014-01-01T12:00:00")
        var flux = [Float](repeating: 0, count: pixels)
        var ivar = [Float](repeating: 0, count: pixels)
        var andMask = [Int32](repeating: 0, count: pixels)
        for i in 0..<pixels {
            let x = Double(i) / Double(pixels)
            let continuum = 1000 * (0.6 + 0.8 * x - 0.5 * x * x) * (1 - 0.3 * exp(-pow((x - 0.3) * 80, 2)))
            let sigma = (continuum / 60).squareRoot() * 3
            let noise = (rng.uniform() + rng.uniform() + rng.uniform() - 1.5) * 2 * sigma
            flux[i] = Float(continuum + noise)
            ivar[i] = Float(1 / (sigma * sigma))
            if rng.uniform() < 0.01 { andMask[i] = 1; ivar[i] = 0; flux[i] = 0 }
        }
        return LamostSpectrum(metadata: metadata, flux: flux, ivar: ivar, andMask: andMask, orMask: andMask)
    }
}


