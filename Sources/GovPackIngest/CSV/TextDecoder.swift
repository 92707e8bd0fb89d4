import GovPackCore

/// The text encodings a CSV file is read in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

/// A file's text as UTF-8 bytes, ready to tokenize.
///
/// For UTF-8 input `bytes` is the input array itself (no copy) and `start` skips the byte-order mark.
public struct DecodedText: Sendable {
    public var bytes: [UInt8]
    /// Where the text starts in `bytes` (3 after a UTF-8 byte-order mark, else 0).
    public var start: Int
    /// What the file was read as.
    public var encoding: TextEncoding
}

/// Turns raw file bytes into UTF-8: UTF-8 with or without BOM, UTF-16 with a BOM, and
/// Windows-1252 when the bytes are not UTF-8 and plausibly are Windows-1252 (Excel's "CSV" on Windows).
///
/// Bytes are never replaced: anything that cannot be decoded is an error with file, line and column,
/// and the file is not read.
public enum TextDecoder {
    static let saveAsUTF8 = "save the file as UTF-8 (Excel: Save As > CSV UTF-8)"

    /// File signatures of formats that are never text, with what to call them.
    static let signatures: [([UInt8], String)] = [
        (Array("PK\u{03}\u{04}".utf8), "a ZIP archive (an Excel .xlsx or OpenDocument workbook?)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an old Excel (.xls) or other Office file"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x1F, 0x8B], "a gzip archive"),
    ]

    /// What `bytes` are when they start with a binary format's signature.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        signatures.first { sig, _ in bytes.count >= sig.count && bytes[0..<sig.count].elementsEqual(sig) }?.1
    }

    /// Decodes `bytes`, reporting problems to `diagnostics`; nil when the file cannot be read.
    public static func decode(_ bytes: [UInt8], path: String, diagnostics: DiagnosticSink) -> DecodedText? {
        let n = bytes.count
        if let kind = binaryKind(bytes) {
            // Windows-1252 maps almost every byte, so a workbook or archive would otherwise "decode"
            // into a header of garbage and a list of missing columns.
            diagnostics.emit(
                IngestID.undecodable, .error, "this is \(kind), not CSV text; the file is not read",
                at: SourceLocation(file: path, line: 1, column: 1), hint: saveAsUTF8)
            return nil
        }
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            // The mark declares UTF-8: invalid bytes after it are an error, never a guess.
            let check = bytes.withUnsafeBufferPointer { UTF8Check.scan($0, from: 3) }
            if let bad = check.firstInvalid {
                reportInvalidUTF8(bytes, from: 3, at: bad, path: path, diagnostics: diagnostics)
                return nil
            }
            return DecodedText(bytes: bytes, start: 3, encoding: .utf8)
        }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return decodeUTF16(bytes, bigEndian: false, path: path, diagnostics: diagnostics)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return decodeUTF16(bytes, bigEndian: true, path: path, diagnostics: diagnostics)
        }
        let check = bytes.withUnsafeBufferPointer { UTF8Check.scan($0, from: 0) }
        guard let bad = check.firstInvalid else {
            return DecodedText(bytes: bytes, start: 0, encoding: .utf8)
        }
        // Not UTF-8. Windows-1252 is plausible only when no byte run anywhere is a valid multi-byte
        // UTF-8 sequence: a file mixing both is damaged, and guessing would corrupt the valid part.
        if check.multiByteSequences > 0 {
            reportInvalidUTF8(bytes, from: 0, at: bad, path: path, diagnostics: diagnostics)
            return nil
        }
        return decodeWindows1252(bytes, path: path, diagnostics: diagnostics)
    }
}

// MARK: - UTF-8 validation

/// The result of scanning bytes as UTF-8.
struct UTF8Check {
    /// Offset of the first byte that does not start a valid sequence, nil when all is valid.
    var firstInvalid: Int?
    /// Valid sequences of 2 to 4 bytes seen in the whole input.
    var multiByteSequences: Int

    /// Validates per Unicode table 3-7 (no overlongs, no surrogates, nothing above U+10FFFF).
    /// ASCII runs are skipped 8 bytes at a time; after the first error the scan goes on, only to
    /// count valid multi-byte sequences.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> UTF8Check {
        var result = UTF8Check(firstInvalid: nil, multiByteSequences: 0)
        guard let base = b.baseAddress else { return result }
        let n = b.count
        var i = start
        while i < n {
            // Fast path: whole words of ASCII.
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            while i < n, base[i] < 0x80 { i += 1 }
            guard i < n else { break }
            let len = sequenceLength(base, i, n)
            if len == 0 {
                if result.firstInvalid == nil { result.firstInvalid = i }
                i += 1
            } else {
                result.multiByteSequences += 1
                i += len
            }
        }
        return result
    }

    /// The length of the valid multi-byte sequence starting at `i`, or 0 when it is not valid.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let c0 = p[i]
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch c0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return i + 1 < n && (0xA0...0xBF).contains(p[i + 1]) && cont(2) ? 3 : 0
        case 0xED:
            return i + 1 < n && (0x80...0x9F).contains(p[i + 1]) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return i + 1 < n && (0x90...0xBF).contains(p[i + 1]) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return i + 1 < n && (0x80...0x8F).contains(p[i + 1]) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}

// MARK: - Locations before decoding

/// Finds line and column of a byte offset in text that is not yet UTF-8 (or not valid UTF-8).
///
/// Lines end at LF, CR or CRLF, as in the tokenizer; `scalarStarts` says which units begin a
/// character, so columns count Unicode scalars like everywhere else.
struct RawPosition {
    static func locate(
        count: Int, offset: Int, from start: Int = 0, unit: (Int) -> UInt32, scalarStarts: (Int) -> Bool
    ) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = start
        while i < offset && i < count {
            let u = unit(i)
            if u == 0x0A {
                line += 1
                column = 1
            } else if u == 0x0D {
                if i + 1 < count, unit(i + 1) == 0x0A, i + 1 < offset { i += 1 }
                line += 1
                column = 1
            } else if scalarStarts(i) {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }
}

private extension TextDecoder {
    static func reportInvalidUTF8(
        _ bytes: [UInt8], from start: Int, at offset: Int, path: String, diagnostics: DiagnosticSink
    ) {
        // Everything before `offset` is valid UTF-8, so continuation bytes never start a character.
        let (line, column) = RawPosition.locate(
            count: bytes.count, offset: offset, from: start,
            unit: { UInt32(bytes[$0]) }, scalarStarts: { bytes[$0] & 0xC0 != 0x80 })
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        diagnostics.emit(
            IngestID.invalidUTF8, .error,
            "the file is not valid UTF-8 (byte 0x\(hex) here) and is not plain Windows-1252 either; it was not read",
            at: SourceLocation(file: path, line: line, column: column), hint: saveAsUTF8)
    }

    // MARK: - Windows-1252

    /// Windows-1252 0x80...0x9F; 0 marks the five bytes the code page leaves undefined.
    static let cp1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: [UInt8], path: String, diagnostics: DiagnosticSink) -> DecodedText? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for (offset, b) in bytes.enumerated() {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar: UInt32 = b >= 0xA0 ? UInt32(b) : UInt32(cp1252High[Int(b - 0x80)])
            if scalar == 0 {
                // In Windows-1252 every byte is one character.
                let (line, column) = RawPosition.locate(
                    count: bytes.count, offset: offset, unit: { UInt32(bytes[$0]) }, scalarStarts: { _ in true })
                let hex = String(b, radix: 16, uppercase: true)
                diagnostics.emit(
                    IngestID.undecodable, .error,
                    "byte 0x\(hex) is neither UTF-8 nor Windows-1252; the file was not read",
                    at: SourceLocation(file: path, line: line, column: column), hint: saveAsUTF8)
                return nil
            }
            appendUTF8(scalar, to: &out)
        }
        diagnostics.emit(
            IngestID.encodingConverted, .info,
            "the file is not UTF-8; it was read as Windows-1252",
            at: SourceLocation(file: path), hint: saveAsUTF8)
        return DecodedText(bytes: out, start: 0, encoding: .windows1252)
    }

    // MARK: - UTF-16

    static func decodeUTF16(
        _ bytes: [UInt8], bigEndian: Bool, path: String, diagnostics: DiagnosticSink
    ) -> DecodedText? {
        let units = (bytes.count - 2) / 2
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            let a = UInt32(bytes[2 + 2 * k])
            let b = UInt32(bytes[3 + 2 * k])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        func fail(at k: Int, _ message: String) -> DecodedText? {
            // Low surrogates continue a character; everything else starts one.
            let (line, column) = RawPosition.locate(
                count: units, offset: k, unit: unit, scalarStarts: { !(0xDC00...0xDFFF).contains(unit($0)) })
            diagnostics.emit(
                IngestID.undecodable, .error, message + "; the file was not read",
                at: SourceLocation(file: path, line: line, column: column), hint: saveAsUTF8)
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(units + units / 4)
        var k = 0
        while k < units {
            let u = unit(k)
            switch u {
            case 0xD800...0xDBFF:
                guard k + 1 < units, case let v = unit(k + 1), (0xDC00...0xDFFF).contains(v) else {
                    return fail(at: k, "a UTF-16 high surrogate is not followed by a low one")
                }
                appendUTF8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out)
                k += 2
            case 0xDC00...0xDFFF:
                return fail(at: k, "a UTF-16 low surrogate stands alone")
            default:
                appendUTF8(u, to: &out)
                k += 1
            }
        }
        if (bytes.count - 2) % 2 != 0 {
            return fail(at: units, "the UTF-16 text ends in half a character")
        }
        return DecodedText(bytes: out, start: 0, encoding: bigEndian ? .utf16BE : .utf16LE)
    }

    @inline(__always)
    static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80:
            out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | s >> 6))
            out.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | s >> 12))
            out.append(UInt8(0x80 | s >> 6 & 0x3F))
            out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18))
            out.append(UInt8(0x80 | s >> 12 & 0x3F))
            out.append(UInt8(0x80 | s >> 6 & 0x3F))
            out.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
