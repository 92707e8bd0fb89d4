import Foundation
import GovPackCore

/// What loading a run's inputs produced.
public struct LoadResult: Sendable {
    public var portfolio: Portfolio
    /// Every file looked at, in read order, with the format that read it (nil: not read).
    public var files: [(file: InputFile, format: String?)]
    /// Files that could not be read at all (quarantined): their rows are not in the portfolio.
    public var rejected: [InputFile]
    /// Per format: files read, their bytes and the seconds spent reading them (for `make bench`).
    public var formatStats: [String: FormatStats]
    /// Seconds spent on duplicate and reference checks across the run.
    public var integritySeconds: Double
}

public struct FormatStats: Sendable {
    public var files = 0
    public var bytes = 0
    public var seconds = 0.0
}

/// Walks the input paths, recognises each file by name and root element, reads it with its
/// format, then checks keys and references across the whole run.
public struct InputLoader {
    public var formats: [any InputFormat.Type]
    public var options: LoadOptions

    public init(formats: [any InputFormat.Type] = InputFormats.all, options: LoadOptions = LoadOptions()) {
        self.formats = formats
        self.options = options
    }

    public func load(_ paths: [String], diagnostics: DiagnosticSink) -> LoadResult {
        let builder = PortfolioBuilder(diagnostics: diagnostics)
        var seen: [(InputFile, String?)] = []
        var rejected: [InputFile] = []
        var stats: [String: FormatStats] = [:]
        let clock = ContinuousClock()
        // One order for the whole run, whatever the order of the arguments: by path relative to
        // its input folder (code points), then by the full path for equal relative paths.
        let all = paths.flatMap { InputWalker.files(under: $0, diagnostics: diagnostics) }.sorted {
            $0.relativePath != $1.relativePath
                ? $0.relativePath.unicodeScalars.lexicographicallyPrecedes($1.relativePath.unicodeScalars)
                : $0.displayPath.unicodeScalars.lexicographicallyPrecedes($1.displayPath.unicodeScalars)
        }
        do {
            for file in all {
                let start = clock.now
                let format = read(file, builder: builder, rejected: &rejected)
                seen.append((file, format))
                if let format {
                    var s = stats[format] ?? FormatStats()
                    s.files += 1
                    s.bytes += FileBytes.size(file.path)
                    s.seconds += (clock.now - start).seconds
                    stats[format] = s
                }
            }
        }
        var portfolio = builder.build()
        let start = clock.now
        PortfolioIntegrity.check(&portfolio, diagnostics: diagnostics, absentProjects: options.absentProjects)
        return LoadResult(
            portfolio: portfolio, files: seen, rejected: rejected, formatStats: stats,
            integritySeconds: (clock.now - start).seconds)
    }

    private func read(_ file: InputFile, builder: PortfolioBuilder, rejected: inout [InputFile]) -> String? {
        let head: FileHead
        do {
            head = FileHead(bytes: try FileBytes.head(file.path, count: 4096))
        } catch {
            builder.diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot read the file: \(error.localizedDescription)",
                at: SourceLocation(file: file.displayPath), hint: "check that the file exists and is readable")
            rejected.append(file)
            return nil
        }
        guard let format = formats.first(where: { $0.claims(file, head: head) }) else {
            reportUnclaimed(file, head: head, diagnostics: builder.diagnostics, rejected: &rejected)
            return nil
        }
        let isXML = file.fileExtension == "xml"
        let id = builder.addFile(path: file.displayPath, isXML: isXML)
        if !format.read(file, fileID: id, into: builder, options: options) {
            rejected.append(file)
        }
        return format.name
    }

    private func reportUnclaimed(
        _ file: InputFile, head: FileHead, diagnostics: DiagnosticSink, rejected: inout [InputFile]
    ) {
        let at = SourceLocation(file: file.displayPath)
        switch file.fileExtension {
        case "csv":
            diagnostics.emit(
                IngestID.fileUnrecognised, .warning,
                "'\(file.relativePath.split(separator: "/").last ?? "")' is not a file name of the submission standard; the file is not read",
                at: at,
                hint: "name it after its entity: " + Entity.allCases.map(\.fileName).joined(separator: ", "))
        case "xml":
            if let root = head.xmlRoot {
                let ns = root.namespace.map { " in namespace '\($0)'" } ?? " with no namespace"
                diagnostics.emit(
                    IngestID.xmlUnknownRoot, .error,
                    "root element <\(root.localName)>\(ns) is neither a govpack submission (submission, urn:govpack:submission:1) nor a Microsoft Project export (Project, http://schemas.microsoft.com/project); the file is not read",
                    at: SourceLocation(file: file.displayPath, line: root.line, column: 0, element: root.localName),
                    hint: "export the schedule as Microsoft Project XML, or write the submission in the govpack format")
            } else {
                diagnostics.emit(
                    IngestID.xmlMalformed, .error, "the file does not start like an XML document; it is not read",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1))
            }
            rejected.append(file)
        case "xlsx", "xls", "xlsm", "ods":
            diagnostics.emit(
                IngestID.fileUnrecognised, .warning,
                "spreadsheets are not read; the file is skipped", at: at,
                hint: "save each sheet as 'CSV UTF-8' named after its entity (e.g. risks.csv)")
        default:
            diagnostics.emit(
                IngestID.fileUnrecognised, .info, "not a CSV or XML file; ignored", at: at)
        }
    }
}

/// The formats govpack reads, in the order they are asked to claim a file.
public enum InputFormats {
    public static let all: [any InputFormat.Type] = [CSVFormat.self, SubmissionXMLFormat.self, MSPDIFormat.self]
}

/// Reading files as bytes, without Foundation's `Data` round trip.
public enum FileBytes {
    public struct ReadError: Error, LocalizedError {
        public let path: String
        public let code: Int32
        public var errorDescription: String? { String(cString: strerror(code)) }
    }

    /// The whole file, read straight into an array of its size (no zeroed chunk buffer, no
    /// appends: this runs once per input file).
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(path: path, code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ReadError(path: path, code: errno) }
        // One byte more than the size, so that the end of the file shows without a second buffer.
        let capacity = max(Int(st.st_size), 0) + 1
        var failure: Int32 = 0
        var full = false
        var out = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            count = 0
            guard let base = buf.baseAddress else { return }
            while count < capacity {
                let n = Foundation.read(fd, base + count, capacity - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
            full = true
        }
        if failure != 0 { throw ReadError(path: path, code: failure) }
        guard full else { return out }
        // The file grew while being read: take the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, code: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// The file's size in bytes, 0 when it cannot be read.
    public static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// At most `count` bytes from the start.
    public static func head(_ path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(path: path, code: errno) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, code: errno)
            }
            if n == 0 { break }
            got += n
        }
        return Array(buf[0..<got])
    }
}

extension Duration {
    /// The duration in seconds, as a double.
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
