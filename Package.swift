// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kq",
    products: [
        .executable(name: "kq", targets: ["kq"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "Plugins", targets: ["Plugins"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Answerer packs are YAML: comments for people who write them, line marks for `kq plugins check`.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `kq mcp`: the Model Context Protocol's official Swift SDK.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // Snowball's C stemmers (Debian libstemmer-dev ships no pkg-config file).
        .systemLibrary(
            name: "CStemmer",
            path: "Sources/CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // xxHash (XXH3) for index checksums: fast enough to verify a whole index on every open.
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // BSD libedit for the REPL's line editing and history.
        .systemLibrary(
            name: "CEditLine",
            path: "Sources/CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Hunspell, to tell English words from typos before any spelling correction.
        .systemLibrary(
            name: "CHunspell",
            path: "Sources/CHunspell",
            pkgConfig: "hunspell",
            providers: [.apt(["libhunspell-dev", "hunspell-en-us"])]
        ),
        // GitHub's CommonMark (cmark-gfm, with its table extension) for Markdown documents.
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libxml2's HTML parser, for saved web pages.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // posix_spawn's GNU extensions, for child processes (external answerers, pdftotext): a
        // session of their own, a working folder.
        .target(name: "CSpawn"),
        // The encoder's element-wise functions (GELU, exp) over glibc's vector math library.
        .target(name: "CVectorMath", linkerSettings: [.linkedLibrary("mvec")]),
        .target(
            name: "Core",
            dependencies: ["CStemmer", "CXXHash", "CHunspell", "CVectorMath", "CCmarkGFM", "CLibXML2", "CSpawn"],
            resources: [.copy("Resources")]
        ),
        .target(name: "Plugins", dependencies: ["Core", .product(name: "Yams", package: "Yams")], resources: [.copy("Packs")]),
        .executableTarget(
            name: "kq",
            dependencies: [
                "Core",
                "Plugins",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["MCPBridge"]
        ),
        // `kq mcp`'s protocol side, apart from kq: the SDK brings FoundationNetworking and libcurl,
        // which would cost every kq command 7 ms of start-up (see MCPCommand).
        .executableTarget(
            name: "kq-mcp",
            dependencies: [.product(name: "MCP", package: "swift-sdk")],
            path: "Sources/kq/MCPBridge"
        ),
        // The fuzz inputs are read from the source tree (#filePath), not bundled.
        .testTarget(name: "CoreTests", dependencies: ["Core"], exclude: ["FuzzRegressions", "CrisisMessages", "WordPieceCases.jsonl"]),
        .testTarget(name: "PluginsTests", dependencies: ["Core", "Plugins"], exclude: ["Questions"]),
        .testTarget(name: "kqTests", dependencies: ["kq", "kq-mcp", "Core", "Plugins"], exclude: ["Fixtures", "MCPClient"]),
    ]
)

// libFuzzer targets, declared only for `scripts/fuzz` (KQ_FUZZ=1): they link only with
// -sanitize=fuzzer.
if Context.environment["KQ_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Support"))
    for name in ["Analyzer", "Loaders", "IndexReader"] {
        package.targets.append(.executableTarget(name: "Fuzz\(name)", dependencies: ["Core", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
}

