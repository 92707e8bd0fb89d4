import GovPackCore

/// One file of a run's input, as found by the walk.
public struct InputFile: Sendable, Hashable {
    /// Where to read it.
    public let path: String
    /// How messages show it: the input argument joined with the path below it.
    public let displayPath: String
    /// The path relative to the input argument, with `/` separators; the read order sorts by it.
    public let relativePath: String

    public init(path: String, displayPath: String, relativePath: String) {
        self.path = path
        self.displayPath = displayPath
        self.relativePath = relativePath
    }

    /// The file name without directory and extension (`PRJ-031` for `teams/x/PRJ-031.xml`).
    public var stem: String {
        let name = self.name
        guard let dot = name.lastIndex(of: ".") else { return String(name) }
        return String(name[..<dot])
    }

    public var fileExtension: String {
        let name = self.name
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The last part of the relative path that is not empty (the whole path when none is), as
    /// `relativePath.split(separator: "/").last` gives it but without making an array of every
    /// part: this is asked several times per file (35,000 files at 20,000 projects).
    var name: Substring {
        let path = relativePath
        var end = path.endIndex
        while end > path.startIndex {
            let before = path.index(before: end)
            guard path[before] == "/" else { break }
            end = before
        }
        let part = path[..<end]
        guard !part.isEmpty else { return path[...] }
        guard let slash = part.lastIndex(of: "/") else { return part }
        return part[part.index(after: slash)...]
    }
}

/// What the start of a file says about it: for XML, the root element and its namespace.
public struct FileHead: Sendable {
    public let bytes: [UInt8]
    public let xmlRoot: XMLRootSniffer.Root?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        xmlRoot = XMLRootSniffer.sniff(bytes)
    }
}

/// Options that change how inputs are read.
public struct LoadOptions: Sendable {
    /// The report period, when known (MSPDI earned-value figures are booked to it).
    public var period: Period?
    /// MSPDI files mapped to project ids, by file stem or relative path; default: the file stem.
    public var mspdiProjectIDs: [String: String]
    /// Teams' own names for standard CSV columns (XML is not mapped: its schema fixes the names).
    public var columnMappings: [ColumnMapping]
    /// Projects known to exist but not in this run (their team was quarantined or sent nothing),
    /// by id, with why: a row of another team naming one is left out with a note, not an error.
    public var absentProjects: [String: String] = [:]
    /// How many threads read files at once; nil: `GOVPACK_THREADS` when set, else one per core.
    /// Any count gives the same portfolio and diagnostics (see `InputLoader`).
    public var workers: Int?

    public init(period: Period? = nil, mspdiProjectIDs: [String: String] = [:], columnMappings: [ColumnMapping] = []) {
        self.period = period
        self.mspdiProjectIDs = mspdiProjectIDs
        self.columnMappings = columnMappings
    }
}

/// A team's name for a standard column: in the CSV files of `entity` under `folder`, a header
/// named `from` (matched like the standard names: trimmed, case-insensitive) is read as `to`.
public struct ColumnMapping: Sendable, Hashable {
    /// The folder whose files it covers, as the input paths spell it (e.g. the team's folder
    /// `submissions/2026-11/claims`), or relative to an input argument (`claims`); empty: every file.
    public var folder: String
    public var entity: Entity
    /// The team's column name.
    public var from: String
    /// The standard column name it stands for.
    public var to: String

    public init(folder: String, entity: Entity, from: String, to: String) {
        self.folder = folder
        self.entity = entity
        self.from = from
        self.to = to
    }

    /// Whether the mapping covers this file: the file's display path (the input argument joined
    /// with the path below it) or its path relative to the argument lies under `folder`.
    public func applies(to file: InputFile) -> Bool {
        var f = folder
        while f.hasPrefix("./") { f.removeFirst(2) }
        while f.count > 1 && f.hasSuffix("/") { f.removeLast() }
        if f.isEmpty || f == "." { return true }
        let prefix = f + "/"
        var shown = file.displayPath
        while shown.hasPrefix("./") { shown.removeFirst(2) }
        return shown.hasPrefix(prefix) || file.relativePath.hasPrefix(prefix)
    }
}

/// An input format: which files it claims and how it reads them into the builder.
///
/// Adding a format is one folder under `Formats/` with a type conforming to this, listed once in
/// `InputFormats.all`.
public protocol InputFormat {
    /// A short name for messages ("CSV", "govpack XML", "MSPDI").
    static var name: String { get }
    /// Whether this format reads the file, judged by its name and first bytes.
    static func claims(_ file: InputFile, head: FileHead) -> Bool
    /// Reads the file, delivering rows to `builder` and problems to `builder.diagnostics`.
    /// Returns false when the file could not be read at all (it is then listed as rejected).
    static func read(_ file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions) -> Bool
}
