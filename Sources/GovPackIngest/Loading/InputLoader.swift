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
        let clock = ContinuousClock()
        // One order for the whole run, whatever the order of the arguments: by path relative to
        // its input folder (code points), then by the full path for equal relative paths.
        let walked = paths.flatMap { InputWalker.filesAndSizes(under: $0, diagnostics: diagnostics) }.sorted {
            $0.file.relativePath != $1.file.relativePath
                ? InputWalker.codePointPrecedes($0.file.relativePath, $1.file.relativePath)
                : InputWalker.codePointPrecedes($0.file.displayPath, $1.file.displayPath)
        }
        let all = walked.map(\.file)
        let workers = max(1, min(options.workers ?? LoadOptions.defaultWorkers, all.count / 8))
        var portfolio: Portfolio
        var seen: [(file: InputFile, format: String?)] = []
        var rejected: [InputFile] = []
        var stats: [String: FormatStats] = [:]
        // The sizes from the walk's stat of each file, for the byte counts of the stats, the split
        // between workers and the builders' row estimates.
        let sizes = walked.map(\.size)
        if workers == 1 {
            let part = readChunk(all[...], sizes: sizes[...], diagnostics: diagnostics)
            portfolio = part.builder.build()
            (seen, rejected, stats) = (part.seen, part.rejected, part.stats)
        } else {
            let readStart = clock.now
            let parts = readInParallel(all, sizes: sizes, workers: workers)
            let readSeconds = (clock.now - readStart).seconds
            portfolio = Self.merge(parts.map(\.builder))
            for part in parts {
                diagnostics.append(contentsOf: part.diagnostics.all)
                seen += part.seen
                rejected += part.rejected
                for (name, s) in part.stats {
                    var t = stats[name] ?? FormatStats()
                    t.files += s.files
                    t.bytes += s.bytes
                    t.seconds += s.seconds
                    stats[name] = t
                }
            }
            // The formats' seconds add up to the read's wall time (so MB/s is the throughput of
            // all workers together), shared out by the time each format took on its cores.
            let busy = stats.values.reduce(0) { $0 + $1.seconds }
            if busy > 0 { for name in stats.keys { stats[name]?.seconds *= readSeconds / busy } }
        }
        let start = clock.now
        PortfolioIntegrity.check(
            &portfolio, diagnostics: diagnostics, absentProjects: options.absentProjects,
            parallel: (options.workers ?? LoadOptions.defaultWorkers) > 1)
        return LoadResult(
            portfolio: portfolio, files: seen, rejected: rejected, formatStats: stats,
            integritySeconds: (clock.now - start).seconds)
    }

    /// What reading a run of consecutive files gave: its own builder (file ids from 0) and, when
    /// read on a worker, its own diagnostics.
    private struct Chunk {
        var builder: PortfolioBuilder
        var diagnostics: DiagnosticSink
        var seen: [(file: InputFile, format: String?)] = []
        var rejected: [InputFile] = []
        var stats: [String: FormatStats] = [:]
    }

    private func readChunk(
        _ files: ArraySlice<InputFile>, sizes: ArraySlice<Int>, diagnostics: DiagnosticSink
    ) -> Chunk {
        var chunk = newChunk(diagnostics: diagnostics, expecting: files, sizes: sizes)
        read(files, sizes: sizes, into: &chunk)
        return chunk
    }

    /// An empty chunk whose builder reserves rows for `files` (see `expectRows`).
    private func newChunk(
        diagnostics: DiagnosticSink, expecting files: ArraySlice<InputFile>, sizes: ArraySlice<Int>
    ) -> Chunk {
        let chunk = Chunk(builder: PortfolioBuilder(diagnostics: diagnostics), diagnostics: diagnostics)
        if formats.contains(where: { ObjectIdentifier($0) == ObjectIdentifier(CSVFormat.self) }) {
            expectRows(files, sizes: sizes, builder: chunk.builder)
        }
        return chunk
    }

    /// Reads `files` into `chunk`, after the files it already read.
    private func read(_ files: ArraySlice<InputFile>, sizes: ArraySlice<Int>, into chunk: inout Chunk) {
        let clock = ContinuousClock()
        for (file, size) in zip(files, sizes) {
            let start = clock.now
            let format = read(file, builder: chunk.builder, rejected: &chunk.rejected)
            chunk.seen.append((file, format))
            if let format {
                var s = chunk.stats[format] ?? FormatStats()
                s.files += 1
                s.bytes += size
                s.seconds += (clock.now - start).seconds
                chunk.stats[format] = s
            }
        }
    }

    /// Tells the builder how many CSV bytes of each entity it will read, so that it can reserve
    /// rows once instead of growing (and copying) its arrays file by file. XML files add rows
    /// of any entity: their bytes are counted as if shared out like the CSV bytes. Too much is
    /// cheap (address space only), too little costs a late copy of a whole array (and memory:
    /// the old and the new array at once).
    private func expectRows(_ files: ArraySlice<InputFile>, sizes: ArraySlice<Int>, builder: PortfolioBuilder) {
        var csv: [Entity: Int] = [:]
        var csvTotal = 0
        var xmlTotal = 0
        for (file, size) in zip(files, sizes) {
            if let entity = CSVFormat.entity(of: file) {
                csv[entity, default: 0] += size
                csvTotal += size
            } else if file.fileExtension == "xml" {
                xmlTotal += size
            }
        }
        guard csvTotal > 0 else { return }
        let scale = 1.125 * Double(csvTotal + xmlTotal) / Double(csvTotal)
        for (entity, bytes) in csv { builder.expectCSVBytes(entity, Int(Double(bytes) * scale)) }
    }

    /// Reads the files on `workers` threads. The sorted list is cut into runs of consecutive files
    /// of about equal bytes (several per worker, so that a slow run does not leave a core idle).
    /// One worker reads runs from the front, in order, into one builder (the head); the others
    /// take runs from the back, each into a builder and diagnostics of its own, as if it were
    /// read alone, until the two ends meet. Nothing a builder does depends on files before it
    /// (ids, duplicates and references are settled after the merge), so merging the head and the
    /// runs in order gives what reading the files one by one gives. The head's rows stay where
    /// they are in the merge (it reserves rows for every file): only the back runs' rows move.
    private func readInParallel(_ files: [InputFile], sizes fileSizes: [Int], workers: Int) -> [Chunk] {
        let sizes = fileSizes.map { max($0, 1) }
        let total = sizes.reduce(0, +)
        let count = min(files.count, workers * 8)
        var bounds = [0]
        var sum = 0
        for (i, size) in sizes.enumerated() {
            sum += size
            if bounds.count < count, sum * count >= total * bounds.count, i + 1 < files.count { bounds.append(i + 1) }
        }
        bounds.append(files.count)
        let ranges = (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            /// The next run from the front, and the last run not taken from the back.
            var front = 0
            var back: Int
            var head: Chunk?
            var chunks: [Chunk?]
            init(_ n: Int) {
                back = n - 1
                chunks = Array(repeating: nil, count: n)
            }
            func takeFront() -> Int? {
                lock.lock(); defer { lock.unlock() }
                guard front <= back else { return nil }
                front += 1
                return front - 1
            }
            func takeBack() -> Int? {
                lock.lock(); defer { lock.unlock() }
                guard back >= front else { return nil }
                back -= 1
                return back + 1
            }
            func put(_ c: Chunk, at i: Int) {
                lock.lock(); defer { lock.unlock() }
                chunks[i] = c
            }
        }
        let results = Results(ranges.count)
        let group = DispatchGroup()
        nonisolated(unsafe) let loader = self
        DispatchQueue.global().async(group: group) {
            var head = loader.newChunk(diagnostics: DiagnosticSink(), expecting: files[...], sizes: fileSizes[...])
            while let i = results.takeFront() {
                loader.read(files[ranges[i]], sizes: fileSizes[ranges[i]], into: &head)
            }
            results.head = head
        }
        for _ in 1..<max(2, min(workers, ranges.count)) {
            DispatchQueue.global().async(group: group) {
                while let i = results.takeBack() {
                    results.put(
                        loader.readChunk(files[ranges[i]], sizes: fileSizes[ranges[i]], diagnostics: DiagnosticSink()),
                        at: i)
                }
            }
        }
        group.wait()
        return [results.head].compactMap { $0 } + results.chunks[results.front...].compactMap { $0 }
    }

    /// One portfolio from the builders of consecutive runs of files: their file tables joined in
    /// order, rows appended in order with their origins moved past the earlier runs' files, and
    /// extra fields named as the first run that met the column spelt it.
    static func merge(_ builders: [PortfolioBuilder]) -> Portfolio {
        var extraSpelling: [Entity: [String: String]] = [:]
        for b in builders {
            for entity in Entity.allCases {
                for name in b.extraNames(entity) where extraSpelling[entity, default: [:]][name.lowercased()] == nil {
                    extraSpelling[entity, default: [:]][name.lowercased()] = name
                }
            }
        }
        var parts: [(portfolio: Portfolio, respell: Set<Entity>)] = builders.map { b in
            var respell = Set<Entity>()
            for entity in Entity.allCases
            where b.extraNames(entity).contains(where: { extraSpelling[entity]?[$0.lowercased()] != $0 }) {
                respell.insert(entity)
            }
            return (b.build(), respell)
        }
        var p = Portfolio()
        var fileOffsets: [UInt32] = []
        for part in parts {
            fileOffsets.append(UInt32(p.files.files.count))
            for f in part.portfolio.files.files {
                let id = p.files.add(path: f.path, isXML: f.isXML)
                if f.derived { p.files.markDerived(id) }
            }
        }
        // Each entity's rows are joined on their own (the parts' arrays are taken out first, so
        // that no two jobs touch one value), the largest entity on one core and the rest on the
        // others: joining is mostly first touches of the new array's pages and copying rows
        // (0.44 s of CPU at 20,000 projects, one entity after another on one core before).
        var jobs: [(rows: Int, run: () -> Void, store: (inout Portfolio) -> Void)] = []
        let offsets = fileOffsets
        func join<R: EntityRow>(_ rows: WritableKeyPath<Portfolio, [R]>) {
            let arrays = PartRows<R>()
            for i in parts.indices {
                arrays.parts.append(parts[i].portfolio[keyPath: rows])
                parts[i].portfolio[keyPath: rows] = []
            }
            let total = arrays.parts.reduce(0) { $0 + $1.count }
            let respell = parts.map { $0.respell.contains(R.entity) ? extraSpelling[R.entity] : nil }
            jobs.append((
                total,
                { arrays.joined = Self.join(&arrays.parts, total: total, offsets: offsets, respell: respell) },
                { p in
                    p[keyPath: rows] = arrays.joined
                    arrays.joined = []  // the portfolio's array stays the only reference, edited in place later
                }))
        }
        join(\.programs)
        join(\.people)
        join(\.certifications)
        join(\.projects)
        join(\.financials)
        join(\.milestones)
        join(\.stageGates)
        join(\.risks)
        join(\.issues)
        join(\.assignments)
        join(\.benefits)
        join(\.benefitMeasurements)
        join(\.dependencies)
        join(\.changeImpacts)
        join(\.lessons)
        // Largest first, so that the big table does not start last.
        let order = jobs.indices.sorted { jobs[$0].rows > jobs[$1].rows }
        nonisolated(unsafe) let run = jobs.map(\.run)
        Parallel.forEach(order.count) { k in run[order[k]]() }
        for job in jobs { job.store(&p) }
        return p
    }

    /// One entity's rows of consecutive parts as one array: rows appended in order with their
    /// origins moved past the earlier parts' files (`offsets`) and extra fields renamed by
    /// `respell` (per part; nil: as they are). The first part's array is the result: the later
    /// parts' rows are moved onto its end, into capacity it has reserved when it could.
    private static func join<R: EntityRow>(
        _ parts: inout [[R]], total: Int, offsets: [UInt32], respell: [[String: String]?]
    ) -> [R] {
        guard !parts.isEmpty else { return [] }
        let blank = R()
        var out: [R] = []
        for i in parts.indices {
            let offset = offsets[i]
            let respell = respell[i]
            if offset > 0 || respell != nil {
                parts[i].withUnsafeMutableBufferPointer { part in
                    for j in part.indices {
                        part[j].origin.file += offset
                        guard let respell else { continue }
                        for k in part[j].extras.indices {
                            if let name = respell[part[j].extras[k].name.lowercased()] { part[j].extras[k].name = name }
                        }
                    }
                }
            }
            if i == 0 {
                swap(&out, &parts[0])
                out.reserveCapacity(total)  // nothing to do when the head reserved enough
                continue
            }
            parts[i].withUnsafeMutableBufferPointer { part in
                guard let from = part.baseAddress, part.count > 0 else { return }
                // Moved rather than copied (no reference counting of every string); the
                // part's slots get blank rows, so freeing the part releases nothing twice.
                out.append(contentsOf: Draining(base: from, count: part.count))
                from.initialize(repeating: blank, count: part.count)
            }
            parts[i] = []
        }
        return out
    }

    private func read(_ file: InputFile, builder: PortfolioBuilder, rejected: inout [InputFile]) -> String? {
        func unreadable(_ error: Error) -> String? {
            builder.diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot read the file: \(error.localizedDescription)",
                at: SourceLocation(file: file.displayPath), hint: "check that the file exists and is readable")
            rejected.append(file)
            return nil
        }
        // CSV, asked first, claims a file by its name alone: such a file is opened and read once,
        // instead of once for its head and again in full (an open, a read and a close more per
        // file: 0.1 s of CPU for the 35,000 files at 20,000 projects).
        if let first = formats.first, ObjectIdentifier(first) == ObjectIdentifier(CSVFormat.self),
            CSVFormat.entity(of: file) != nil
        {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(file.path)
            } catch {
                return unreadable(error)
            }
            let id = builder.addFile(path: file.displayPath, isXML: file.fileExtension == "xml")
            if !CSVFormat.read(bytes, of: file, fileID: id, into: builder, options: options) {
                rejected.append(file)
            }
            return CSVFormat.name
        }
        let head: FileHead
        do {
            head = FileHead(bytes: try FileBytes.head(file.path, count: 4096))
        } catch {
            return unreadable(error)
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

extension LoadOptions {
    /// `GOVPACK_THREADS` when it is a whole number from 1, else the machine's active cores.
    public static var defaultWorkers: Int {
        if let v = ProcessInfo.processInfo.environment["GOVPACK_THREADS"], let n = Int(v), n >= 1 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}

/// One entity's row arrays of the parts being merged, and their join.
private final class PartRows<R>: @unchecked Sendable {
    var parts: [[R]] = []
    var joined: [R] = []
}

/// The elements of a buffer, each moved out as it is read (the buffer's slots are left
/// uninitialised): `Array.append(contentsOf:)` then moves rows without retaining their strings.
private struct Draining<Element>: Sequence, IteratorProtocol {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    var position = 0

    init(base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    var underestimatedCount: Int { count - position }

    mutating func next() -> Element? {
        guard position < count else { return nil }
        position += 1
        return (base + position - 1).move()
    }
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
