import GovPackCore

/// The structural rules of `SubmissionSchema.validationXSD`, checked in Swift from the reader's
/// own events instead of by libxml2's XSD validator (which cost more than half of the read).
/// The rules come from the tables the XSD is generated from, so the two cannot drift; a test
/// runs both over a table of documents and holds them in agreement.
///
/// What is checked, as the XSD does:
/// - `submission` holds only `SubmissionSchema.topLevelEntities`, `project` only
///   `SubmissionSchema.projectEntities`, both in `urn:govpack:submission:1`; text in them must be
///   blank (and not CDATA).
/// - A row element has no content at all: no child element, no text (not even blanks).
/// - The root's `period` is empty or `YYYY-MM` once blanks are trimmed (`xs:token`).
/// - No checked element carries `xsi:nil` or `xsi:type` (no element is nillable or derived).
///
/// Findings are `ingest.xml.schema` errors at the line of the offending tag (for text: of its
/// first non-blank character), column 0, naming the element. As with libxml2, once an element
/// holds something it may not, the rest of that element's content is not checked.
/// One difference by design: text is reported once per run of text between two tags, where
/// libxml2 reports every piece the parser happens to deliver.
struct SubmissionStructure {
    /// Depth of the element whose remaining content goes unchecked; 0 when checking everything.
    private var quietFrom = 0
    /// The checked element at depth 2 (`project` or a row) and the row at depth 3 in a project.
    private var open2: Entity?
    private var open3: Entity?
    /// The current run of text was already reported.
    private var textReported = false

    static let xsiNamespace: StaticString = "http://www.w3.org/2001/XMLSchema-instance"

    /// A start tag at `depth` 2 or more; `allowed` says whether its name and namespace may appear
    /// in a `submission` (depth 2) or in a `project` (depth 3). Returns whether the element was
    /// checked and passed, so that its attributes are checked too.
    mutating func start(_ tag: XMLStartTag, depth: Int, entity: Entity?, allowed: Bool, reader: XMLStreamReader) -> Bool {
        textReported = false
        if quietFrom > 0, depth > quietFrom { return false }
        switch depth {
        case 2:
            if allowed, let entity {
                open2 = entity
                return true
            }
            notExpected(tag, inProject: false, reader)
        case 3 where open2 == .projects:
            if allowed, let entity {
                open3 = entity
                return true
            }
            notExpected(tag, inProject: true, reader)
        case 3:
            if let row = open2 { rowContent(row, found: tag, reader) }
        default:
            if let row = open3 { rowContent(row, found: tag, reader) }
        }
        quietFrom = depth - 1
        return false
    }

    /// An end tag at `depth`.
    mutating func end(depth: Int) {
        textReported = false
        if depth == quietFrom { quietFrom = 0 }
    }

    /// Text (or a CDATA section) in the element at `depth`.
    mutating func text(_ text: UnsafeBufferPointer<UInt8>, cdata: Bool, depth: Int, reader: XMLStreamReader) {
        if textReported || (quietFrom > 0 && depth >= quietFrom) { return }
        let row: Entity?
        switch depth {
        case 1: row = nil
        case 2: row = open2 == .projects ? nil : open2
        default: row = open3
        }
        if let row {
            textReported = true
            report(
                row.xmlElement,
                "Character content is not allowed, because the content type is empty: a <\(row.xmlElement)> carries its data in attributes, so write it as <\(row.xmlElement) ... />",
                line: reader.line(of: text), reader)
            return
        }
        if !cdata, !text.contains(where: { !XMLStreamReader.isBlank($0) }) { return }
        textReported = true
        let element = depth == 1 ? "submission" : "project"
        report(
            element,
            "Character content other than whitespace is not allowed because the content type is 'element-only': <\(element)> holds only elements; remove the text or put it in an attribute",
            line: reader.line(of: text), reader)
    }

    /// An attribute of a checked element that is in a namespace.
    func namespaced(_ a: XMLAttribute, of tag: XMLStartTag, reader: XMLStreamReader) {
        guard let ns = a.namespaceURI, XMLStreamReader.equal(ns, Self.xsiNamespace) else { return }
        if XMLStreamReader.equal(a.localName, "nil") {
            report(tag.name, "The element is not 'nillable': remove xsi:nil", line: tag.line, reader)
        } else if XMLStreamReader.equal(a.localName, "type") {
            report(
                tag.name, "attribute 'xsi:type': submission elements take no xsi:type ('\(a.string)'); remove it",
                line: tag.line, reader)
        }
    }

    /// The root's `period`, checked as `xs:token` against `SubmissionSchema.periodPattern`.
    func period(_ a: XMLAttribute, of tag: XMLStartTag, reader: XMLStreamReader) {
        guard !Self.isPeriod(a.value) else { return }
        report(
            "submission",
            "attribute 'period': The value '\(a.string)' is not a period; write the year and month as YYYY-MM (for example 2026-11), or leave it out",
            line: tag.line, reader)
    }

    /// Empty or `[0-9]{4}-[0-9]{2}` once XML blanks are trimmed from both ends.
    static func isPeriod(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var lo = 0
        var hi = value.count
        while lo < hi, XMLStreamReader.isBlank(value[lo]) { lo += 1 }
        while hi > lo, XMLStreamReader.isBlank(value[hi - 1]) { hi -= 1 }
        if lo == hi { return true }
        guard hi - lo == 7 else { return false }
        for i in 0..<7 {
            let c = value[lo + i]
            if i == 4 ? c != 0x2D : !(0x30...0x39).contains(c) { return false }
        }
        return true
    }

    // MARK: - Findings

    private func notExpected(_ tag: XMLStartTag, inProject: Bool, _ reader: XMLStreamReader) {
        let name = tag.name
        let message: String
        if tag.namespaceIs("urn:govpack:submission:1") {
            let expected = (inProject ? SubmissionSchema.projectEntities : SubmissionSchema.topLevelEntities)
                .map(\.xmlElement).joined(separator: ", ")
            message = "This element is not expected\(inProject ? " inside <project>" : ""). Expected is one of ( \(expected) )."
        } else {
            let ns = tag.namespaceURI.map { "in the namespace '\(String(cString: $0))'" } ?? "in no namespace"
            message = "This element is not expected: it is \(ns), and submission elements are in '\(SubmissionSchema.namespace)'."
            report(name, message, line: tag.line, reader,
                   hint: "declare the submission namespace on the root: <submission xmlns=\"\(SubmissionSchema.namespace)\" ...>")
            return
        }
        report(name, message, line: tag.line, reader,
               hint: "check the element's name and where it sits; " + Self.schemaHint)
    }

    private func rowContent(_ row: Entity, found tag: XMLStartTag, _ reader: XMLStreamReader) {
        report(
            row.xmlElement,
            "Element content is not allowed, because the content type is empty (found <\(tag.name)>): a <\(row.xmlElement)> carries its data in attributes and holds no elements",
            line: tag.line, reader)
    }

    /// What every structure finding adds: where to see the allowed structure.
    static let schemaHint = "'govpack schema' prints the submission schema (xmllint --schema checks a file against it)"

    private func report(_ element: String, _ message: String, line: Int, _ reader: XMLStreamReader,
                        hint: String = SubmissionStructure.schemaHint) {
        let separator = message.hasPrefix("attribute") ? ", " : ": "
        reader.report(
            IngestID.xmlSchema, .error, "Element '\(element)'\(separator)\(message)",
            at: reader.location(line: line, element: element), hint: hint)
    }
}
