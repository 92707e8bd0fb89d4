import CEL
import Foundation
import GovPackCore

/// The type of a relation field, named symbolically so that object types can refer to each
/// other (a project has risks, a risk has a project).
enum RelationType {
    case object(Entity)
    case list(Entity)
    case int, double, string, timestamp, bool
}

/// A field a rule sees beyond the contract's columns: related rows and derived figures.
struct Relation<R> {
    let name: String
    let type: RelationType
    /// Nil when the related value is absent (`has()` is false).
    let value: (R, RuleIndex) -> CELValue?
    /// For a list of rows: hands each row to `visit` in order, in place (see `CELObject.celForEach`),
    /// until `visit` returns false. Nil for other relations.
    var elements: ((R, RuleIndex, (CELValue) throws(CELError) -> Bool) throws(CELError) -> Void)? = nil
}

extension Relation {
    /// A list of rows of `E`: those at `positions` in the portfolio's array `rows`, in that order.
    /// Read as a value it is a list of objects; walked by a comprehension (`exists`, `all`, ...)
    /// it is one object pointed at each row in turn, so nothing is allocated or copied per row.
    static func rows<E: RuleRow>(
        _ name: String, _ rows: @escaping (RuleIndex) -> [E], _ positions: @escaping (R, RuleIndex) -> [Int]?
    ) -> Relation {
        Relation(
            name: name, type: .list(E.entity),
            value: { r, x in RuleSchema.shared.list(rows(x), positions(r, x), x) },
            elements: { (r: R, x: RuleIndex, visit: (CELValue) throws(CELError) -> Bool) throws(CELError) in
                guard let positions = positions(r, x) else { return }
                try ScopeRow<E>.walk(rows(x), positions, x, visit)
            })
    }
}

/// A row type that rules can run over, with its relation fields.
protocol RuleRow: EntityRow {
    static var relations: [Relation<Self>] { get }
}

/// How CEL reads the fields of one row type: columns, then relations, by the index the checker
/// resolved; built once per type (`RuleSchema.fields`) and shared by every object showing a row.
///
/// Every accessor takes the row `inout` only so that Swift passes its address: a row passed by
/// value out of an array or through a pointer is copied first, a retain and a release of each of
/// its strings per field read. No accessor writes to the row.
final class RowFields<R: RuleRow> {
    typealias Visit = (CELValue) throws(CELError) -> Bool
    let values: [(inout R, RuleIndex) -> CELValue?]
    /// Whether each column is present, without converting its value.
    let present: [(inout R) -> Bool]
    /// The walk of each list relation, by field index; nil for the other fields.
    let elements: [((R, RuleIndex, Visit) throws(CELError) -> Void)?]
    let type: CELObjectType
    /// The getters of the key columns, for `key(_:)`; nil when a key column is not a column.
    private let keyGetters: [(R) -> FieldValue?]?

    init(type: CELObjectType) {
        self.type = type
        let keyIndices = R.keyColumns.map { name in R.columns.firstIndex { $0.name == name } }
        keyGetters = keyIndices.contains(nil) ? nil : keyIndices.compactMap { $0.map { R.columns[$0].get } }
        var values: [(inout R, RuleIndex) -> CELValue?] = []
        var present: [(inout R) -> Bool] = []
        var elements: [((R, RuleIndex, Visit) throws(CELError) -> Void)?] = []
        for c in R.columns {
            let get = c.get
            values.append { r, _ in get(r).map(CELBridge.value) }
            present.append { get($0) != nil }
            elements.append(nil)
        }
        for r in R.relations {
            let value = r.value
            values.append { value($0, $1) }
            elements.append(r.elements)
        }
        self.values = values
        self.present = present
        self.elements = elements
    }

    /// `row.keyDescription`, without looking the key columns up by name (a failing row's key).
    func key(_ row: inout R) -> String {
        guard let keyGetters else { return row.keyDescription }
        return keyGetters.map { $0(row)?.description ?? "" }.joined(separator: " / ")
    }

    func value(_ i: Int, _ row: inout R, _ index: RuleIndex) -> CELValue? {
        i < values.count ? values[i](&row, index) : nil
    }

    func has(_ i: Int, _ row: inout R, _ index: RuleIndex) -> Bool {
        i < present.count ? present[i](&row) : value(i, &row, index) != nil
    }

    /// A conjunct of a rule's `when` tested on the typed row (see `CELFieldTest`): false when the
    /// conjunct is false, nil when it cannot tell. `operand` is the operand's value for this run.
    func test(_ t: CELFieldTest, operand: CELValue?) -> ((inout R, RuleIndex) -> Bool?)? {
        let i = t.field
        switch t.kind {
        case .present:
            return { r, x in self.has(i, &r, x) }
        case .compare(let op, _):
            guard let operand, i < values.count else { return nil }
            // A period against a period-shaped string: the strings ("YYYY-MM", four-digit years)
            // sort as the months do, so compare months instead of formatting every row's period.
            if i < R.columns.count, R.columns[i].type == .period, case .string(let s) = operand, let p = Period(s) {
                let get = R.columns[i].get
                return { r, _ in
                    guard case .period(let v)? = get(r), (1...9999).contains(v.year) else { return nil }
                    switch op {
                    case .equal: return v == p
                    case .notEqual: return v != p
                    case .less: return v < p
                    case .lessOrEqual: return v <= p
                    case .greater: return v > p
                    case .greaterOrEqual: return v >= p
                    }
                }
            }
            let value = values[i]
            return { r, x in value(&r, x).flatMap { CELFieldTest.holds(op, $0, operand) } }
        }
    }

    func forEach(_ i: Int, _ row: inout R, _ index: RuleIndex, _ visit: Visit) throws(CELError) -> Bool {
        guard i < elements.count, let each = elements[i] else { return false }
        try each(row, index, visit)  // `row` is borrowed from the caller's `inout`, not copied
        return true
    }
}

/// A contract row seen through CEL, for values that may outlive one evaluation step (a list's
/// elements, `risk.project`): the portfolio's array and a position in it, never a copy of the row.
final class EntityObject<R: RuleRow>: CELObject {
    let rows: [R]
    let position: Int
    let index: RuleIndex
    let fields: RowFields<R>

    init(_ rows: [R], _ position: Int, _ index: RuleIndex, _ fields: RowFields<R>) {
        self.rows = rows
        self.position = position
        self.index = index
        self.fields = fields
    }

    /// Runs `body` on the row in place (see `RowFields`), or gives `absent` if the position is
    /// out of the array (it never is: positions come from the index's tables of the same array).
    @inline(__always)
    private func withRow<T, E: Error>(_ absent: T, _ body: (inout R) throws(E) -> T) throws(E) -> T {
        try rows.withUnsafeBufferPointer { (b) throws(E) -> T in
            guard position < b.count, let base = b.baseAddress else { return absent }
            // Mutable only in type: the accessors take the row `inout` to get its address.
            let p = UnsafeMutablePointer(mutating: base + position)
            return try body(&p.pointee)
        }
    }

    // Called through `CELObject` on every field a rule reads: without these the unspecialised
    // generic body ran, looking up generic metadata at run time.
    @_specialize(where R == Program)
    @_specialize(where R == Person)
    @_specialize(where R == Certification)
    @_specialize(where R == Project)
    @_specialize(where R == Financial)
    @_specialize(where R == Milestone)
    @_specialize(where R == StageGate)
    @_specialize(where R == Risk)
    @_specialize(where R == Issue)
    @_specialize(where R == Assignment)
    @_specialize(where R == Benefit)
    @_specialize(where R == BenefitMeasurement)
    @_specialize(where R == Dependency)
    @_specialize(where R == ChangeImpact)
    @_specialize(where R == Lesson)
    func celField(_ i: Int) -> CELValue? {
        withRow(nil) { fields.value(i, &$0, index) }
    }

    func celHas(_ i: Int) -> Bool {
        withRow(false) { fields.has(i, &$0, index) }
    }

    func celForEach(_ i: Int, _ visit: (CELValue) throws(CELError) -> Bool) throws(CELError) -> Bool {
        try withRow(false) { (r) throws(CELError) -> Bool in try fields.forEach(i, &r, index, visit) }
    }
}

/// A row seen through CEL by a pointer into the portfolio's array: the row a rule is checking,
/// or the current element of a list a comprehension walks. One object serves a whole run of
/// rows, moved along by its owner, which holds the array's buffer while the object is in use
/// (`RuleRun.rows`, `walk`); nothing is allocated or copied per row.
final class ScopeRow<R: RuleRow>: CELObject {
    /// The row being read.
    var row: UnsafeMutablePointer<R>
    let index: RuleIndex
    private let values: [(inout R, RuleIndex) -> CELValue?]
    private let fields: RowFields<R>

    init(_ index: RuleIndex, at row: UnsafeMutablePointer<R>) {
        self.row = row
        self.index = index
        fields = RuleSchema.shared.fields(R.self)
        values = fields.values
    }

    /// Calls `visit` with the rows of `rows` at `positions` in turn, as one object pointed at each,
    /// until it returns false. The object is valid only during `visit`: the buffer is held here.
    static func walk(
        _ rows: [R], _ positions: [Int], _ index: RuleIndex, _ visit: (CELValue) throws(CELError) -> Bool
    ) throws(CELError) {
        try rows.withUnsafeBufferPointer { (b) throws(CELError) in
            guard let base = b.baseAddress, !positions.isEmpty else { return }
            // Mutable only in type: the accessors take the row `inout` to get its address.
            let rows = UnsafeMutablePointer(mutating: base)
            let cursor = ScopeRow(index, at: rows)
            let value = CELValue.object(cursor.fields.type, cursor)
            for p in positions where p < b.count {
                cursor.row = rows + p
                if try !visit(value) { break }
            }
        }
    }

    // Specialised for the same reason as `EntityObject.celField`.
    @_specialize(where R == Program)
    @_specialize(where R == Person)
    @_specialize(where R == Certification)
    @_specialize(where R == Project)
    @_specialize(where R == Financial)
    @_specialize(where R == Milestone)
    @_specialize(where R == StageGate)
    @_specialize(where R == Risk)
    @_specialize(where R == Issue)
    @_specialize(where R == Assignment)
    @_specialize(where R == Benefit)
    @_specialize(where R == BenefitMeasurement)
    @_specialize(where R == Dependency)
    @_specialize(where R == ChangeImpact)
    @_specialize(where R == Lesson)
    func celField(_ i: Int) -> CELValue? {
        i < values.count ? values[i](&row.pointee, index) : nil
    }

    @_specialize(where R == Program)
    @_specialize(where R == Person)
    @_specialize(where R == Certification)
    @_specialize(where R == Project)
    @_specialize(where R == Financial)
    @_specialize(where R == Milestone)
    @_specialize(where R == StageGate)
    @_specialize(where R == Risk)
    @_specialize(where R == Issue)
    @_specialize(where R == Assignment)
    @_specialize(where R == Benefit)
    @_specialize(where R == BenefitMeasurement)
    @_specialize(where R == Dependency)
    @_specialize(where R == ChangeImpact)
    @_specialize(where R == Lesson)
    func celHas(_ i: Int) -> Bool {
        fields.has(i, &row.pointee, index)
    }

    func celForEach(_ i: Int, _ visit: (CELValue) throws(CELError) -> Bool) throws(CELError) -> Bool {
        try fields.forEach(i, &row.pointee, index, visit)
    }
}

/// The CEL object types of every entity and of the portfolio, built once.
final class RuleSchema {
    static let shared = RuleSchema()

    private(set) var types: [Entity: CELObjectType] = [:]
    /// The `RowFields` of each entity's row type.
    private var rowFields: [Entity: AnyObject] = [:]
    let portfolioType: CELObjectType

    private init() {
        for e in Entity.allCases { types[e] = CELObjectType(name: e.xmlElement, fields: []) }
        portfolioType = CELObjectType(name: "portfolio", fields: [])
        func define<R: RuleRow>(_: R.Type) {
            let columns = R.columns.map { (name: $0.name, type: CELBridge.type(of: $0.type)) }
            let relations = R.relations.map { (name: $0.name, type: resolve($0.type)) }
            types[R.entity]?.setFields(columns + relations)
            if let t = types[R.entity] {
                t.walksLists = true  // `ScopeRow` and `EntityObject` walk relation lists in place
                rowFields[R.entity] = RowFields<R>(type: t)
            }
        }
        define(Program.self)
        define(Person.self)
        define(Certification.self)
        define(Project.self)
        define(Financial.self)
        define(Milestone.self)
        define(StageGate.self)
        define(Risk.self)
        define(Issue.self)
        define(Assignment.self)
        define(Benefit.self)
        define(BenefitMeasurement.self)
        define(Dependency.self)
        define(ChangeImpact.self)
        define(Lesson.self)
        portfolioType.setFields(PortfolioObject.fields.map { (name: $0, type: CELType.list(.object(types[$1]!))) })
    }

    private func resolve(_ t: RelationType) -> CELType {
        switch t {
        case .object(let e): .object(types[e]!)
        case .list(let e): .list(.object(types[e]!))
        case .int: .int
        case .double: .double
        case .string: .string
        case .timestamp: .timestamp
        case .bool: .bool
        }
    }

    func type(_ e: Entity) -> CELObjectType { types[e]! }

    /// How rows of `R` are read; made for every row type in `init`.
    func fields<R: RuleRow>(_: R.Type) -> RowFields<R> {
        guard let f = rowFields[R.entity] else { preconditionFailure("no fields for \(R.entity)") }
        // Stored under `R.entity` by `define(R.self)`, so of this type.
        return unsafeDowncast(f, to: RowFields<R>.self)
    }

    /// The row at `position` of `rows`, an array of the portfolio.
    func object<R: RuleRow>(_ rows: [R], _ position: Int, _ index: RuleIndex) -> CELValue {
        let f = fields(R.self)
        return .object(f.type, EntityObject(rows, position, index, f))
    }

    func list<R: RuleRow>(_ rows: [R], _ positions: [Int]?, _ index: RuleIndex) -> CELValue {
        guard let positions else { return .list([]) }
        let f = fields(R.self)
        return .list(positions.map { .object(f.type, EntityObject(rows, $0, index, f)) })
    }
}

/// The whole portfolio, for rules with `scope: portfolio`.
final class PortfolioObject: CELObject {
    static let fields: [(String, Entity)] = [
        ("programs", .programs), ("people", .people), ("projects", .projects), ("risks", .risks),
        ("issues", .issues), ("milestones", .milestones), ("stage_gates", .stageGates),
        ("benefits", .benefits), ("dependencies", .dependencies),
    ]
    let index: RuleIndex

    init(_ index: RuleIndex) { self.index = index }

    func celField(_ i: Int) -> CELValue? {
        let s = RuleSchema.shared
        let p = index.portfolio
        func all<R: RuleRow>(_ rows: [R]) -> CELValue { s.list(rows, Array(rows.indices), index) }
        switch i {
        case 0: return all(p.programs)
        case 1: return all(p.people)
        case 2: return all(p.projects)
        case 3: return all(p.risks)
        case 4: return all(p.issues)
        case 5: return all(p.milestones)
        case 6: return all(p.stageGates)
        case 7: return all(p.benefits)
        case 8: return all(p.dependencies)
        default: return nil
        }
    }
}

/// Contract values as CEL values: text, enums, RAG and periods are strings; decimals are doubles;
/// dates are timestamps at midnight UTC.
enum CELBridge {
    static func value(_ v: FieldValue) -> CELValue {
        switch v {
        case .text(let s): .string(s)
        case .int(let i): .int(Int64(i))
        case .decimal(let d): .double(NSDecimalNumber(decimal: d).doubleValue)
        case .date(let d): timestamp(d)
        case .period(let p): .string(p.description)
        case .bool(let b): .bool(b)
        case .rag(let r): .string(r.rawValue)
        }
    }

    static func timestamp(_ d: Day) -> CELValue {
        .timestamp(CELTimestamp(seconds: Int64(d.daysSinceEpoch) * 86_400, nanos: 0))
    }

    static func double(_ d: Decimal) -> CELValue { .double(NSDecimalNumber(decimal: d).doubleValue) }

    static func type(of t: FieldType) -> CELType {
        switch t {
        case .text, .enumeration, .rag, .period: .string
        case .int: .int
        case .decimal: .double
        case .date: .timestamp
        case .bool: .bool
        }
    }
}
