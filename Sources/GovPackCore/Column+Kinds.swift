import Foundation

// Shorthands so that each entity lists its columns in one readable table.
extension Column {
    public static func text(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> String?,
        _ set: @escaping (inout Row, consuming String) -> Void
    ) -> Column {
        Column(name, .text, required: required, get: { get($0).map(FieldValue.text) },
               set: { row, v in if let s = v.text { set(&row, s) } },
               store: .text(set))
    }

    public static func int(
        _ name: String, required: Bool = false, range: ClosedRange<Double>? = nil,
        _ get: @escaping (Row) -> Int?, _ set: @escaping (inout Row, Int) -> Void
    ) -> Column {
        Column(name, .int, required: required, range: range, get: { get($0).map(FieldValue.int) },
               set: { row, v in if let i = v.int { set(&row, i) } },
               store: .int(set))
    }

    public static func decimal(
        _ name: String, required: Bool = false, range: ClosedRange<Double>? = nil,
        _ get: @escaping (Row) -> Decimal?, _ set: @escaping (inout Row, Decimal) -> Void
    ) -> Column {
        Column(name, .decimal, required: required, range: range, get: { get($0).map(FieldValue.decimal) },
               set: { row, v in if let d = v.decimal { set(&row, d) } },
               store: .decimal(set))
    }

    public static func date(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> Day?,
        _ set: @escaping (inout Row, Day) -> Void
    ) -> Column {
        Column(name, .date, required: required, get: { get($0).map(FieldValue.date) },
               set: { row, v in if let d = v.date { set(&row, d) } },
               store: .date(set))
    }

    public static func period(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> Period?,
        _ set: @escaping (inout Row, Period) -> Void
    ) -> Column {
        Column(name, .period, required: required, get: { get($0).map(FieldValue.period) },
               set: { row, v in if let p = v.period { set(&row, p) } },
               store: .period(set))
    }

    public static func bool(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> Bool?,
        _ set: @escaping (inout Row, Bool) -> Void
    ) -> Column {
        Column(name, .bool, required: required, get: { get($0).map(FieldValue.bool) },
               set: { row, v in if let b = v.bool { set(&row, b) } },
               store: .bool(set))
    }

    public static func rag(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> RAG?,
        _ set: @escaping (inout Row, RAG) -> Void
    ) -> Column {
        Column(name, .rag, required: required, get: { get($0).map(FieldValue.rag) },
               set: { row, v in if let r = v.rag { set(&row, r) } },
               store: .rag(set))
    }

    public static func choice<E: RawRepresentable & CaseIterable>(
        _ name: String, required: Bool = false, _ get: @escaping (Row) -> E?,
        _ set: @escaping (inout Row, E) -> Void
    ) -> Column where E.RawValue == String {
        Column(name, .enumeration(E.allCases.map(\.rawValue)), required: required,
               get: { get($0).map { FieldValue.text($0.rawValue) } },
               set: { row, v in if let s = v.text, let e = E(rawValue: s) { set(&row, e) } },
               store: choiceStore(E.allCases.map { $0 }, set))
    }

    /// Case `i` of the values list (`E.allCases` order) set directly, as `E(rawValue:)` of that
    /// value would; a raw value listed twice keeps the first case, as `E(rawValue:)` does.
    private static func choiceStore<E: RawRepresentable>(
        _ cases: [E], _ set: @escaping (inout Row, E) -> Void
    ) -> ColumnStore<Row> where E.RawValue == String {
        let resolved = cases.map { E(rawValue: $0.rawValue) }
        return .choice { row, i in if let e = resolved[i] { set(&row, e) } }
    }
}
