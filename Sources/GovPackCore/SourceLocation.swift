/// Where a piece of input came from: a file, a line and a column, and for XML the element.
///
/// Lines and columns are 1-based; a column of 0 means "the whole line".
/// Columns count Unicode scalars, as editors show them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The XML element the location points into, when the input is XML.
    public var element: String?

    public init(file: String, line: Int = 0, column: Int = 0, element: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.element = element
    }

    /// `file:line:column`, leaving out the parts that are unknown.
    public var description: String {
        var s = file
        if line > 0 {
            s += ":\(line)"
            if column > 0 { s += ":\(column)" }
        }
        return s
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file.unicodeScalars.lexicographicallyPrecedes(b.file.unicodeScalars) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        return (a.element ?? "") < (b.element ?? "")
    }
}

/// A compact origin stored on every row: an index into the run's file table, a line and a column.
///
/// Rows are many; a full `SourceLocation` is built only when a diagnostic needs it.
public struct Origin: Hashable, Sendable {
    public var file: UInt32
    public var line: UInt32
    public var column: UInt32

    public init(file: UInt32, line: UInt32, column: UInt32 = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The files of one run, so that rows can carry a 4-byte file reference.
public struct SourceFiles: Sendable {
    public struct File: Sendable, Hashable {
        /// The path as the user should see it: relative to the input they named.
        public var path: String
        /// True when the file is XML, so locations name the element.
        public var isXML: Bool
        /// True when its rows are derived from another tool's export (a Microsoft Project schedule)
        /// rather than sent as the standard: such rows give way to rows a team sent directly.
        public var derived = false
    }

    public private(set) var files: [File] = []

    public init() {}

    public mutating func add(path: String, isXML: Bool) -> UInt32 {
        files.append(File(path: path, isXML: isXML))
        return UInt32(files.count - 1)
    }

    public mutating func markDerived(_ id: UInt32) {
        if Int(id) < files.count { files[Int(id)].derived = true }
    }

    public func isDerived(_ id: UInt32) -> Bool { Int(id) < files.count && files[Int(id)].derived }

    public func path(_ id: UInt32) -> String {
        Int(id) < files.count ? files[Int(id)].path : "<unknown>"
    }

    /// The full location of an origin; `element` names the XML element a row came from.
    public func location(_ origin: Origin, element: String? = nil) -> SourceLocation {
        let file = Int(origin.file) < files.count ? files[Int(origin.file)] : File(path: "<unknown>", isXML: false)
        return SourceLocation(
            file: file.path, line: Int(origin.line), column: Int(origin.column),
            element: file.isXML ? element : nil)
    }
}
