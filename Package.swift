// swift-tools-version: 6.0
// The Stellar LAbel Machine (SLAM) catalogue system.
//
// Layers, bottom first; a module imports only modules above it in this list:
//   C shims (CLibPQ, CFITSIO, CBLAS, CMinpack) -> Primitives -> ADQL (pure: ADQL parser and translator) -> SLAMNumerics -> Platform -> Formats -> Simulator
//   -> Report (pure: plots, tables, HTML) -> Store -> Queue -> Catalogue -> TAP -> Pipeline -> Demo
//   -> Pages (the web pages: loaded and rendered, no HTTP) -> Server (HTTP) -> slam (CLI), slam-bench (benchmarks).
import Foundation
import PackageDescription

/// The processor the numerics are compiled for (`-target-cpu`). The SVR solver's scans run 16 single-precision
/// lanes at a time and are about twice as fast with AVX2 as with the x86-64 baseline (SSE2), so on x86-64 the
/// default is `haswell` (x86-64-v3: AVX2, FMA; every x86-64 server since 2015), which `slam` checks at start.
/// `SLAM_TARGET_CPU=generic` builds for the baseline; `SLAM_TARGET_CPU=<cpu>` (e.g. `znver4`) for another.
let numericsTargetCPU: String? = {
    let requested = ProcessInfo.processInfo.environment["SLAM_TARGET_CPU"]
    #if arch(x86_64)
    let cpu = requested ?? "haswell"
    #else
    let cpu = requested ?? "generic"
    #endif
    return cpu == "generic" || cpu.isEmpty ? nil : cpu
}()
let numericsSettings: [SwiftSetting] = numericsTargetCPU.map { cpu in
    [.unsafeFlags(["-target-cpu", cpu])] + (cpu == "haswell" ? [.define("SLAM_NUMERICS_AVX2")] : [])
} ?? []

let package = Package(
    name: "slam",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "slam", targets: ["slam"]),
        .executable(name: "slam-bench", targets: ["slam-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries (Debian: libpq-dev libcfitsio-dev libopenblas-dev libcminpack-dev; libsvm-dev for tests).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev", "libssl-dev"])]),
        .systemLibrary(name: "CFITSIO", pkgConfig: "cfitsio", providers: [.apt(["libcfitsio-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CMinpack", pkgConfig: "cminpack", providers: [.apt(["libcminpack-dev"])]),
        .systemLibrary(name: "CLibSVM", providers: [.apt(["libsvm-dev"])]),

        // Small shared mechanisms: a locked value, the parallel result slots and indexed map, FNV-1a,
        // Duration in seconds. No dependencies.
        .target(name: "Primitives"),
        // ADQL 2.1 (IVOA) for the TAP service: parser to a positioned syntax tree, translator to PostgreSQL + q3c
        // as fragments the caller binds. Pure; no dependencies.
        .target(name: "ADQL"),
        // Pure numerics: preprocessing, SVR, SLAM training and inference. No I/O, no database.
        .target(name: "SLAMNumerics", dependencies: ["CBLAS", "CMinpack", "Primitives"], swiftSettings: numericsSettings),
        // Process set-up of the executables: the processor check for this build's numerics, OpenBLAS threading.
        .target(name: "Platform", dependencies: [
            "SLAMNumerics", "CBLAS", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // File formats: FITS via CFITSIO (LAMOST spectra, APOGEE allStar, catalogues), CSV.
        .target(name: "Formats", dependencies: ["CFITSIO"]),
        // The mock survey: realistic synthetic LAMOST spectra and APOGEE labels with known truth.
        .target(name: "Simulator", dependencies: ["Formats", "Primitives"]),
        // Drawing and formatting, no database: SVG plots, the fit figure, the demo's HTML report, from plain values.
        .target(name: "Report"),
        // PostgreSQL access over libpq, migrations, the embedded server.
        .target(name: "Store", dependencies: [
            "CLibPQ",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The job queue and the worker runtime.
        .target(name: "Queue", dependencies: [
            "Store", "Primitives",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The catalogue's data access: the only module that knows the science tables' SQL (named queries
        // returning typed rows, the one writer of rejections, the rule for usable models).
        .target(name: "Catalogue", dependencies: ["Store", "Report", "SLAMNumerics"]),
        // The TAP service without HTTP: request parameters, ADQL plans over the published schema, the
        // read-only cursor and the streamed VOTable/CSV output, VOSI documents, DALI examples.
        .target(name: "TAP", dependencies: [
            "ADQL", "Catalogue", "Formats", "Queue", "Store", .product(name: "Logging", package: "swift-log"),
        ]),
        // Job handlers where the layers meet: ingest, crossmatch, train, predict.
        .target(name: "Pipeline", dependencies: [
            "TAP", "Catalogue", "SLAMNumerics", "Formats", "Store", "Queue", "Primitives", "Report",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The end-to-end demo beside the CLI: runs every stage on a mock survey and writes its reports.
        .target(name: "Demo", dependencies: [
            "Pipeline", "Catalogue", "Report", "Queue", "Store", "Simulator", "Formats", "SLAMNumerics", "Primitives",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The catalogue's web pages without HTTP: search, star pages, the survey dashboard, the models;
        // each loaded by named queries and rendered as self-contained HTML with inline SVG.
        .target(name: "Pages", dependencies: ["Pipeline", "Catalogue", "Report", "Queue", "Store"]),
        // The HTTP server (Hummingbird 2): the TAP service's and the pages' routes, `slam serve`'s application.
        .target(name: "Server", dependencies: [
            "Pages", "Pipeline", "TAP", "Catalogue", "Formats", "Store",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "slam", dependencies: [
            "Server", "TAP", "Demo", "Catalogue", "Pipeline", "Platform", "Report", "Queue", "Store", "Simulator", "Formats", "SLAMNumerics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "slam-bench", dependencies: [
            "Catalogue", "Demo", "Pipeline", "Platform", "Queue", "Store", "Simulator", "Formats", "SLAMNumerics", "Primitives", "CBLAS",
            "Server", "TAP", "Pages",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // A fresh, migrated PostgreSQL database per test (real server: the embedded one or SLAM_TEST_DATABASE_URL).
        .target(name: "StoreTestSupport", dependencies: ["Store"], path: "Tests/StoreTestSupport"),
        // Rows for the integration tests: one factory per table they fill, with overridable defaults.
        .target(name: "CatalogueTestSupport", dependencies: ["Catalogue", "SLAMNumerics", "Store"], path: "Tests/CatalogueTestSupport"),

        .testTarget(name: "PrimitivesTests", dependencies: ["Primitives"]),
        .testTarget(name: "ADQLTests", dependencies: ["ADQL"]),
        .testTarget(name: "SLAMNumericsTests", dependencies: ["SLAMNumerics", "Primitives", "CLibSVM", "CBLAS"]),
        // The executables' start-up (processor check, BLAS threading, parse and run) from passed-in text.
        .testTarget(name: "PlatformTests", dependencies: [
            "Platform", "SLAMNumerics", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fixtures/: small documents written by other tools (VOTables by astropy), found by path.
        .testTarget(name: "FormatsTests", dependencies: ["Formats"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Formats"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        // Plots, the fit figure and the demo report's rendering, from plain values (no server).
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        // The pages' rendering and search parsing from hand-made values (no server): escaping, tables, plots.
        .testTarget(name: "PagesTests", dependencies: ["Pages", "Catalogue", "Report", "Queue"]),
        // The TAP service's pure parts: parameters, formats, plans, VOSI documents, examples (no server).
        .testTarget(name: "TAPTests", dependencies: ["TAP", "ADQL", "Catalogue", "Formats", "Store"]),
        .testTarget(name: "QueueTests", dependencies: ["Queue", "Store", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "StoreIntegrationTests", dependencies: ["Store", "StoreTestSupport"]),
        .testTarget(name: "QueueIntegrationTests", dependencies: ["Queue", "Store", "StoreTestSupport"]),
        // Pipeline code that needs no server (payloads, parameters, settings, decisions).
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Catalogue", "Queue", "Store", "Formats", "SLAMNumerics", "TAP"]),
        // The demo's pure parts (report text, evaluation tables, applications) from hand-made values (no server).
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Catalogue", "Pipeline", "Report", "SLAMNumerics"]),
        .testTarget(name: "CatalogueIntegrationTests", dependencies: [
            "Catalogue", "CatalogueTestSupport", "SLAMNumerics", "Report", "Store", "StoreTestSupport",
        ]),
        .testTarget(name: "PipelineIntegrationTests", dependencies: [
            "StoreTestSupport", "CatalogueTestSupport", "Pipeline", "Demo", "Report", "Queue", "Store", "Simulator", "Formats", "SLAMNumerics",
        ]),
        // The TAP service over HTTP against a real PostgreSQL: the routes, the role boundary, and real
        // clients (pyvo, STILTS) run against `slam serve`.
        .testTarget(name: "ServerIntegrationTests", dependencies: [
            "Server", "TAP", "ADQL", "Catalogue", "CatalogueTestSupport", "Store", "StoreTestSupport", "Formats",
            "Pipeline", "Queue", "Pages", "Demo",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], exclude: ["Clients"]),
        // scripts/multihost: the built `slam` on three worker hosts (network namespaces) under network
        // and process faults; runs as root (CI), skipped otherwise. Depends on no module.
        .testTarget(name: "MultiHostTests"),
        // The CLI: argument parsing, exit statuses, and the built `slam` run against a test database.
        .testTarget(name: "slamTests", dependencies: [
            "slam", "StoreTestSupport", "Demo", "Pipeline", "Queue", "Store", "Formats",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
