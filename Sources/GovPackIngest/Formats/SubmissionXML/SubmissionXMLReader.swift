import GovPackCore

/// The root attributes of a `submission` document.
public struct SubmissionHeader: Sendable, Equatable {
    /// `period`, as written (the typing layer does not see it; callers check it).
    public var period: String?
    public var team: String?
    /// Where the `<submission>` start tag is.
    public var line: Int

    public init(period: String? = nil, team: String? = nil, line: Int) {
        self.period = period
        self.team = team
        self.line = line
    }
}

/// Reads `urn:govpack:submission:1` documents, streaming, into a `RowSink`.
///
/// Policy:
/// - The document's structure is checked while it is read (`SubmissionStructure`: the rules of
///   `SubmissionSchema.validationXSD`: elements, their placement, the root's attributes); errors
///   are `ingest.xml.schema` errors with the true line and the element. Attribute values of rows are
///   typed by the typing layer, which reports a bad or missing value once, at the attribute's
///   own column, so the validator leaves them (and missing required attributes) to it; the rows
///   still go through. Teams validate values too with the published, typed `SubmissionSchema.xsd`.
/// - A document that is not well-formed delivers nothing after the fault (rows before it were
///   already delivered). A DOCTYPE is refused before the root, so nothing is delivered; an
///   XInclude element stops the read where it stands, including nothing.
/// - Rows nested in a `project` take `project_id` (for `dependency`: `from_project_id`) from it,
///   located at the project's attribute. A nested row that names a different project is an error
///   and keeps its parent's id.
/// - Elements the schema does not allow are skipped with their content (the structure check reports them;
///   with validation off they are reported as `ingest.xml.unknown_element`).
public enum SubmissionXMLReader {
    /// Reads a document held in memory. Returns the root's attributes, or nil when the document is
    /// not a submission (reported) or was refused before its root.
    @discardableResult
    public static func read(
        _ bytes: [UInt8], fileID: UInt32, path: String, sink: RowSink, diagnostics: DiagnosticSink,
        validate: Bool = true
    ) -> SubmissionHeader? {
        let (reader, handler) = make(fileID: fileID, path: path, sink: sink, diagnostics: diagnostics, validate: validate)
        _ = bytes.withUnsafeBytes { reader.parse($0, schema: nil, handler: handler) }
        return handler.header
    }

    /// Reads the file at `filePath` in chunks; `path` is how diagnostics name it.
    @discardableResult
    public static func read(
        file filePath: String, fileID: UInt32, path: String, sink: RowSink, diagnostics: DiagnosticSink,
        validate: Bool = true
    ) -> SubmissionHeader? {
        let (reader, handler) = make(fileID: fileID, path: path, sink: sink, diagnostics: diagnostics, validate: validate)
        _ = reader.parse(file: filePath, schema: nil, handler: handler)
        return handler.header
    }

    private static func make(
        fileID: UInt32, path: String, sink: RowSink, diagnostics: DiagnosticSink, validate: Bool
    ) -> (XMLStreamReader, SubmissionHandler) {
        let reader = XMLStreamReader(path: path, fileID: fileID, diagnostics: diagnostics)
        return (reader, SubmissionHandler(sink: sink, fileID: fileID, validate: validate))
    }
}

// MARK: - The handler

private final class SubmissionHandler: XMLStreamHandler {
    let sink: RowSink
    let fileID: UInt32
    let validate: Bool
    var header: SubmissionHeader?
    /// The structure check, when validating.
    private var structure = SubmissionStructure()

    /// Depth below which everything is skipped (an unknown element's content); 0 when not skipping.
    private var skipBelow = 0
    /// The enclosing project while inside one (depth 2).
    private var project: (id: [UInt8], line: Int, column: Int)?
    private var inProject = false
    /// What is known about an element name, by the name's address (libxml2 interns names, so the
    /// address is stable for the parse): its entity and its attributes' slots by name address.
    private final class ElementInfo {
        let entity: Entity?
        /// Attribute-name addresses and their slots, in the order last seen: documents repeat
        /// attributes in the same order, so the expected position is tried first.
        var names: [UnsafeRawPointer] = []
        var slots: [Int] = []

        func slot(_ name: UnsafeRawPointer, at position: Int) -> Int? {
            if position < names.count, names[position] == name { return slots[position] }
            for i in names.indices where names[i] == name { return slots[i] }
            return nil
        }

        func remember(_ name: UnsafeRawPointer, _ slot: Int, at position: Int) {
            if let i = names.firstIndex(of: name) {
                slots[i] = slot
            } else if position < names.count {
                names.insert(name, at: position)
                slots.insert(slot, at: position)
            } else {
                names.append(name)
                slots.append(slot)
            }
        }
        var inheritedSlot: Int?
        /// Whether the schema allows the element in `submission`, and in `project`.
        let allowedAtTop: Bool
        let allowedInProject: Bool
        init(entity: Entity?) {
            self.entity = entity
            allowedAtTop = entity.map(SubmissionSchema.topLevelEntities.contains) ?? false
            allowedInProject = entity.map(SubmissionSchema.projectEntities.contains) ?? false
        }
    }
    /// Element names met, by address, with what is known about them: a document has a dozen
    /// distinct names, so a scan from the last one found beats hashing every start tag.
    private var elementNames: [UnsafeRawPointer] = []
    private var elementInfos: [ElementInfo] = []
    private var lastElement = 0
    /// The submission namespace's address in the parser's dictionary, once met: libxml2 interns
    /// namespace names too, so one comparison of addresses replaces a string comparison per tag.
    private var namespaceKey: UnsafeRawPointer?

    init(sink: RowSink, fileID: UInt32, validate: Bool) {
        self.sink = sink
        self.fileID = fileID
        self.validate = validate
    }

    func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {
        let depth = reader.depth
        if skipBelow > 0, depth > skipBelow { return }
        switch depth {
        case 1:
            guard tag.nameIs("submission"), tag.namespaceIs("urn:govpack:submission:1") else {
                let ns = tag.namespaceURI.map { String(cString: $0) } ?? "no namespace"
                reader.refuse(
                    IngestID.xmlUnknownRoot,
                    "the root element <\(tag.name)> (\(ns)) is not a govpack submission; expected <submission xmlns=\"urn:govpack:submission:1\">",
                    line: tag.line, column: tag.column)
                return
            }
            var h = SubmissionHeader(line: tag.line)
            tag.forEachAttribute { a in
                guard a.namespaceURI == nil else {
                    if validate { structure.namespaced(a, of: tag, reader: reader) }
                    return
                }
                let value = a.string.trimmingCharacters(in: .whitespaces)
                switch a.name {
                case "period":
                    if validate { structure.period(a, of: tag, reader: reader) }
                    h.period = value.isEmpty ? nil : value
                case "team": h.team = value.isEmpty ? nil : value
                default: break
                }
            }
            header = h
        case 2:
            let info = info(tag, reader)
            let checked = validate && structure.start(
                tag, depth: 2, entity: info?.entity, allowed: info?.allowedAtTop ?? false, reader: reader)
            guard let info, let entity = info.entity else { return skip(tag, depth, reader) }
            if entity == .projects {
                project = nil
                inProject = true
                deliver(info, entity, tag, reader, inherited: nil, checked: checked) { a in
                    if XMLStreamReader.equal(a.localName, "project_id") {
                        self.project = (Array(a.value), a.line, a.column)
                    }
                }
            } else {
                deliver(info, entity, tag, reader, inherited: nil, checked: checked)
            }
        case 3 where inProject:
            let info = info(tag, reader)
            let allowed = info?.allowedInProject ?? false
            let checked = validate && structure.start(
                tag, depth: 3, entity: info?.entity, allowed: allowed, reader: reader)
            guard let info, let entity = info.entity, allowed else { return skip(tag, depth, reader) }
            deliver(info, entity, tag, reader, inherited: reader, checked: checked)
        default:
            if validate { _ = structure.start(tag, depth: depth, entity: nil, allowed: false, reader: reader) }
            skip(tag, depth, reader)
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader) {
        if validate { structure.text(text, cdata: false, depth: reader.depth, reader: reader) }
    }

    func cdata(_ text: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader) {
        if validate { structure.text(text, cdata: true, depth: reader.depth, reader: reader) }
    }

    func endElement(reader: XMLStreamReader) {
        let depth = reader.depth
        if validate { structure.end(depth: depth) }
        if skipBelow > 0 {
            if depth == skipBelow { skipBelow = 0 }
            return
        }
        if depth == 2 {
            inProject = false
            project = nil
        }
    }

    // MARK: - Rows

    private func info(_ tag: XMLStartTag, _ reader: XMLStreamReader) -> ElementInfo? {
        guard let uri = tag.namespaceURI else { return nil }
        if UnsafeRawPointer(uri) != namespaceKey {
            guard tag.namespaceIs("urn:govpack:submission:1") else { return nil }
            if reader.isInterned(uri) { namespaceKey = UnsafeRawPointer(uri) }
        }
        let key = UnsafeRawPointer(tag.localName)
        let n = elementNames.count
        var k = lastElement
        for _ in 0..<n {
            if elementNames[k] == key {
                lastElement = k
                return elementInfos[k]
            }
            k = k + 1 == n ? 0 : k + 1
        }
        let info = ElementInfo(entity: Entity(xmlElement: tag.name))
        if reader.isInterned(tag.localName) {
            elementNames.append(key)
            elementInfos.append(info)
        }
        return info
    }

    private func skip(_ tag: XMLStartTag, _ depth: Int, _ reader: XMLStreamReader) {
        skipBelow = depth
        if !validate {
            reader.report(
                IngestID.xmlUnknownElement, .error,
                "<\(tag.name)> is not a submission element here; it was skipped with its content",
                at: reader.location(line: tag.line, column: tag.column, element: tag.name))
        }
    }

    /// One row: the start tag's attributes become fields; `inherited` (the reader) is given for a
    /// row nested in a project, which takes its project column from the project.
    private func deliver(
        _ info: ElementInfo, _ entity: Entity, _ tag: XMLStartTag, _ reader: XMLStreamReader,
        inherited: XMLStreamReader?, checked: Bool,
        also: ((XMLAttribute) -> Void)? = nil
    ) {
        sink.beginRow(entity, file: fileID, line: tag.line, column: tag.column)
        let fromProject = entity == .dependencies
        if inherited != nil, let project {
            let slot = info.inheritedSlot ?? sink.slot(for: entity, named: SubmissionSchema.inheritedColumn(entity))
            info.inheritedSlot = slot
            project.id.withUnsafeBufferPointer {
                sink.field(slot: slot, value: $0, line: project.line, column: project.column)
            }
        }
        var position = -1
        tag.forEachAttribute { a in
            position += 1
            guard a.namespaceURI == nil else {
                if checked { structure.namespaced(a, of: tag, reader: reader) }
                return
            }
            also?(a)
            if inherited != nil,
                fromProject
                    ? XMLStreamReader.equal(a.localName, "from_project_id")
                    : XMLStreamReader.equal(a.localName, "project_id")
            {
                conflict(entity, tag, a, SubmissionSchema.inheritedColumn(entity), reader)
                return
            }
            let key = UnsafeRawPointer(a.localName)
            let slot: Int
            if let s = info.slot(key, at: position) {
                slot = s
            } else {
                slot = sink.slot(for: entity, named: String(cString: a.localName))
                // Only names interned by the parser keep their address for the whole parse.
                if reader.isInterned(a.localName) { info.remember(key, slot, at: position) }
            }
            sink.field(slot: slot, value: a.value, line: a.line, column: a.column)
        }
        sink.endRow()
    }

    /// A nested row naming its project itself: fine when it is the same project.
    private func conflict(_ entity: Entity, _ tag: XMLStartTag, _ a: XMLAttribute, _ column: String, _ reader: XMLStreamReader) {
        let own = a.string.trimmingCharacters(in: .whitespaces)
        let parent = project.map { String(decoding: $0.id, as: UTF8.self).trimmingCharacters(in: .whitespaces) } ?? ""
        guard own != parent else { return }
        reader.report(
            IngestID.xmlSchema, .error,
            "<\(tag.name)> says \(column)=\"\(own)\" inside the <project> \"\(parent)\"; rows inside a project belong to it",
            at: reader.location(line: a.line, column: a.column, element: tag.name),
            hint: "move the element under its own <project>, or to the top level with its \(column)")
    }
}
