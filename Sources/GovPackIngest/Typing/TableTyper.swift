import GovPackCore

/// Types the rows of one entity: field bytes in, typed rows (or diagnostics) out.
///
/// One per entity per builder. Field slots below `Row.columns.count` are contract columns;
/// slots above are extra (unknown) columns, kept as text.
final class TableTyper<Row: EntityRow> {
    private(set) var rows: [Row] = []
    private let columns = Row.columns
    private var slotsByName: [String: Int] = [:]
    /// Slots by the name exactly as a reader gave it. XML readers ask for every element's
    /// attributes (each document anew, MSPDI for every field), and normalising a name (Foundation
    /// trimming and case folding) cost 7% of reading the 20k bench's submission XML. A name
    /// keeps its slot once given one, so the answer is the same.
    private var slotsByRawName: [String: Int] = [:]
    private(set) var extraNames: [String] = []

    // The row being built. The per-column flags are plain buffers (reset with one fill per row)
    // so that the hot path does no array uniqueness checks.
    private var draft = Row()
    /// Whether `draft` is a fresh `Row()` (after a kept row was moved out), so `begin` can skip
    /// making another.
    private var draftIsFresh = true
    /// `present`, `failed` and `sawField` are three runs of one buffer, so that starting a row
    /// clears them with one fill (four fills per row were 2% of typing a CSV file).
    private let flags: UnsafeMutablePointer<Bool>
    private let present: UnsafeMutablePointer<Bool>
    private let failed: UnsafeMutablePointer<Bool>
    /// Whether the current row had the column at all (possibly empty).
    private let sawField: UnsafeMutablePointer<Bool>
    /// The column token of each field seen; read only where `sawField` is set, so never cleared.
    private let fieldColumn: UnsafeMutablePointer<Int>
    private let columnCount: Int
    /// How each contract column is parsed and stored on the fast path (see `store(_:_:)`).
    private let plans: UnsafeMutablePointer<Unmanaged<Plan>>
    private let planOwners: [Plan]
    private var invalid = false
    private var rowLine = 0
    private var rowColumn = 0
    /// Required columns a CSV header lacks: reported once per file, not once per row.
    private var absentFromHeader: Set<Int> = []
    private var droppedForHeader = 0

    /// Strong: an `unowned` reference costs a check-and-retain on every use in the hot path, and
    /// the context holds no typer, so there is no cycle.
    private let context: TypingContext
    /// The context's decimal cache (a pointer; the context frees it and outlives the typer).
    private let decimals: DecimalCache
    /// The slots of the required columns, so that ending a row walks a plain Int array.
    private let requiredSlots: [Int]
    /// The same slots in a plain buffer, for the check at the end of every row (walking the
    /// array retained and released it per row).
    private let required: UnsafeMutablePointer<Int>

    init(context: TypingContext) {
        self.context = context
        decimals = context.decimals
        let n = Row.columns.count
        columnCount = n
        flags = .allocate(capacity: max(3 * n, 1))
        flags.initialize(repeating: false, count: 3 * n)
        present = flags
        failed = flags + n
        sawField = flags + 2 * n
        fieldColumn = .allocate(capacity: max(n, 1))
        fieldColumn.initialize(repeating: 0, count: n)
        planOwners = Row.columns.map(Plan.init)
        plans = .allocate(capacity: max(n, 1))
        plans.initialize(from: planOwners.map { Unmanaged.passUnretained($0) }, count: n)
        for (i, c) in columns.enumerated() { slotsByName[c.name] = i }
        requiredSlots = Row.columns.indices.filter { Row.columns[$0].required }
        required = .allocate(capacity: max(requiredSlots.count, 1))
        required.initialize(from: requiredSlots, count: requiredSlots.count)
    }

    deinit {
        plans.deinitialize(count: columnCount)
        plans.deallocate()
        flags.deallocate()
        fieldColumn.deallocate()
        required.deallocate()
    }

    func slot(named raw: String) -> Int {
        if let s = slotsByRawName[raw] { return s }
        let name = Self.normalise(raw)
        let s: Int
        if let known = slotsByName[name] {
            s = known
        } else {
            extraNames.append(raw.trimmingCharacters(in: .whitespacesAndNewlines))
            s = columns.count + extraNames.count - 1
            slotsByName[name] = s
        }
        slotsByRawName[raw] = s
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
        // A header of thousands of stray columns stays readable: the first ones by name, then a count.
        let namedLimit = 20
        var unnamed = 0
        for (i, s) in slots.enumerated() where s >= columns.count {
            let name = names[i].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, reported.insert(name.lowercased()).inserted else { continue }
            guard reported.count <= namedLimit else {
                unnamed += 1
                continue
            }
            context.diagnostics.emit(
                IngestID.unknownColumn, .info,
                "column '\(name)' is not part of the \(Row.entity.rawValue) contract; it is kept as an extra field",
                at: SourceLocation(file: location.file, line: location.line, column: 0))
        }
        if unnamed > 0 {
            context.diagnostics.emit(
                IngestID.unknownColumn, .info,
                "\(unnamed) more columns are not part of the \(Row.entity.rawValue) contract; they are kept as extra fields",
                at: SourceLocation(file: location.file, line: location.line, column: 0))
        }
        return slots
    }

    /// What binding a clean header leaves: no required column missing, no rows dropped yet.
    func beginFile() {
        absentFromHeader = []
        droppedForHeader = 0
    }

    var contractColumnCount: Int { columnCount }

    func requiredSlotsCovered(by slots: Set<Int>) -> Bool {
        requiredSlots.allSatisfy { slots.contains($0) }
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
        if !draftIsFresh { draft = Row() }
        draftIsFresh = false
        draft.origin = Origin(file: file, line: UInt32(clamping: line), column: UInt32(clamping: column))
        flags.update(repeating: false, count: 3 * columnCount)
        invalid = false
        rowLine = line
        rowColumn = column
    }

    /// CSV bytes of this entity in the builder's files not read yet (a hint from the loader).
    private var pendingBytes = 0

    /// Notes that `bytes` more bytes of this entity's CSV files are to come.
    func expect(bytes: Int) { pendingBytes += max(bytes, 0) }

    /// Makes room for `count` more rows (an estimate), growing at least geometrically so that
    /// many small files do not reallocate on every file.
    func reserve(_ count: Int) {
        let needed = rows.count + count
        if rows.capacity < needed { rows.reserveCapacity(max(needed, rows.capacity * 2)) }
    }

    /// Makes room for a CSV file's rows (`lines`: its line count, at least its rows) and, when
    /// the array must grow anyway, for the rows of this entity's files still to come, estimated
    /// from this file's lines per byte. Growing the array step by step copied every row about
    /// once more and faulted in twice the memory (0.5 s of 2.9 s at 20,000 projects); an
    /// estimate too high costs address space only (pages never written are never mapped).
    func reserve(lines: Int, fileBytes: Int) {
        let rest = max(pendingBytes - fileBytes, 0)
        pendingBytes = rest
        let needed = rows.count + lines
        guard rows.capacity < needed else { return }
        var estimate = 0
        if fileBytes > 0 && rest > 0 {
            // At most one row per 16 bytes, whatever this file looks like (a file of blank lines).
            estimate = min(Int((Double(lines) * Double(rest) / Double(fileBytes)).rounded(.up)), rest / 16)
        }
        // Plain 4 KB pages: advising 2 MB pages (MADV_HUGEPAGE) for these arrays, as govpack did,
        // cost 1-4 s of kernel time at 20k projects in measurements of 2026-12 on this machine
        // kind (the kernel zeroing each huge page on first touch), against 0.6-0.8 s without.
        rows.reserveCapacity(max(needed + estimate, rows.capacity * 2))
    }

    /// The typed rows, handed over (the typer keeps none, so the caller's array is unique and
    /// the integrity checks edit it in place).
    func takeRows() -> [Row] {
        let r = rows
        rows = []
        return r
    }

    /// One CSV record as a row: `slots[i]` is field `i`'s slot, -1 for none.
    func csvRow(_ record: CSVRecord, slots: UnsafeBufferPointer<Int>, file: UInt32) {
        begin(file: file, line: record.line, column: 1)
        let n = min(record.count, slots.count)
        var i = 0
        while i < n {
            let s = slots[i]
            if s >= 0 { field(slot: s, value: record.field(i), line: record.line(i), column: i) }
            i += 1
        }
        end()
    }

    func field(slot: Int, value raw: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
        let value = Self.trim(raw)
        if slot >= columnCount {
            let index = slot - columns.count
            if index < extraNames.count, !value.isEmpty {
                draft.extras.append(ExtraField(name: extraNames[index], value: String(decoding: value, as: UTF8.self)))
            }
            return
        }
        fieldColumn[slot] = column
        sawField[slot] = true
        guard !value.isEmpty else { return }  // empty = missing
        if store(slot, value) {
            present[slot] = true
            return
        }
        parseAndSet(slot: slot, value: value, line: line, column: column)
    }

    /// The fast path: parses and stores a value the way `FieldParser.parse` and `Column.set`
    /// would, without `Result`/`FieldValue` traffic. False when the value does not parse (or the
    /// column has no typed setter): the general path then stores it or reports why not.
    /// The plan is used through an unretained reference (the typer owns it in `planOwners`), so
    /// neither it nor its setter closures are retained and released per field.
    @inline(__always)
    private func store(_ slot: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        plans[slot]._withUnsafeGuaranteedRef { p in
            switch p.kind {
            case .text:
                p.setText(&draft, p.text(value))
            case .int:
                guard let i = FieldParser.parseInt(value) else { return false }
                if let range = p.range, !range.contains(Double(i)) { return false }
                p.setInt(&draft, i)
            case .decimal:
                guard let d = decimals.parse(value, range: p.range) else { return false }
                p.setDecimal(&draft, d)
            case .date:
                guard let d = Day(bytes: value) else { return false }
                p.setDate(&draft, d)
            case .period:
                guard let v = Period(bytes: value) else { return false }
                p.setPeriod(&draft, v)
            case .bool:
                guard let b = Self.parseBool(value) else { return false }
                p.setBool(&draft, b)
            case .rag:
                guard let r = FieldParser.parseRAG(value) else { return false }
                p.setRAG(&draft, r)
            case .choice:
                guard let i = Self.match(value, p.folded) else { return false }
                p.setInt(&draft, i)
            case .general:
                return false
            }
            return true
        }
    }

    /// The general path, and the one that reports parse errors.
    private func parseAndSet(slot: Int, value: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
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
        // The usual row, every required field there and none invalid, is kept at once; any
        // other takes the full check and its reports.
        let count = requiredSlots.count
        var k = 0
        while k < count && present[required[k]] { k += 1 }
        guard k == count, !invalid else { return endIncomplete() }
        var row = Row()
        swap(&row, &draft)
        draftIsFresh = true
        rows.append(row)
    }

    @inline(never)
    private func endIncomplete() {
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
        // Move the row out (no copy of its strings) and leave a fresh one for the next row.
        var row = Row()
        swap(&row, &draft)
        draftIsFresh = true
        rows.append(row)
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

    /// `FieldParser.parseBool` over bytes: y/yes/true/1 and n/no/false/0, ASCII case folded.
    @inline(__always)
    static func parseBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        @inline(__always) func lower(_ i: Int) -> UInt8 {
            let x = b[i]
            return x >= 0x41 && x <= 0x5A ? x | 0x20 : x
        }
        switch b.count {
        case 1:
            switch lower(0) {
            case UInt8(ascii: "y"), UInt8(ascii: "1"): return true
            case UInt8(ascii: "n"), UInt8(ascii: "0"): return false
            default: return nil
            }
        case 2:
            return lower(0) == UInt8(ascii: "n") && lower(1) == UInt8(ascii: "o") ? false : nil
        case 3:
            return lower(0) == UInt8(ascii: "y") && lower(1) == UInt8(ascii: "e") && lower(2) == UInt8(ascii: "s")
                ? true : nil
        case 4:
            return lower(0) == UInt8(ascii: "t") && lower(1) == UInt8(ascii: "r") && lower(2) == UInt8(ascii: "u")
                && lower(3) == UInt8(ascii: "e") ? true : nil
        case 5:
            return lower(0) == UInt8(ascii: "f") && lower(1) == UInt8(ascii: "a") && lower(2) == UInt8(ascii: "l")
                && lower(3) == UInt8(ascii: "s") && lower(4) == UInt8(ascii: "e") ? false : nil
        default:
            return nil
        }
    }

    /// The index of the first of `folded` (values with ASCII letters lowercased) that equals the
    /// bytes with ASCII letters lowercased: `FieldParser`'s enumeration match.
    @inline(__always)
    static func match(_ b: UnsafeBufferPointer<UInt8>, _ folded: [[UInt8]]) -> Int? {
        var k = 0
        for v in folded {
            if v.count == b.count {
                var i = 0
                while i < b.count {
                    var x = b[i]
                    if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                    if x != v[i] { break }
                    i += 1
                }
                if i == b.count { return k }
            }
            k += 1
        }
        return nil
    }

    /// How a column is typed on the fast path: its kind and its typed setter (the setters of
    /// other kinds are no-ops).
    final class Plan {
        enum Kind { case text, int, decimal, date, period, bool, rag, choice, general }
        let kind: Kind
        let range: ClosedRange<Double>?
        /// For `.choice`: the enumeration's values with ASCII letters lowercased, in order.
        let folded: [[UInt8]]
        let setText: (inout Row, consuming String) -> Void
        /// For `.int`, and for `.choice` (the index of the value).
        let setInt: (inout Row, Int) -> Void
        let setDecimal: (inout Row, Decimal) -> Void
        let setDate: (inout Row, Day) -> Void
        let setPeriod: (inout Row, Period) -> Void
        let setBool: (inout Row, Bool) -> Void
        let setRAG: (inout Row, RAG) -> Void

        /// The column's last text value and its bytes: ids and repeated texts (a project id on
        /// every row of a file, a stock response plan) reuse one `String` instead of decoding
        /// and, past 15 bytes, allocating a new one.
        private var lastText = ""
        private let lastBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: Plan.cachedTextLimit)
        private var lastCount = -1
        static var cachedTextLimit: Int { 64 }

        deinit { lastBytes.deallocate() }

        /// `memcmp(a, b, n) == 0`, with ids and codes of 4 to 16 bytes compared as two
        /// overlapping words each (the library call cost more than the comparison).
        @inline(__always)
        static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
            let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
            if n >= 8 && n <= 16 {
                return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                    && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                        == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            }
            if n >= 4 && n < 8 {
                return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                    && x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
                        == y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            }
            return memcmp(a, b, n) == 0
        }

        /// `String(decoding: value, as: UTF8.self)`, reusing the last one for the same bytes.
        @inline(__always)
        func text(_ value: UnsafeBufferPointer<UInt8>) -> String {
            let n = value.count
            if n == lastCount, let base = value.baseAddress, Plan.same(base, lastBytes, n) { return lastText }
            let s = String(decoding: value, as: UTF8.self)
            if n <= Plan.cachedTextLimit, let base = value.baseAddress {
                lastBytes.update(from: base, count: n)
                lastCount = n
                lastText = s
            }
            return s
        }

        init(_ c: Column<Row>) {
            var kind = Kind.general
            var folded: [[UInt8]] = []
            var text: (inout Row, consuming String) -> Void = { _, _ in }
            var int: (inout Row, Int) -> Void = { _, _ in }
            var decimal: (inout Row, Decimal) -> Void = { _, _ in }
            var date: (inout Row, Day) -> Void = { _, _ in }
            var period: (inout Row, Period) -> Void = { _, _ in }
            var bool: (inout Row, Bool) -> Void = { _, _ in }
            var rag: (inout Row, RAG) -> Void = { _, _ in }
            switch (c.type, c.store) {
            case (.text, .text(let set)?): kind = .text; text = set
            case (.int, .int(let set)?): kind = .int; int = set
            case (.decimal, .decimal(let set)?): kind = .decimal; decimal = set
            case (.date, .date(let set)?): kind = .date; date = set
            case (.period, .period(let set)?): kind = .period; period = set
            case (.bool, .bool(let set)?): kind = .bool; bool = set
            case (.rag, .rag(let set)?): kind = .rag; rag = set
            case (.enumeration(let values), .choice(let set)?):
                kind = .choice
                int = set
                folded = values.map { v in v.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
            default: break
            }
            self.kind = kind
            range = c.range
            self.folded = folded
            setText = text
            setInt = int
            setDecimal = decimal
            setDate = date
            setPeriod = period
            setBool = bool
            setRAG = rag
        }
    }

    /// Trims ASCII blanks (space, tab, CR, LF) from both ends.
    ///
    /// Inlined with a test of the two ends first: nearly every field has nothing to trim, and
    /// the call with its two loops cost 26 instructions per field.
    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let p = b.baseAddress, b.count > 0 else { return b }
        if !isBlank(p[0]) && !isBlank(p[b.count - 1]) { return b }
        return trimEnds(b)
    }

    private static func trimEnds(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = b.count
        while start < end, isBlank(b[start]) { start += 1 }
        while end > start, isBlank(b[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
}

import Foundation
