import ArgumentParser
import Foundation
import GovPackPipeline

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an annotated govpack.yaml, the monthly run's configuration.",
        discussion: """
            Every field is in the file with a comment saying what it is and its default; optional \
            fields are commented out with an example. An existing govpack.yaml is left alone \
            unless --force is given (it is then replaced atomically). See docs/configuration.md.

            Examples:
              govpack init
              govpack init pmo/ --force
            """
    )

    @Argument(help: "The folder to write govpack.yaml into (default: the current folder).", completion: .directory)
    var folder: String = "."

    @Flag(help: "Replace an existing govpack.yaml.")
    var force = false

    func run() throws {
        do {
            let path = try ConfigTemplate.write(into: folder, force: force)
            print("Wrote \(path): every field with its default. Edit it for your teams; govpack run reads it.")
        } catch let e as ConfigTemplate.FileExists {
            printError("govpack: \(e.errorDescription ?? "the file exists")")
            throw ExitCode(1)
        } catch {
            printError("govpack: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
