import Foundation
import GovPackCore

/// The names each pack's templates can use, as Markdown (`Templates/VALUES.md`), so a PMO can
/// edit templates without reading Swift. Built from a real view model: every name, what kind
/// of value it is, and an example.
public enum ValueCatalogue {
    public static func markdown(_ input: RenderInput) -> String {
        let vm = ViewModel(input, format: .html)
        var out = "# Values the templates can use\n\n"
        out += "Generated from the test fixture by the GovPackRenderTests (GOVPACK_RECORD=1); do not edit.\n"
        out += "Every value is already formatted (see `Templates/README.md`). Kinds: *text*; *flag* (true/false, for\n"
        out += "`{{#flag}}...{{/flag}}` and `{{^flag}}...{{/flag}}`); *list* (`{{#list}}...{{/list}}` repeats for each\n"
        out += "element, whose names are listed under it); *group* (`{{#group}}...{{/group}}` or `{{group.name}}`);\n"
        out += "*chart* (inline SVG, the only values written with `{{{ }}}`).\n\n"
        let common = vm.common(.board, title: "Board pack", base: "")
        out += "## Every pack\n\n"
        describe(common, indent: "", into: &out)
        var models: [(String, [String: Any])] = []
        for kind in PackKind.allCases {
            switch kind {
            case .steering: if let g = input.metrics.programs.first { models.append(("steering", vm.steering(g))) }
            case .project: if let p = input.metrics.projects.first { models.append(("project", vm.project(p))) }
            default: models.append((kind.rawValue, vm.model(kind)))
            }
        }
        models.append(("index", vm.index([("board.html", "Board pack", "Packs")])))
        for (name, model) in models {
            out += "\n## \(name)\n\n"
            describe(model.filter { common[$0.key] == nil }, indent: "", into: &out)
        }
        return out
    }

    static func describe(_ d: [String: Any], indent: String, into out: inout String) {
        for key in d.keys.sorted() {
            guard let value = d[key] else { continue }
            switch value {
            case let b as Bool:
                out += "\(indent)- `\(key)`: flag (e.g. \(b))\n"
            case let s as String:
                if key.lowercased().hasSuffix("svg") {
                    out += "\(indent)- `\(key)`: chart\n"
                } else {
                    out += "\(indent)- `\(key)`: text (e.g. `\(example(s))`)\n"
                }
            case let list as [[String: Any]]:
                out += "\(indent)- `\(key)`: list\n"
                var merged: [String: Any] = [:]
                for e in list { for (k, v) in e where merged[k] == nil { merged[k] = v } }
                describe(merged, indent: indent + "  ", into: &out)
            case let group as [String: Any]:
                out += "\(indent)- `\(key)`: group\n"
                describe(group, indent: indent + "  ", into: &out)
            default:
                out += "\(indent)- `\(key)`: text\n"
            }
        }
    }

    static func example(_ s: String) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'")
        return one.count > 60 ? String(one.prefix(57)) + "..." : one
    }
}
