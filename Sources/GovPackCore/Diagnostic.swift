import Foundation

/// How bad a finding is. Ordered from least to most severe.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding about the input: a stable id, a severity, a plain message and where it is.
///
/// Ids are namespaced (`ingest.csv.unterminated_quote`, `rule.risk.owner_missing`) and never change;
/// the wording of messages may.
public struct Diagnostic: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Other places involved, e.g. the first definition of a duplicate key.
    public var related: [SourceLocation]
    /// What to do about it, when the message alone does not say.
    public var hint: String?
    /// The project the finding belongs to, when known (used to group output).
    public var projectID: String?
    /// Source text with a caret under the fault, for expression errors.
    public var excerpt: String?

    public init(
        id: String, severity: Severity, message: String, location: SourceLocation? = nil,
        related: [SourceLocation] = [], hint: String? = nil, projectID: String? = nil, excerpt: String? = nil
    ) {
        self.excerpt = excerpt
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.related = related
        self.hint = hint
        self.projectID = projectID
    }

    /// Compiler-style text: `file:line:column: severity: [id] message`.
    public var formatted: String {
        var s = ""
        if let location { s += "\(location): " }
        s += "\(severity.rawValue): [\(id)] \(message)"
        if let element = location?.element { s += " (element <\(element)>)" }
        if let excerpt { s += "\n" + excerpt }
        for r in related { s += "\n  \(r): note: see also" }
        if let hint { s += "\n  hint: \(hint)" }
        return s
    }

    /// Deterministic order: by location (files without location first), then id, then message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (.some(la), .some(lb)) where la != lb: return la < lb
        default: break
        }
        if a.id != b.id { return a.id < b.id }
        return a.message < b.message
    }
}

/// Collects diagnostics from every stage; safe to append to from several threads.
///
/// Data problems are appended here, never thrown, so one run reports everything.
public final class DiagnosticSink: @unchecked Sendable {
    private var items: [Diagnostic] = []
    private let lock = NSLock()

    public init() {}

    public func append(_ d: Diagnostic) {
        lock.lock()
        items.append(d)
        lock.unlock()
    }

    public func append(contentsOf ds: [Diagnostic]) {
        lock.lock()
        items.append(contentsOf: ds)
        lock.unlock()
    }

    public func emit(
        _ id: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        related: [SourceLocation] = [], hint: String? = nil, projectID: String? = nil
    ) {
        append(Diagnostic(
            id: id, severity: severity, message: message, location: location, related: related,
            hint: hint, projectID: projectID))
    }

    /// Everything collected so far, in deterministic order.
    public var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items.sorted(by: Diagnostic.ordered)
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return items.count
    }

    public func count(_ severity: Severity) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return items.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}
