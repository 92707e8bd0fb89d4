import GovPackCore
import GovPackIngest

/// `govpack validate`: read the inputs and report every problem found.
public struct Validation {
    public var options: LoadOptions

    public init(options: LoadOptions = LoadOptions()) { self.options = options }

    public struct Result: Sendable {
        public var load: LoadResult
        public var diagnostics: [Diagnostic]
        public var summary: RunSummary
        public var hasErrors: Bool { summary.errors > 0 }
    }

    public func run(_ paths: [String]) -> Result {
        let sink = DiagnosticSink()
        let load = InputLoader(options: options).load(paths, diagnostics: sink)
        let all = sink.all
        let summary = RunSummary(
            files: load.files.filter { $0.format != nil }.count,
            rejectedFiles: load.rejected.count,
            projects: load.portfolio.projects.count,
            errors: all.filter { $0.severity == .error }.count,
            warnings: all.filter { $0.severity == .warning }.count,
            infos: all.filter { $0.severity == .info }.count)
        return Result(load: load, diagnostics: all, summary: summary)
    }
}
