import GovPackCore
@testable import GovPackIngest

/// A `RowSink` that records what readers deliver, by field name, for assertions.
final class RecordingSink: RowSink {
    struct Row: Equatable, CustomStringConvertible {
        var entity: Entity
        var line: Int
        var column: Int
        var fields: [String: String] = [:]
        /// Where each field's value was, as "line:column".
        var positions: [String: String] = [:]

        var description: String { "\(entity.rawValue)@\(line):\(column) \(fields.sorted { $0.key < $1.key })" }
    }

    private var names: [Entity: [String]] = [:]
    private var current: Row?
    private(set) var rows: [Row] = []
    private(set) var unbalanced = 0

    func slot(for entity: Entity, named name: String) -> Int {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let i = names[entity]?.firstIndex(of: key) { return i }
        names[entity, default: []].append(key)
        return names[entity]!.count - 1
    }

    func beginRow(_ entity: Entity, file: UInt32, line: Int, column: Int) {
        if current != nil { unbalanced += 1 }
        current = Row(entity: entity, line: line, column: column)
    }

    func field(slot: Int, value: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
        guard var row = current, let name = names[row.entity]?[slot] else {
            unbalanced += 1
            return
        }
        row.fields[name] = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        row.positions[name] = "\(line):\(column)"
        current = row
    }

    func endRow() {
        guard let row = current else {
            unbalanced += 1
            return
        }
        rows.append(row)
        current = nil
    }

    func rows(_ entity: Entity) -> [Row] { rows.filter { $0.entity == entity } }
}

/// A diagnostic reduced to what tests compare: "id severity line:column element".
func summary(_ d: Diagnostic) -> String {
    var s = "\(d.id) \(d.severity.rawValue) \(d.location?.line ?? -1):\(d.location?.column ?? -1)"
    if let e = d.location?.element { s += " <\(e)>" }
    return s
}
