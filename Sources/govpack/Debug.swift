import ArgumentParser
import CEL
import Foundation

/// Measurement helpers for `make bench`; not shown in the main help.
struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measurements for developers (used by make bench).", shouldDisplay: false,
        subcommands: [CELBench.self])

    struct CELBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cel-bench", abstract: "Evaluate a typical rule many times and print evaluations per second.")
        @Option(help: "Evaluations to run.") var iterations = 2_000_000

        func run() {
            let r = CELBenchmark.run(iterations: iterations)
            print(String(format: "%.2f million rule evaluations per second (%.2f per CPU-second; %d in %.2f s)",
                         r.evalsPerSecond / 1e6, r.evalsPerCPUSecond / 1e6, iterations, r.seconds))
        }
    }
}
