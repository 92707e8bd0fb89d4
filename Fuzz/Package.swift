// swift-tools-version:6.0
// libFuzzer targets for govpack's input entry points. Built with sanitizers by `make fuzz`
// (see README.md); not part of the main package so that `swift build` there stays plain.
import PackageDescription

let targets = ["FuzzCSV", "FuzzSubmissionXML", "FuzzMSPDI", "FuzzCEL", "FuzzRulePack", "FuzzTemplate"]

let package = Package(
    name: "govpack-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "govpack", path: "..")],
    targets: [.target(name: "CFuzzerDriver")] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "CFuzzerDriver",
                .product(name: "GovPackFuzzing", package: "govpack"),
                .product(name: "CEL", package: "govpack"),
            ],
            path: "Sources/\(name)")
    },
    swiftLanguageModes: [.v5]
)
