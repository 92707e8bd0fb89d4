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
                for g in input.metrics.programs {
                    let path = vm.programFile(g.programID)
                    files.append(RenderedFile(path: path, contents: try templates.render("steering", format: format, model: vm.steering(g), coverage: coverage)))
                    let name = vm.programs[g.programID]?.name ?? ""
                    links.append((path, "\(g.programID) \(name)", kind.title))
                }
            case .project:
                for p in input.metrics.projects {
                    let path = vm.projectFile(p.projectID)
                    files.append(RenderedFile(path: path, contents: try templates.render("project", format: format, model: vm.project(p), coverage: coverage)))
                    links.append((path, "\(p.projectID) \(p.name)", kind.title))
                }
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
