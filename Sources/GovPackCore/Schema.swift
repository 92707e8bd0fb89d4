import Foundation

/// The type of a contract column, which decides how its text is parsed.
public enum FieldType: Sendable, Equatable {
    case text
    case int
    case decimal
    case date
    case period
    case bool
    case rag
    /// One of a closed list of values, matched case-insensitively; the canonical spelling is kept.
    case enumeration([String])

    /// What the contract calls it, for messages and `--explain` output.
    public var name: String {
        switch self {
        case .text: "text"
        case .int: "int"
        case .decimal: "decimal"
        case .date: "date (YYYY-MM-DD)"
        case .period: "period (YYYY-MM)"
        case .bool: "bool (Y/N, yes/no, true/false, 1/0)"
        case .rag: "rag (R, A, G)"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        }
    }
}

/// A typed field value. Enumerations are `.text` with the canonical spelling.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case int(Int)
    case decimal(Decimal)
    case date(Day)
    case period(Period)
    case bool(Bool)
    case rag(RAG)

    public var description: String {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .decimal(let d): d.description
        case .date(let d): d.description
        case .period(let p): p.description
        case .bool(let b): b ? "true" : "false"
        case .rag(let r): r.rawValue
        }
    }

    public var text: String? { if case .text(let s) = self { s } else { nil } }
    public var int: Int? { if case .int(let i) = self { i } else { nil } }
    public var decimal: Decimal? {
        switch self {
        case .decimal(let d): d
        case .int(let i): Decimal(i)
        default: nil
        }
    }
    public var date: Day? { if case .date(let d) = self { d } else { nil } }
    public var period: Period? { if case .period(let p) = self { p } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var rag: RAG? { if case .rag(let r) = self { r } else { nil } }
}

/// One column of an entity: its contract name, type, whether it is required, and how it maps
/// onto the typed row.
public struct Column<Row>: @unchecked Sendable {
    public let name: String
    public let type: FieldType
    public let required: Bool
    /// Inclusive bounds for numbers (e.g. probability 1-5); outside them the value is invalid.
    public let range: ClosedRange<Double>?
    public let get: (Row) -> FieldValue?
    public let set: (inout Row, FieldValue) -> Void
    /// The same setter without the `FieldValue` round trip, for the ingest hot path; nil for
    /// columns made with the general initializer (ingest then goes through `set`).
    public let store: ColumnStore<Row>?

    public init(
        _ name: String, _ type: FieldType, required: Bool = false, range: ClosedRange<Double>? = nil,
        get: @escaping (Row) -> FieldValue?, set: @escaping (inout Row, FieldValue) -> Void,
        store: ColumnStore<Row>? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.range = range
        self.get = get
        self.set = set
        self.store = store
    }
}

/// A column's typed setter, one case per `FieldType`. Storing a value through it must have the
/// same effect as `Column.set` with the corresponding `FieldValue`.
public enum ColumnStore<Row> {
    /// The text is consumed: the typer hands over a string it made for the row, and borrowing
    /// it cost a retain and a release per text field.
    case text((inout Row, consuming String) -> Void)
    case int((inout Row, Int) -> Void)
    case decimal((inout Row, Decimal) -> Void)
    case date((inout Row, Day) -> Void)
    case period((inout Row, Period) -> Void)
    case bool((inout Row, Bool) -> Void)
    case rag((inout Row, RAG) -> Void)
    /// Sets the enumeration case at this index of the column's `FieldType.enumeration` values.
    case choice((inout Row, Int) -> Void)
}

/// A column the contract does not define, kept as text for rules and templates.
public struct ExtraField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The identity of a row within its entity, for duplicate detection ("the first row wins").
///
/// Two text parts and one number (a period index or a day number), so that building a key
/// never formats a date.
public struct RowKey: Hashable, Sendable {
    public var a: String
    public var b: String
    public var n: Int64

    public init(_ a: String, _ b: String = "", _ n: Int64 = 0) {
        self.a = a
        self.b = b
        self.n = n
    }
}

/// A row of one contract entity. Each entity lists its columns once, in `columns`.
public protocol EntityRow: Sendable {
    static var entity: Entity { get }
    /// The contract's columns, in the contract's order.
    static var columns: [Column<Self>] { get }
    /// The names of the columns that make the key, for messages.
    static var keyColumns: [String] { get }
    init()
    var origin: Origin { get set }
    var extras: [ExtraField] { get set }
    var key: RowKey { get }
    /// The project a row belongs to, when it belongs to one.
    var owningProject: String? { get }
}

extension EntityRow {
    /// The key as the user wrote it, e.g. `PRJ-014 / R-3`.
    public var keyDescription: String {
        Self.keyColumns.map { value(named: $0)?.description ?? "" }.joined(separator: " / ")
    }

    /// The value of a column by contract name, or an extra field; for tools and tests, not hot loops.
    public func value(named name: String) -> FieldValue? {
        if let c = Self.columns.first(where: { $0.name == name }) { return c.get(self) }
        return extras.first(where: { $0.name.lowercased() == name.lowercased() }).map { .text($0.value) }
    }
}
