import GovPackCore

/// Types the rows of one entity: field bytes in, typed rows (or diagnostics) out.
///
/// One per entity per builder. Field slots below `Row.columns.count` are contract columns;
/// slots above are extra (unknown) columns, kept as text.
final class TableTyper<Row: EntityRow> {
    private(set) var rows: [Row] = []
    private let columns = Row.columns
    private var slotsByName: [String: Int] = [:]
    private(set) var extraNames: [String] = []

    // The row being built.
    private var draft = Row()
    private var present: [Bool]
    private var failed: [Bool]
    /// Whether the current row had the column at all (possibly empty).
    private var sawField: [Bool]
    private var fieldColumn: [Int]
    private var invalid = false
    private var rowLine = 0
    private var rowColumn = 0
    /// Required columns a CSV header lacks: reported once per file, not once per row.
    private var absentFromHeader: Set<Int> = []
    private var droppedForHeader = 0

    private unowned let context: TypingContext
    /// The slots of the required columns, so that ending a row walks a plain Int array.
    private let requiredSlots: [Int]

    init(context: TypingContext) {
        self.context = context
        present = Array(repeating: false, count: Row.columns.count)
        failed = present
        sawField = present
        fieldColumn = Array(repeating: 0, count: Row.columns.count)
        for (i, c) in columns.enumerated() { slotsByName[c.name] = i }
        requiredSlots = Row.columns.indices.filter { Row.columns[$0].required }
    }

    func slot(named raw: String) -> Int {
        let name = Self.normalise(raw)
        if let s = slotsByName[name] { return s }
        extraNames.append(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        let s = columns.count + extraNames.count - 1
        slotsByName[name] = s
        return s
    }

    /// Binds a CSV header: reports unknown columns (info) and required columns it lacks (error).
    func bindHeader(_ names: [String], location: SourceLocation) -> [Int] {
        let slots = names.map { slot(named: $0) }
        let bound = Set(slots)
        absentFromHeader = []
        droppedForHeader = 0
        for (i, c) in columns.enumerated() where c.required && !bound.contains(i) {
            absentFromHeader.insert(i)
            context.diagnostics.emit(
                IngestID.missingColumn, .error,
                "\(Row.entity.fileName) has no '\(c.name)' column, which is required; its rows are left out",
                at: SourceLocation(file: location.file, line: location.line, column: 0),
                hint: "add the column '\(c.name)' (\(c.type.name)) to the header row")
        }
        var reported = Set<String>()
        for (i, s) in slots.enumerated() where s >= columns.count {
            let name = names[i].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, reported.insert(name.lowercased()).inserted else { continue }
            context.diagnostics.emit(
                IngestID.unknownColumn, .info,
                "column '\(name)' is not part of the \(Row.entity.rawValue) contract; it is kept as an extra field",
                at: SourceLocation(file: location.file, line: location.line, column: 0))
        }
        return slots
    }

    /// Ends a file: says how many rows a missing required column cost.
    func endFile(path: String) {
        if droppedForHeader > 0, !absentFromHeader.isEmpty {
            context.diagnostics.emit(
                IngestID.rowsLeftOut, .info,
                "\(droppedForHeader) row(s) of \(Row.entity.fileName) were left out because of the missing column(s)",
                at: SourceLocation(file: path))
        }
        absentFromHeader = []
        droppedForHeader = 0
    }

    func begin(file: UInt32, line: Int, column: Int) {
        draft = Row()
        draft.origin = Origin(file: file, line: UInt32(clamping: line), column: UInt32(clamping: column))
        var i = 0
        let n = present.count
        while i < n {
            present[i] = false
            failed[i] = false
            sawField[i] = false
            fieldColumn[i] = 0
            i += 1
        }
        invalid = false
        rowLine = line
        rowColumn = column
    }

    func field(slot: Int, value raw: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
        let value = Self.trim(raw)
        if slot >= columns.count {
            let index = slot - columns.count
            if index < extraNames.count, !value.isEmpty {
                draft.extras.append(ExtraField(name: extraNames[index], value: String(decoding: value, as: UTF8.self)))
            }
            return
        }
        fieldColumn[slot] = column
        sawField[slot] = true
        guard !value.isEmpty else { return }  // empty = missing
        let c = columns[slot]
        switch FieldParser.parse(value, as: c.type, range: c.range) {
        case .success(let v):
            c.set(&draft, v)
            present[slot] = true
        case .failure(let error):
            report(error, column: c, value: value, line: line, col: column)
            failed[slot] = true
            if c.required { invalid = true }
        }
    }

    func end() {
        var missing: [Int] = []
        for i in requiredSlots where !present[i] {
            invalid = true
            if !failed[i] && !absentFromHeader.contains(i) { missing.append(i) }
        }
        if !missing.isEmpty, context.files.isDerived(draft.origin.file) {
            // A schedule export cannot give a project's status; the team's own row must.
            let names = missing.map { columns[$0].name }
            context.diagnostics.emit(
                IngestID.derivedIncomplete, .info,
                "the Microsoft Project export gives no \(names.joined(separator: ", ")) for this \(Row.entity.xmlElement); "
                    + "its \(Row.entity.rawValue) row must come from the team's own files",
                at: context.location(file: draft.origin.file, line: rowLine, column: rowColumn, entity: Row.entity),
                hint: "send the project's status in projects.csv (or the submission XML)", projectID: projectIDSoFar)
        } else if let first = missing.first {
            let names = missing.map { columns[$0].name }
            let col = sawField[first] ? context.column(fieldColumn[first]) : rowColumn
            context.diagnostics.emit(
                IngestID.missingField, .error,
                "\(Row.entity.rawValue) row is missing required \(names.count == 1 ? "field" : "fields") "
                    + names.map { "'\($0)'" }.joined(separator: ", ") + "; the row is left out",
                at: context.location(file: draft.origin.file, line: rowLine, column: col, entity: Row.entity),
                hint: "fill in " + names.joined(separator: ", "),
                projectID: projectIDSoFar)
        }
        if invalid {
            if !absentFromHeader.isEmpty { droppedForHeader += 1 }
            return
        }
        rows.append(draft)
    }

    private func report(_ error: FieldParseError, column c: Column<Row>, value: UnsafeBufferPointer<UInt8>, line: Int, col: Int) {
        let text = String(decoding: value, as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let consequence = c.required ? "the row is left out" : "the value is ignored"
        let location = context.location(file: draft.origin.file, line: line, column: context.column(col), entity: Row.entity)
        switch error {
        case .invalid(let expected, let hint):
            context.diagnostics.emit(
                IngestID.invalidField, c.required ? .error : .warning,
                "'\(c.name)' is '\(shown)', expected \(expected); \(consequence)",
                at: location, hint: hint, projectID: projectIDSoFar)
        case .outOfRange(let range):
            context.diagnostics.emit(
                IngestID.outOfRange, c.required ? .error : .warning,
                "'\(c.name)' is \(shown), outside \(Self.format(range.lowerBound))-\(Self.format(range.upperBound)); \(consequence)",
                at: location, projectID: projectIDSoFar)
        }
    }

    private var projectIDSoFar: String? {
        guard let p = draft.owningProject, !p.isEmpty else { return nil }
        return p
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    static func normalise(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Trims ASCII blanks (space, tab, CR, LF) from both ends.
    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = b.count
        while start < end, isBlank(b[start]) { start += 1 }
        while end > start, isBlank(b[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
}

import Foundation
