import GovPackCore

/// Where readers deliver rows: the typing layer behind it turns field bytes into typed entity rows
/// with the contract's parsing rules, and reports every problem with its location.
///
/// A reader never parses values itself. CSV readers bind their header once (`slot(for:named:)`)
/// and then pass fields by slot; XML readers look up each attribute's slot by name.
/// Field bytes are UTF-8 and only valid during the call.
public protocol RowSink: AnyObject {
    /// The slot for a source column or attribute name of `entity` (case-insensitive, trimmed).
    /// Names the contract does not define get a slot too: they become extra fields.
    func slot(for entity: Entity, named name: String) -> Int

    /// Starts a row of `entity` at `line`:`column` of file `file` (an id from `SourceFiles`).
    func beginRow(_ entity: Entity, file: UInt32, line: Int, column: Int)

    /// One field of the current row. Leading and trailing blanks are trimmed by the sink;
    /// an empty value is "missing".
    func field(slot: Int, value: UnsafeBufferPointer<UInt8>, line: Int, column: Int)

    /// Ends the current row: required fields are checked and the row is kept or reported.
    func endRow()
}

extension RowSink {
    /// Convenience for readers that have the value as a `String`.
    public func field(slot: Int, string: String, line: Int, column: Int) {
        var s = string
        s.withUTF8 { field(slot: slot, value: $0, line: line, column: column) }
    }
}
