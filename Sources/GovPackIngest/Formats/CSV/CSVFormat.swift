import GovPackCore

/// `<entity>.csv` files of the submission standard.
public enum CSVFormat: InputFormat {
    public static let name = "CSV"

    public static func claims(_ file: InputFile, head: FileHead) -> Bool {
        let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
        return Entity(fileName: name) != nil
    }

    public static func read(_ file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions) -> Bool {
        let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
        guard let entity = Entity(fileName: name) else { return false }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file.path)
        } catch {
            builder.diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot read the file: \(error.localizedDescription)",
                at: SourceLocation(file: file.displayPath))
            return false
        }
        builder.reserveRows(entity, lineCount(bytes))
        // The header's slots, in a plain buffer for the per-row calls.
        var slots = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
        defer { slots.deallocate() }
        var records = 0
        // Diagnostics turn the field index a row passes into a column of the current record; the
        // resolver is made once per file and reads the record from this box.
        let current = CurrentRecord()
        builder.setColumnResolver { current.record?.column($0) ?? $0 }
        let readable = CSVReader.read(bytes, path: file.displayPath, diagnostics: builder.diagnostics) { record in
            records += 1
            if records == 1 {
                let bound = bindHeader(record, entity: entity, builder: builder, path: file.displayPath)
                slots = .allocate(capacity: bound.count)
                _ = slots.initialize(from: bound)
                return
            }
            current.record = record
            builder.csvRow(entity, record, slots: UnsafeBufferPointer(slots), file: fileID)
        }
        current.record = nil
        builder.setColumnResolver(nil)
        builder.endFile(entity, path: file.displayPath)
        if readable && records == 0 {
            builder.diagnostics.emit(
                IngestID.fileEmpty, .warning, "the file is empty: no header row and no data",
                at: SourceLocation(file: file.displayPath),
                hint: "remove the file, or export it again with its header row (\(entity.columnSummaries.filter(\.required).map(\.name).joined(separator: ", ")), ...)")
        }
        return readable
    }

    /// Line feeds in the file: at most one more than its rows (a guess for reserving rows).
    private static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var n = 0
            for c in b where c == 0x0A { n += 1 }
            return n
        }
    }

    /// Header names to slots; a repeated name (which the reader reports) gets no slot, so the
    /// first column of that name is the one read.
    ///
    /// Teams send the same header in every file, and binding one costs more than typing a small
    /// file's rows (Foundation trimming, case folding, sets): a header whose bytes equal the last
    /// clean header of its entity (every column a distinct contract column, all required ones
    /// there, so binding reports nothing) reuses its slots.
    private static func bindHeader(_ record: CSVRecord, entity: Entity, builder: PortfolioBuilder, path: String) -> [Int] {
        var raw: [UInt8] = []
        for i in 0..<record.count {
            let f = record.field(i)
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: f.count).littleEndian) { raw.append(contentsOf: $0) }
            raw.append(contentsOf: f)
        }
        if let cached = builder.cleanHeader(entity, raw: raw) { return cached }
        let slots = bindHeaderFully(record, entity: entity, builder: builder, path: path)
        builder.noteHeader(entity, raw: raw, slots: slots)
        return slots
    }

    private static func bindHeaderFully(_ record: CSVRecord, entity: Entity, builder: PortfolioBuilder, path: String) -> [Int] {
        var names: [String] = []
        var seen = Set<String>()
        var repeated: [Bool] = []
        for i in 0..<record.count {
            let name = record.string(i)
            let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            repeated.append(!key.isEmpty && !seen.insert(key).inserted)
            names.append(name)
        }
        var slots = builder.bindHeader(entity, names: names, location: SourceLocation(file: path, line: record.line))
        for i in slots.indices where repeated[i] || names[i].trimmingCharacters(in: .whitespaces).isEmpty { slots[i] = -1 }
        return slots
    }
}

/// The record being typed, for the column resolver.
private final class CurrentRecord {
    var record: CSVRecord?
}
