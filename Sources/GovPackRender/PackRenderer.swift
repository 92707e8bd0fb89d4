import Foundation
import GovPackCore
import GovPackMetrics

/// Renders governance packs from the templates of `Templates/` (compiled in), each replaceable
/// by a file of the same name in `templatesOverride`.
public struct PackRenderer: Sendable {
    let templates: TemplateSet

    /// Loads the shipped templates and the overrides; throws `TemplateError` for a template
    /// that does not parse, naming its file, line and column.
    public init(templatesOverride: URL? = nil) throws {
        templates = try TemplateSet(override: templatesOverride)
    }

    /// Every file of the requested packs plus `index.<format>` linking them, in a fixed order.
    /// Throws `TemplateError` when a template names a value the view model does not have.
    public func render(_ input: RenderInput, packs: [PackKind], format: OutputFormat) throws -> [RenderedFile] {
        try render(input, packs: packs, format: format, coverage: nil)
    }

    /// The names in the templates of `format` that rendering every pack of `input` could not
    /// check (each sat only inside empty lists), as `file:line:column name`. A fixture that fills
    /// every list leaves none, so every shipped name is known to exist.
    public func uncheckedNames(_ input: RenderInput, format: OutputFormat) throws -> [String] {
        let coverage = Coverage()
        _ = try render(input, packs: PackKind.allCases, format: format, coverage: coverage)
        var out: [String] = []
        for (_, source) in templates.sources[format] ?? [:] {
            for t in templates.tags[format]?[source.key] ?? [] {
                switch t.kind {
                case .variable, .unescaped, .section, .inverted:
                    let at = "\(source.display):\(t.line):\(t.column)"
                    if !coverage.checked.contains(at) { out.append(at + " " + t.name) }
                default: continue
                }
            }
        }
        return out.sorted()
    }

    func render(_ input: RenderInput, packs: [PackKind], format: OutputFormat, coverage: Coverage?) throws -> [RenderedFile] {
        let vm = ViewModel(input, format: format)
        let ext = format.rawValue
        var files: [RenderedFile] = []
        var links: [(path: String, title: String, group: String)] = []
        var seen = Set<PackKind>()
        for kind in PackKind.allCases where packs.contains(kind) && seen.insert(kind).inserted {
            switch kind {
            case .steering:
                let programs = input.metrics.programs
                files += try Self.map(programs, serial: coverage != nil) { g in
                    RenderedFile(path: vm.programFile(g.programID),
                                 contents: try templates.render("steering", format: format, model: vm.steering(g), coverage: coverage))
                }
                for g in programs {
                    links.append((vm.programFile(g.programID), "\(g.programID) \(vm.programs[g.programID]?.name ?? "")", kind.title))
                }
            case .project:
                let projects = input.metrics.projects
                files += try Self.map(projects, serial: coverage != nil) { p in
                    RenderedFile(path: vm.projectFile(p.projectID),
                                 contents: try templates.render("project", format: format, model: vm.project(p), coverage: coverage))
                }
                for p in projects { links.append((vm.projectFile(p.projectID), "\(p.projectID) \(p.name)", kind.title)) }
            default:
                let path = kind.rawValue + "." + ext
                files.append(RenderedFile(path: path, contents: try templates.render(kind.rawValue, format: format, model: vm.model(kind), coverage: coverage)))
                links.append((path, kind.title, "Packs"))
            }
        }
        let index = try templates.render("index", format: format, model: vm.index(links), coverage: coverage)
        files.append(RenderedFile(path: "index." + ext, contents: index))
        return files
    }
}

extension PackRenderer {
    /// `transform` over `items` on every core, results in the items' order (the first error, in
    /// that order, is thrown); `serial` keeps one thread (coverage recording is not shared-safe).
    static func map<T, R>(_ items: [T], serial: Bool, _ transform: (T) throws -> R) throws -> [R] {
        if serial || items.count < 8 { return try items.map(transform) }
        var results = [Result<R, Error>?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { slots in
            let out = Slots(slots)
            Parallel.forEach(items.count) { i in
                out.buffer[i] = Result { try transform(items[i]) }
            }
        }
        return try results.map { try $0!.get() }
    }
}

/// Each concurrent iteration writes only its own slot.
private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}

extension ViewModel {
    func model(_ kind: PackKind) -> Model {
        switch kind {
        case .board: board()
        case .portfolio: portfolioDashboard()
        case .risk: riskReport()
        case .resource: resourceReport()
        case .benefits: benefitsReport()
        case .compliance: complianceReport()
        case .capability: capabilityReport()
        case .steering, .project: [:]
        }
    }
}
