import GovPackCore

/// Which reader an XML file went to.
public enum XMLDocumentFormat: Sendable, Equatable {
    /// `urn:govpack:submission:1`, with its root attributes.
    case submission(SubmissionHeader)
    /// A Microsoft Project export.
    case mspdi
}

/// Reads any `*.xml` input: its root element decides the reader (`submission-format.md`, "How a
/// submission arrives"); any other root is an `ingest.xml.unknown_root` error naming it.
public enum XMLDocumentReader {
    /// Reads the file at `filePath` (`path` is how diagnostics name it). Returns nil when the file
    /// was not read as either format; the reason is in `diagnostics`.
    @discardableResult
    public static func read(
        file filePath: String, fileID: UInt32, path: String, mspdi: MSPDIOptions, sink: RowSink,
        diagnostics: DiagnosticSink
    ) -> XMLDocumentFormat? {
        let root = XMLRoot.sniff(file: filePath)
        switch (root?.namespace, root?.localName) {
        case (MSPDIReader.namespace?, "Project"?):
            MSPDIReader.read(
                file: filePath, fileID: fileID, path: path, options: mspdi, sink: sink, diagnostics: diagnostics)
            return .mspdi
        case (let ns?, let name?) where !(ns == SubmissionSchema.namespace && name == "submission"):
            diagnostics.emit(
                IngestID.xmlUnknownRoot, .error,
                "the root element <\(name)> (namespace \(ns)) is neither a govpack submission nor a Microsoft Project export",
                at: SourceLocation(file: path, line: 0),
                hint: "govpack reads <submission xmlns=\"\(SubmissionSchema.namespace)\"> and <Project xmlns=\"\(MSPDIReader.namespace)\">")
            return nil
        default:
            // A submission, or no root found (refused, malformed, unreadable, no namespace): the
            // submission reader reports the precise reason with its location.
            return SubmissionXMLReader.read(
                file: filePath, fileID: fileID, path: path, sink: sink, diagnostics: diagnostics
            ).map(XMLDocumentFormat.submission)
        }
    }
}
