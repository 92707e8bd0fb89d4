import CLibXML2
import Foundation
import GovPackCore

/// A start tag as libxml2 reports it. Only valid during `XMLStreamHandler.startElement`:
/// names and values point into the parser's buffers.
struct XMLStartTag {
    /// Interned in the parser's dictionary: the same name has the same address for the whole parse.
    let localName: UnsafePointer<UInt8>
    let namespaceURI: UnsafePointer<UInt8>?
    let attributeCount: Int
    /// Line and column (Unicode scalars, 1-based) of the tag's `<`; column 0 when unknown.
    let line: Int
    let column: Int
    fileprivate let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    fileprivate let tagStart: UnsafePointer<UInt8>?
    fileprivate let bufferEnd: UnsafePointer<UInt8>?
    /// The tag is on one line and ASCII: a value's column is its byte distance from the `<`.
    fileprivate let simple: Bool

    var name: String { String(cString: localName) }

    func nameIs(_ s: StaticString) -> Bool { XMLStreamReader.equal(localName, s) }

    func namespaceIs(_ s: StaticString) -> Bool {
        guard let namespaceURI else { return false }
        return XMLStreamReader.equal(namespaceURI, s)
    }

    /// Calls `body` for each attribute in document order, with the line and column of its value.
    func forEachAttribute(_ body: (XMLAttribute) -> Void) {
        guard let attributes, attributeCount > 0 else { return }
        // Attribute values normally point into the parser's buffer, in document order, so their
        // positions are found by one forward scan from the `<`.
        var line = self.line
        var column = self.column
        var scan = tagStart
        for i in 0..<attributeCount {
            let base = attributes + 5 * i
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            var valueLine = self.line
            var valueColumn = 0
            if simple, let t = tagStart, let bufferEnd, start > t, start < bufferEnd, self.column > 0 {
                valueColumn = self.column + (start - t)
            } else if let s = scan, let bufferEnd, start > s, start < bufferEnd, column > 0 {
                var p = s
                while p < start {
                    let c = p.pointee
                    if c == 0x0A {
                        line += 1
                        column = 1
                    } else if c & 0xC0 != 0x80 {
                        column += 1
                    }
                    p += 1
                }
                scan = start
                valueLine = line
                valueColumn = column
            }
            let count = end - start
            let value = UnsafeBufferPointer(start: start, count: count)
            func attribute(_ v: UnsafeBufferPointer<UInt8>) {
                body(XMLAttribute(
                    localName: name, namespaceURI: base[2], value: v, line: valueLine, column: valueColumn))
            }
            if memchr(start, 0x26, count) == nil {
                attribute(value)
            } else {
                // Without entity substitution libxml2 hands '&' over as the reference "&#38;".
                let decoded = XMLStreamReader.decodeAmpersands(value)
                decoded.withUnsafeBufferPointer { attribute($0) }
            }
        }
    }
}

/// One attribute of a start tag; valid only during the call that receives it.
struct XMLAttribute {
    let localName: UnsafePointer<UInt8>
    let namespaceURI: UnsafePointer<UInt8>?
    let value: UnsafeBufferPointer<UInt8>
    /// Where the value starts (after the quote); column 0 when libxml2 rewrote the value.
    let line: Int
    let column: Int

    var name: String { String(cString: localName) }
    var string: String { String(decoding: value, as: UTF8.self) }
}

/// What a format reader does with the events of one document.
protocol XMLStreamHandler: AnyObject {
    func startElement(_ tag: XMLStartTag, reader: XMLStreamReader)
    func endElement(reader: XMLStreamReader)
    func characters(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader)
    /// The content of a `<![CDATA[...]]>` section; by default the same as other text.
    func cdata(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader)
}

extension XMLStreamHandler {
    func characters(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader) {}
    func cdata(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader) { characters(text, reader: reader) }
}

/// A streaming, hardened XML parser over libxml2's SAX2 push interface: no tree is ever built,
/// memory stays bounded by the chunk size, and a compiled XSD can validate while reading.
///
/// Why SAX2 and not `xmlTextReader`: the text reader builds (and frees) a node per element,
/// halving throughput with validation, and cannot say where a start tag begins; here every
/// element and attribute gets its true line and column, also past line 65535.
///
/// Safety: the parser never uses the network (`XML_PARSE_NONET`), never substitutes entities
/// (no `XML_PARSE_NOENT`), never loads or validates DTDs, never processes XInclude, keeps the
/// default size limits (no `XML_PARSE_HUGE`), and refuses any document with a `<!DOCTYPE>`:
/// the SAX callback for the doctype stops the parser before any declaration in it is read.
/// A process-wide external entity loader that refuses everything backs this up.
final class XMLStreamReader {
    enum Outcome: Equatable {
        /// The whole document was read (it may still have had schema errors).
        case complete
        /// Not well-formed: nothing after the fault was delivered.
        case malformed
        /// Refused: DOCTYPE or entity declarations (`ingest.xml.doctype_refused`), XInclude, a wrong root.
        case refused
        /// The handler stopped the parse.
        case stopped
    }

    let path: String
    let fileID: UInt32
    let diagnostics: DiagnosticSink
    /// Most errors reported per document, so a systematically wrong file stays readable.
    var errorLimit = 100

    /// Depth of the current element: 1 inside the root's start tag.
    private(set) var depth = 0
    private var ctxt: xmlParserCtxtPtr?
    /// The current parse's handler, kept alive by `run`'s caller; not reference-counted per event.
    private unowned(unsafe) var handler: XMLStreamHandler = NoHandler.shared
    private var outcome = Outcome.complete
    private var reportedErrors = 0
    private var droppedErrors = 0

    /// Chunk size fed to the parser: large enough for speed, small enough to stop early.
    static let chunkSize = 256 * 1024

    static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOXINCNODE.rawValue)

    init(path: String, fileID: UInt32, diagnostics: DiagnosticSink) {
        self.path = path
        self.fileID = fileID
        self.diagnostics = diagnostics
        LibXML.setUp()
    }

    // MARK: - Parsing

    /// Parses `bytes`, calling `handler`; validates against `schema` when given.
    func parse(_ bytes: UnsafeRawBufferPointer, schema: XMLCompiledSchema?, handler: XMLStreamHandler) -> Outcome {
        var offset = 0
        return run(schema: schema, handler: handler) { push in
            while offset < bytes.count {
                let n = min(Self.chunkSize, bytes.count - offset)
                guard push(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])) else { return }
                offset += n
            }
        }
    }

    /// Parses the file at `filePath` in chunks (never whole in memory). Returns nil when the file
    /// cannot be opened, after reporting it.
    func parse(file filePath: String, schema: XMLCompiledSchema?, handler: XMLStreamHandler) -> Outcome? {
        guard let f = fopen(filePath, "rb") else {
            let reason = String(cString: strerror(errno))
            diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot read the file: \(reason)",
                at: SourceLocation(file: path))
            return nil
        }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var readFailed = false
        let result = run(schema: schema, handler: handler) { push in
            while true {
                let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
                if n == 0 {
                    readFailed = ferror(f) != 0
                    return
                }
                let more = buffer.withUnsafeBytes { push(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                if !more { return }
            }
        }
        if readFailed {
            diagnostics.emit(
                IngestID.fileUnreadable, .error, "reading the file failed part way through",
                at: SourceLocation(file: path))
        }
        return result
    }

    /// Stops the parse after the current event; nothing more is delivered.
    func stop() {
        if outcome == .complete { outcome = .stopped }
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// Refuses the document for safety with `id` and stops.
    func refuse(_ id: String, _ message: String, line: Int, column: Int = 0, hint: String? = nil) {
        if outcome != .refused {
            diagnostics.emit(id, .error, message, at: location(line: line, column: column), hint: hint)
        }
        outcome = .refused
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// True when `name` lives in the parser's dictionary, so its address is stable for the parse.
    func isInterned(_ name: UnsafePointer<UInt8>) -> Bool {
        guard let dict = govpack_dict(ctxt) else { return false }
        return xmlDictOwns(dict, name) == 1
    }

    /// The parser's current line: in `endElement`, the line of the end tag.
    var currentLine: Int { Int(govpack_input_line(ctxt)) }

    /// In `characters` or `cdata`: the line of `text`'s first character that is not an XML blank,
    /// or of its start when it is all blanks. libxml2 delivers text once it has read past it, so
    /// the parser's line is the line of the text's end.
    func line(of text: UnsafeBufferPointer<UInt8>) -> Int {
        var newlines = 0
        var beforeContent: Int?
        for c in text {
            if beforeContent == nil, !Self.isBlank(c) { beforeContent = newlines }
            if c == 0x0A { newlines += 1 }
        }
        return max(1, currentLine - newlines + (beforeContent ?? 0))
    }

    /// XML's white space: space, tab, line feed, carriage return.
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    func location(line: Int, column: Int = 0, element: String? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column, element: element)
    }

    /// Reports an error unless the per-document limit is reached.
    func report(_ id: String, _ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        guard reportedErrors < errorLimit else {
            droppedErrors += 1
            return
        }
        reportedErrors += 1
        diagnostics.emit(id, severity, message, at: location, hint: hint)
    }

    private func run(
        schema: XMLCompiledSchema?, handler: XMLStreamHandler,
        feed: (_ push: (UnsafeRawBufferPointer) -> Bool) -> Void
    ) -> Outcome {
        self.handler = handler
        defer { self.handler = NoHandler.shared }
        outcome = .complete
        depth = 0
        reportedErrors = 0
        droppedErrors = 0
        let me = Unmanaged.passUnretained(self).toOpaque()
        var sax = LibXML.saxHandler

        // Errors of this thread go to this parse; cleared again when it ends.
        xmlSetStructuredErrorFunc(me, LibXML.structuredError)
        govpack_silence_generic_errors()
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        var started = false
        var validation: (ctxt: xmlSchemaValidCtxtPtr, plug: xmlSchemaSAXPlugPtr)?
        defer {
            if let validation {
                xmlSchemaSAXUnplug(validation.plug)
                xmlSchemaFreeValidCtxt(validation.ctxt)
            }
            if let ctxt { xmlFreeParserCtxt(ctxt) }
            ctxt = nil
        }

        func push(_ chunk: UnsafeRawBufferPointer) -> Bool {
            guard !chunk.isEmpty else { return true }
            let bytes = chunk.bindMemory(to: CChar.self)
            var rest = bytes
            if !started {
                // libxml2 detects the encoding from the first four bytes given at creation.
                let first = min(4, bytes.count)
                guard let c = xmlCreatePushParserCtxt(&sax, me, bytes.baseAddress, Int32(first), path) else {
                    outcome = .malformed
                    diagnostics.emit(
                        IngestID.xmlMalformed, .error, "the XML parser could not start on this file (unknown encoding?)",
                        at: location(line: 0))
                    return false
                }
                ctxt = c
                xmlCtxtUseOptions(c, Self.parseOptions)
                if let schema, let v = xmlSchemaNewValidCtxt(schema.pointer) {
                    xmlSchemaSetValidStructuredErrors(v, LibXML.structuredError, me)
                    // Without a locator streaming validation knows no lines at all.
                    xmlSchemaValidateSetLocator(v, LibXML.schemaLocator, me)
                    if let plug = govpack_schema_plug(v, c) {
                        validation = (v, plug)
                    } else {
                        xmlSchemaFreeValidCtxt(v)
                    }
                }
                started = true
                rest = UnsafeBufferPointer(rebasing: bytes[first...])
            }
            guard let ctxt, outcome == .complete else { return false }
            if !rest.isEmpty {
                xmlParseChunk(ctxt, rest.baseAddress, Int32(rest.count), 0)
            }
            return outcome == .complete && govpack_well_formed(ctxt) != 0
        }

        feed(push)
        if !started {
            diagnostics.emit(IngestID.fileEmpty, .error, "the file is empty", at: location(line: 0))
            return .malformed
        }
        if let ctxt, outcome == .complete {
            xmlParseChunk(ctxt, nil, 0, 1)
            if govpack_well_formed(ctxt) == 0 { outcome = .malformed }
        }
        if droppedErrors > 0 {
            diagnostics.emit(
                IngestID.xmlSchema, .info,
                "\(droppedErrors) more errors in this file are not shown", at: location(line: 0))
        }
        return outcome
    }

    // MARK: - Events from libxml2

    fileprivate func startElement(
        localName: UnsafePointer<UInt8>, uri: UnsafePointer<UInt8>?, count: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard outcome == .complete else { return }
        depth += 1
        let (line, column, tagStart, simple) = tagPosition()
        if let uri, Self.equal(uri, "http://www.w3.org/2001/XInclude") || Self.equal(uri, "http://www.w3.org/2003/XInclude") {
            refuse(
                IngestID.xmlUnknownElement,
                "XInclude (<\(String(cString: localName))>) is not accepted: put the content in the document itself",
                line: line, column: column)
            return
        }
        let tag = XMLStartTag(
            localName: localName, namespaceURI: uri, attributeCount: count, line: line, column: column,
            attributes: attributes, tagStart: tagStart, bufferEnd: govpack_input_end(ctxt), simple: simple)
        handler.startElement(tag, reader: self)
    }

    fileprivate func endElement() {
        guard outcome == .complete else { return }
        handler.endElement(reader: self)
        depth -= 1
    }

    fileprivate func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard outcome == .complete else { return }
        handler.characters(text, reader: self)
    }

    fileprivate func cdata(_ text: UnsafeBufferPointer<UInt8>) {
        guard outcome == .complete else { return }
        handler.cdata(text, reader: self)
    }

    fileprivate func doctype() {
        refuse(
            IngestID.xmlDoctype,
            "DOCTYPE and entity declarations are not accepted; remove the <!DOCTYPE ...> block",
            line: currentLine,
            hint: "govpack never reads DTDs or entities, so that a file cannot pull in other files or expand without bound")
    }

    fileprivate func error(_ e: xmlError) {
        if e.code == Int32(XML_ERR_USER_STOP.rawValue) || outcome == .refused { return }
        let message = e.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown XML error"
        if e.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            let element = Self.schemaElement(in: message)
            report(
                IngestID.xmlSchema, .error, Self.plainSchemaMessage(message),
                at: location(line: Int(e.line), element: element))
            return
        }
        guard e.level != XML_ERR_WARNING else { return }
        if e.level == XML_ERR_FATAL {
            guard outcome == .complete else { return }
            outcome = .malformed
            diagnostics.emit(
                IngestID.xmlMalformed, .error, "the XML is not well-formed: \(message)",
                at: location(line: Int(e.line), column: Int(e.int2)),
                hint: "nothing after this point was read")
        } else {
            report(
                IngestID.xmlMalformed, .error, "the XML is not well-formed: \(message)",
                at: location(line: Int(e.line), column: Int(e.int2)))
        }
    }

    /// Line and column of the current start tag's `<`, found by scanning back from the parser's
    /// position (a `<` cannot occur inside attribute values), and the `<` itself.
    fileprivate func tagPosition() -> (line: Int, column: Int, tagStart: UnsafePointer<UInt8>?, simple: Bool) {
        let line = Int(govpack_input_line(ctxt))
        guard let base = govpack_input_base(ctxt), let cur = govpack_input_cur(ctxt), cur > base else {
            return (line, 0, nil, false)
        }
        // A `<` cannot occur inside attribute values, so the last one before `cur` opens this tag.
        guard let at = Self.lastIndex(of: 0x3C, in: base, count: cur - base) else { return (line, 0, nil, false) }
        let p = base + at
        let length = cur - p
        var newlines = 0
        if memchr(p, 0x0A, length) != nil {
            for i in 0..<length where p[i] == 0x0A { newlines += 1 }
        }
        let nonASCII = Self.hasNonASCII(p, length)
        let tagStart = p
        if newlines == 0 {
            // The parser keeps the column of its position even when the line's start has been
            // dropped from the buffer (long one-line exports).
            var scalars = cur - tagStart
            if nonASCII {
                scalars = 0
                var q = tagStart
                while q < cur {
                    if q.pointee & 0xC0 != 0x80 { scalars += 1 }
                    q += 1
                }
            }
            let col = Int(govpack_input_col(ctxt)) - scalars
            return (line, col > 0 ? col : 0, tagStart, !nonASCII)
        }
        var column = 1
        var q = tagStart
        while q > base, (q - 1).pointee != 0x0A {
            q -= 1
            if q.pointee & 0xC0 != 0x80 { column += 1 }
        }
        if q == base, govpack_input_at_start(ctxt) == 0 { column = 0 }
        return (line - newlines, column, tagStart, false)
    }

    // MARK: - Helpers

    /// The offset of the last `byte` among `count` bytes from `base`; eight at a time.
    static func lastIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, count: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = UInt64(byte) &* ones
        let raw = UnsafeRawPointer(base)
        var i = count
        while i >= 8 {
            let v = raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self) ^ pattern
            if (v &- ones) & ~v & 0x8080_8080_8080_8080 != 0 {
                for j in stride(from: i - 1, through: i - 8, by: -1) where base[j] == byte { return j }
            }
            i -= 8
        }
        while i > 0 {
            i -= 1
            if base[i] == byte { return i }
        }
        return nil
    }

    /// True when any of `count` bytes from `p` is not ASCII; eight at a time.
    static func hasNonASCII(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
            i += 8
        }
        while i < count {
            if p[i] >= 0x80 { return true }
            i += 1
        }
        return false
    }

    static func equal(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
        s.withUTF8Buffer { b in
            for i in 0..<b.count where p[i] != b[i] { return false }
            return p[b.count] == 0
        }
    }

    static func decodeAmpersands(_ v: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        let ref: [UInt8] = Array("&#38;".utf8)
        var i = 0
        while i < v.count {
            if v[i] == 0x26, i + ref.count <= v.count, Array(v[i..<(i + ref.count)]) == ref {
                out.append(0x26)
                i += ref.count
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    /// `Element '{urn:x}risk', attribute 'p': ...` names the element `risk`.
    static func schemaElement(in message: String) -> String? {
        guard message.hasPrefix("Element '"), let close = message.dropFirst(9).firstIndex(of: "'") else { return nil }
        var name = message[message.index(message.startIndex, offsetBy: 9)..<close]
        if let brace = name.lastIndex(of: "}") { name = name[name.index(after: brace)...] }
        return String(name)
    }

    /// Drops namespace URIs in braces so messages read `Element 'risk'` rather than
    /// `Element '{urn:govpack:submission:1}risk'`.
    static func plainSchemaMessage(_ message: String) -> String {
        var out = ""
        var inBraces = false
        for ch in message {
            if ch == "{" { inBraces = true; continue }
            if ch == "}" && inBraces { inBraces = false; continue }
            if !inBraces { out.append(ch) }
        }
        return out
    }
}

// MARK: - libxml2 set-up and C callbacks

private final class NoHandler: XMLStreamHandler {
    static let shared = NoHandler()
    func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {}
    func endElement(reader: XMLStreamReader) {}
}

/// A compiled XSD, shared read-only by every parse (libxml2 allows concurrent validation contexts
/// on one schema).
final class XMLCompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    /// Compiles `xsd`; nil with libxml2's messages when it is not a valid schema.
    static func compile(_ xsd: String) -> (XMLCompiledSchema?, [String]) {
        LibXML.setUp()
        final class Messages { var list: [String] = [] }
        let messages = Messages()
        var bytes = Array(xsd.utf8)
        let schema: xmlSchemaPtr? = bytes.withUnsafeMutableBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                guard let pc = xmlSchemaNewMemParserCtxt(c.baseAddress, Int32(c.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(pc) }
                let box = Unmanaged.passUnretained(messages).toOpaque()
                xmlSchemaSetParserStructuredErrors(pc, { data, error in
                    guard let data, let error, let m = error.pointee.message else { return }
                    Unmanaged<Messages>.fromOpaque(data).takeUnretainedValue().list.append(String(cString: m))
                }, box)
                return xmlSchemaParse(pc)
            }
        }
        return (schema.map(XMLCompiledSchema.init(pointer:)), messages.list)
    }

    private init(pointer: xmlSchemaPtr) { self.pointer = pointer }
}

enum LibXML {
    private static let once: Void = {
        xmlInitParser()
        // Defence in depth: nothing may ever load an external entity or DTD in this process.
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static func setUp() { _ = once }

    static let structuredError: xmlStructuredErrorFunc = { data, error in
        guard let data, let error else { return }
        Unmanaged<XMLStreamReader>.fromOpaque(data).takeUnretainedValue().error(error.pointee)
    }

    /// Schema errors are raised at the end of a start tag (or at an end tag): they get the line
    /// of that tag's `<`.
    static let schemaLocator: xmlSchemaValidityLocatorFunc = { ctx, file, line in
        guard let r = reader(ctx) else { return -1 }
        file?.pointee = nil
        line?.pointee = UInt(max(0, r.tagPosition().line))
        return 0
    }

    private static func reader(_ ctx: UnsafeMutableRawPointer?) -> XMLStreamReader? {
        ctx.map { Unmanaged<XMLStreamReader>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The SAX2 callbacks: elements and text only; every DTD callback refuses the document.
    static let saxHandler: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localName, _, uri, _, _, count, _, attributes in
            guard let localName else { return }
            guard let ctx else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.startElement(localName: localName, uri: uri, count: Int(count), attributes: attributes)
            }
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        sax.characters = { ctx, ch, len in
            guard let ch, len > 0, let ctx else { return }
            // Called for the blanks between every two elements: no retain of the reader per call.
            Unmanaged<XMLStreamReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
            }
        }
        sax.cdataBlock = { ctx, ch, len in
            guard let ch, len > 0, let ctx else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.cdata(UnsafeBufferPointer(start: ch, count: Int(len)))
            }
        }
        sax.internalSubset = { ctx, _, _, _ in reader(ctx)?.doctype() }
        sax.externalSubset = { ctx, _, _, _ in reader(ctx)?.doctype() }
        sax.entityDecl = { ctx, _, _, _, _, _ in reader(ctx)?.doctype() }
        sax.unparsedEntityDecl = { ctx, _, _, _, _ in reader(ctx)?.doctype() }
        sax.getEntity = { _, name in name.flatMap { xmlGetPredefinedEntity($0) } }
        sax.getParameterEntity = { _, _ in nil }
        sax.resolveEntity = { _, _, _ in nil }
        return sax
    }()
}
