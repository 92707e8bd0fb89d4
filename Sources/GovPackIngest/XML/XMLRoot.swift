import Foundation
import GovPackCore

/// Recognises an XML file by its root element without reading it whole.
public enum XMLRoot {
    /// How many bytes of a file `sniff(file:)` reads: the root of any sane document is well within.
    public static let sniffLength = 64 * 1024

    /// The root element's namespace and local name, from the start of a document; nil when the
    /// bytes hold no well-formed start of a root element, or the document was refused (DOCTYPE).
    /// Uses the same hardened parser as the readers, and stops at the root's start tag.
    public static func sniff(_ bytes: [UInt8]) -> (namespace: String?, localName: String)? {
        let reader = XMLStreamReader(path: "", fileID: 0, diagnostics: DiagnosticSink())
        let handler = RootHandler()
        _ = bytes.withUnsafeBytes { reader.parse($0, schema: nil, handler: handler) }
        return handler.root
    }

    /// Sniffs the first `sniffLength` bytes of the file at `path`; nil also when it cannot be read.
    public static func sniff(file path: String) -> (namespace: String?, localName: String)? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: sniffLength)
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        return sniff(Array(buffer[0..<n]))
    }

    private final class RootHandler: XMLStreamHandler {
        var root: (namespace: String?, localName: String)?

        func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {
            root = (tag.namespaceURI.map { String(cString: $0) }, tag.name)
            reader.stop()
        }

        func endElement(reader: XMLStreamReader) {}
    }
}
