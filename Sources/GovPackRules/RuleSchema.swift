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
}

/// A row type that rules can run over, with its relation fields.
protocol RuleRow: EntityRow {
    static var relations: [Relation<Self>] { get }
}

/// A contract row seen through CEL: columns by index first, then relations.
final class EntityObject<R: RuleRow>: CELObject {
    let row: R
    let index: RuleIndex

    init(_ row: R, _ index: RuleIndex) {
        self.row = row
        self.index = index
    }

    // Called through `CELObject` on every field a rule reads: without these the unspecialised
    // generic body ran, looking up generic metadata and copying each column's closures per call.
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
        let columns = R.columns
        if i < columns.count { return columns[i].get(row).map(CELBridge.value) }
        let relations = R.relations
        let r = i - columns.count
        return r < relations.count ? relations[r].value(row, index) : nil
    }
}

/// The row a rule is checking, seen through CEL: one object per run over a scope, given each
/// row in turn in `current`. Saves allocating an object (and retaining the index) per row, and
/// reads fields through tables built once, without converting a value that `has()` only tests.
final class ScopeRow<R: RuleRow>: CELObject {
    /// The row being checked.
    var current: R
    let index: RuleIndex
    /// Columns, then relations: the fields of `RuleSchema`'s type for `R`, by index. The row is
    /// passed `inout` because a stored property passed by value is copied first (a retain and
    /// release of every string in the row, per field read).
    private let fields: [(inout R, RuleIndex) -> CELValue?]
    /// Whether each column is present, without converting its value.
    private let present: [(inout R) -> Bool]

    init(_ index: RuleIndex) {
        current = R()
        self.index = index
        var fields: [(inout R, RuleIndex) -> CELValue?] = []
        var present: [(inout R) -> Bool] = []
        for c in R.columns {
            let get = c.get
            fields.append { r, _ in get(r).map(CELBridge.value) }
            present.append { get($0) != nil }
        }
        for r in R.relations {
            let value = r.value
            fields.append { value($0, $1) }
        }
        self.fields = fields
        self.present = present
    }

    // Specialised for the same reason as `EntityObject.celField`: the generic body looked up the
    // closures' function type metadata at run time on every call.
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
        i < fields.count ? fields[i](&current, index) : nil
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
        i < present.count ? present[i](&current) : celField(i) != nil
    }
}

/// The CEL object types of every entity and of the portfolio, built once.
final class RuleSchema {
    static let shared = RuleSchema()

    private(set) var types: [Entity: CELObjectType] = [:]
    let portfolioType: CELObjectType

    private init() {
        for e in Entity.allCases { types[e] = CELObjectType(name: e.xmlElement, fields: []) }
        portfolioType = CELObjectType(name: "portfolio", fields: [])
        func define<R: RuleRow>(_: R.Type) {
            let columns = R.columns.map { (name: $0.name, type: CELBridge.type(of: $0.type)) }
            let relations = R.relations.map { (name: $0.name, type: resolve($0.type)) }
            types[R.entity]?.setFields(columns + relations)
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

    func object<R: RuleRow>(_ row: R, _ index: RuleIndex) -> CELValue {
        .object(types[R.entity]!, EntityObject(row, index))
    }

    func list<R: RuleRow>(_ rows: [R], _ indices: [Int]?, _ index: RuleIndex) -> CELValue {
        guard let indices, let type = types[R.entity] else { return .list([]) }
        return .list(indices.map { .object(type, EntityObject(rows[$0], index)) })
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
        func all<R: RuleRow>(_ rows: [R]) -> CELValue { .list(rows.map { s.object($0, index) }) }
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
