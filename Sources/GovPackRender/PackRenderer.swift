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

    /// Renders as `render` does, handing each file to `each` as soon as it is made (from any of
    /// the rendering threads, in no fixed order) instead of keeping them all: a caller that writes
    /// them out keeps the disk busy while the rest render, and never holds every file at once.
    /// On a throw, some files may already have been handed over.
    public func render(_ input: RenderInput, packs: [PackKind], format: OutputFormat,
                       each: @Sendable (RenderedFile) -> Void) throws {
        _ = try withoutActuallyEscaping(each) { each in try render(input, packs: packs, format: format, coverage: nil, each: each) }
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

    func render(_ input: RenderInput, packs: [PackKind], format: OutputFormat, coverage: Coverage?,
                engine: TemplateSet.Engine = .fast, each: (@Sendable (RenderedFile) -> Void)? = nil) throws -> [RenderedFile] {
        let vm = ViewModel(input, format: format, oneProjectPages: packs.contains(.project))
        let ext = format.rawValue
        let templates = self.templates
        // Every file has a slot, in the order the files are returned.
        enum Slot {
            case steering(ProgramMetrics)
            case project(ProjectMetrics)
            case single(PackKind)
            case index
        }
        var building: [Slot] = []
        var links: [(path: String, title: String, group: String)] = []
        var seen = Set<PackKind>()
        var projectSlot: [Int] = []
        for kind in PackKind.allCases where packs.contains(kind) && seen.insert(kind).inserted {
            switch kind {
            case .steering:
                for g in input.metrics.programs {
                    building.append(.steering(g))
                    links.append((vm.programFile(g.programID), "\(g.programID) \(vm.programs[g.programID]?.name ?? "")", kind.title))
                }
            case .project:
                for p in input.metrics.projects {
                    projectSlot.append(building.count)
                    building.append(.project(p))
                    links.append((vm.projectFile(p.projectID), "\(p.projectID) \(p.name)", kind.title))
                }
            default:
                building.append(.single(kind))
                links.append((kind.rawValue + "." + ext, kind.title, "Packs"))
            }
        }
        building.append(.index)
        let slots = building
        let allLinks = links

        func file(_ slot: Slot, row: ViewModel.Model? = nil, memberRows: [ViewModel.Model]? = nil) throws -> RenderedFile {
            switch slot {
            case .steering(let g):
                return RenderedFile(path: vm.programFile(g.programID),
                                    data: try templates.render("steering", format: format, model: vm.steering(g, memberRows: memberRows),
                                                                   coverage: coverage, engine: engine))
            case .project(let p):
                return RenderedFile(path: vm.projectFile(p.projectID),
                                    data: try templates.render("project", format: format, model: vm.project(p, row: row),
                                                                   coverage: coverage, engine: engine))
            case .single(let kind):
                return RenderedFile(path: kind.rawValue + "." + ext,
                                    data: try templates.render(kind.rawValue, format: format, model: vm.model(kind),
                                                                   coverage: coverage, engine: engine))
            case .index:
                return RenderedFile(path: "index." + ext,
                                    data: try templates.render("index", format: format, model: vm.index(allLinks),
                                                                   coverage: coverage, engine: engine))
            }
        }

        // The work: a job makes one file, or a steering pack and its programme's one-pagers, which
        // start from the rows the steering pack lists its projects with (each project's row was
        // built twice, a third of a one-pager's model). The single packs go first: each is as big
        // as hundreds of one-pagers, so they must not be left for the end.
        var jobs: [() throws -> [(slot: Int, file: RenderedFile)]] = []
        var first: [Int] = []
        var claimed = Set<Int>()
        var membersOf: [String: [Int]] = [:]
        if packs.contains(.steering) && packs.contains(.project) {
            // Programme members in the order `ViewModel.membersByProgram` holds them.
            for (k, p) in input.metrics.projects.enumerated() { if let g = p.programID { membersOf[g, default: []].append(k) } }
        }
        for (i, slot) in slots.enumerated() {
            switch slot {
            case .steering(let g):
                guard let members = membersOf.removeValue(forKey: g.programID) else {
                    jobs.append { [(i, try file(slot))] }
                    continue
                }
                let pages = members.map { projectSlot[$0] }
                claimed.formUnion(pages)
                jobs.append {
                    let rows = (vm.membersByProgram[g.programID] ?? []).map(vm.memberRow)
                    var out = [(slot: i, file: try file(slot, memberRows: rows))]
                    for (j, page) in pages.enumerated() {
                        out.append((page, try file(slots[page], row: rows.indices.contains(j) ? rows[j] : nil)))
                    }
                    return out
                }
            case .project:
                if !claimed.contains(i) { jobs.append { [(i, try file(slot))] } }
            case .single, .index:
                first.append(jobs.count)
                jobs.append { [(i, try file(slot))] }
            }
        }
        let started = Set(first)
        let order = first + jobs.indices.filter { !started.contains($0) }
        guard let each else {
            var files = [RenderedFile?](repeating: nil, count: slots.count)
            for made in try Self.map(jobs, order: order, serial: coverage != nil, { try $0() }) {
                for (slot, f) in made { files[slot] = f }
            }
            return try files.map { f in
                guard let f else { throw TemplateError(file: "", line: 0, column: 0, message: "a file was not rendered") }
                return f
            }
        }
        _ = try Self.map(jobs, order: order, serial: coverage != nil) { job in
            for (_, f) in try job() { each(f) }
        }
        return []
    }
}

extension PackRenderer {
    /// `transform` over `items` on every core, results in the items' order (the first error, in
    /// that order, is thrown); `serial` keeps one thread (coverage recording is not shared-safe).
    static func map<T, R>(_ items: [T], order: [Int]? = nil, serial: Bool, _ transform: (T) throws -> R) throws -> [R] {
        if serial || items.count < 2 { return try items.map(transform) }
        // Started in `order` (the big files first), then put back in the items' order.
        let sequence = order ?? Array(items.indices)
        let done = Parallel.map(sequence) { i in Result { try transform(items[i]) } }
        var results = [Result<R, Error>?](repeating: nil, count: items.count)
        for (k, i) in sequence.enumerated() { results[i] = done[k] }
        return try results.map { r in
            guard let r else { throw TemplateError(file: "", line: 0, column: 0, message: "a file was not rendered") }
            return try r.get()
        }
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
