import GovPackCore

/// `<entity>.csv` files of the submission standard.
public enum CSVFormat: InputFormat {
    public static let name = "CSV"

    public static func claims(_ file: InputFile, head: FileHead) -> Bool {
        entity(of: file) != nil
    }

    /// The entity a file holds, by its name (`risks.csv`); nil for other names.
    public static func entity(of file: InputFile) -> Entity? {
        Entity(fileName: String(file.name))
    }

    public static func read(_ file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions) -> Bool {
        guard entity(of: file) != nil else { return false }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file.path)
        } catch {
            builder.diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot read the file: \(error.localizedDescription)",
                at: SourceLocation(file: file.displayPath))
            return false
        }
        return read(bytes, of: file, fileID: fileID, into: builder, options: options)
    }

    /// Reads a file whose bytes the caller has read already (the loader, which then needs no
    /// separate look at the file's head).
    static func read(
        _ bytes: [UInt8], of file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions
    ) -> Bool {
        guard let entity = entity(of: file) else { return false }
        builder.reserveRows(entity, lines: lineCount(bytes), fileBytes: bytes.count)
        let mappings = options.columnMappings.filter { $0.entity == entity && $0.applies(to: file) }
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
                let bound = mappings.isEmpty
                    ? bindHeader(record, entity: entity, builder: builder, path: file.displayPath)
                    : bindHeaderFully(record, entity: entity, mappings: mappings, builder: builder, path: file.displayPath)
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
        // Only a file with nothing in it is "empty": when a quote opened in the header runs to
        // the end, the reader has said so and no record came out, but the file is not empty.
        if readable && records == 0 && isBlank(bytes) {
            builder.diagnostics.emit(
                IngestID.fileEmpty, .warning, "the file is empty: no header row and no data",
                at: SourceLocation(file: file.displayPath),
                hint: "remove the file, or export it again with its header row (\(entity.columnSummaries.filter(\.required).map(\.name).joined(separator: ", ")), ...)")
        }
        return readable
    }

    /// Whether the file holds only a byte-order mark, spaces, tabs and line ends.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return body.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    /// Line feeds in the file: at most one more than its rows (a guess for reserving rows).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return 0 }
            // Eight bytes at a time: the byte loop was not vectorised and took 5 instructions a
            // byte (6% of reading a CSV file). In `x = word ^ LFs` a byte is zero exactly where
            // the word has a line feed; `(x & 0x7F..) + 0x7F..` sets a byte's top bit when its
            // low seven bits are not all zero (no carry crosses bytes), `| x` adds the top bit
            // itself, so the top bits left clear are the line feeds. Each byte lane of `lanes`
            // counts them (a popcount per word is a dozen instructions on baseline x86-64);
            // the lanes are summed before any can pass 255.
            let lfs: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let ones: UInt64 = 0x0101_0101_0101_0101
            let raw = UnsafeRawPointer(base)
            var n = 0
            let words = b.count / 8
            var w = 0
            while w < words {
                var lanes: UInt64 = 0
                let stop = min(w &+ 255, words)
                while w < stop {
                    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: w &* 8, as: UInt64.self)) ^ lfs
                    let notLF = ((x & low) &+ low) | x
                    lanes &+= (~notLF >> 7) & ones
                    w &+= 1
                }
                // Pairs of lanes into 16-bit lanes (at most 510), then all four summed in the top one.
                let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
                n &+= Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
            }
            var i = words &* 8
            while i < b.count {
                n &+= base[i] == 0x0A ? 1 : 0
                i += 1
            }
            return n
        }
    }

    /// Header names to slots; a repeated name (which the reader reports) gets no slot, so the
    /// first column of that name is the one read.
    ///
    /// Teams send the same header in every file, and binding one costs more than typing a small
    /// file's rows (Foundation trimming, case folding, sets): a header whose bytes equal the last
    /// clean header of its entity (every column a distinct contract column, all required ones
    /// there, so binding reports nothing) reuses its slots. (Headers under column mappings are
    /// always bound in full: the same bytes mean other columns there.)
    private static func bindHeader(_ record: CSVRecord, entity: Entity, builder: PortfolioBuilder, path: String) -> [Int] {
        var raw: [UInt8] = []
        for i in 0..<record.count {
            let f = record.field(i)
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: f.count).littleEndian) { raw.append(contentsOf: $0) }
            raw.append(contentsOf: f)
        }
        if let cached = builder.cleanHeader(entity, raw: raw) { return cached }
        let slots = bindHeaderFully(record, entity: entity, mappings: [], builder: builder, path: path)
        builder.noteHeader(entity, raw: raw, slots: slots)
        return slots
    }

    private static func bindHeaderFully(
        _ record: CSVRecord, entity: Entity, mappings: [ColumnMapping], builder: PortfolioBuilder, path: String
    ) -> [Int] {
        var names = (0..<record.count).map { record.string($0) }
        if !mappings.isEmpty { names = mapped(names, record, mappings, builder: builder, path: path) }
        var seen = Set<String>()
        var repeated: [Bool] = []
        for name in names {
            let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            repeated.append(!key.isEmpty && !seen.insert(key).inserted)
        }
        var slots = builder.bindHeader(entity, names: names, location: SourceLocation(file: path, line: record.line))
        for i in slots.indices where repeated[i] || names[i].trimmingCharacters(in: .whitespaces).isEmpty { slots[i] = -1 }
        return slots
    }
}

extension CSVFormat {
    /// The header with the team's names replaced by the standard ones. A mapped name whose
    /// standard column is also in the file (or that an earlier mapped column already took) is
    /// reported and left as it is: the file's own column is read, the mapped one kept as an extra
    /// field.
    static func mapped(
        _ names: [String], _ record: CSVRecord, _ mappings: [ColumnMapping], builder: PortfolioBuilder, path: String
    ) -> [String] {
        func key(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        let keys = names.map(key)
        var renamed: [(index: Int, mapping: ColumnMapping)] = []
        for (i, k) in keys.enumerated() where !k.isEmpty {
            if let m = mappings.first(where: { key($0.from) == k }) { renamed.append((i, m)) }
        }
        let renamedIndices = Set(renamed.map(\.index))
        var out = names
        var taken: [String: Int] = [:]
        for (i, k) in keys.enumerated() where !renamedIndices.contains(i) && taken[k] == nil { taken[k] = i }
        for (i, m) in renamed {
            let target = key(m.to)
            if let other = taken[target] {
                let name = names[i].trimmingCharacters(in: .whitespacesAndNewlines)
                let otherName = names[other].trimmingCharacters(in: .whitespacesAndNewlines)
                let what = renamedIndices.contains(other) ? "'\(otherName)' (also mapped to it)" : "'\(otherName)'"
                builder.diagnostics.emit(
                    IngestID.mappingCollision, .warning,
                    "column '\(name)' is mapped to '\(m.to)' by the configuration, but the file also has \(what); "
                        + "'\(otherName)' is read and '\(name)' is kept as an extra field",
                    at: SourceLocation(file: path, line: record.line(i), column: record.column(i)),
                    hint: "send one of the two columns, or change the column mapping in govpack.yaml")
                continue
            }
            taken[target] = i
            out[i] = m.to
        }
        return out
    }
}

/// The record being typed, for the column resolver.
private final class CurrentRecord {
    var record: CSVRecord?
}
