import GovPackCore

/// `*.xml` documents whose root is `submission` in `urn:govpack:submission:1`.
public enum SubmissionXMLFormat: InputFormat {
    public static let name = "govpack XML"

    public static func claims(_ file: InputFile, head: FileHead) -> Bool {
        guard file.fileExtension == "xml", let root = head.xmlRoot else { return false }
        return root.localName == "submission" && root.namespace == SubmissionSchema.namespace
    }

    public static func read(_ file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions) -> Bool {
        let before = builder.diagnostics.count(.error)
        let header = SubmissionXMLReader.read(
            file: file.path, fileID: fileID, path: file.displayPath, sink: builder, diagnostics: builder.diagnostics)
        // A document refused outright (DOCTYPE, not well-formed before any row) is quarantined.
        return header != nil || builder.diagnostics.count(.error) == before
    }
}

/// `*.xml` documents whose root is `Project` in `http://schemas.microsoft.com/project` (MSPDI).
public enum MSPDIFormat: InputFormat {
    public static let name = "MSPDI"

    public static func claims(_ file: InputFile, head: FileHead) -> Bool {
        guard file.fileExtension == "xml", let root = head.xmlRoot else { return false }
        return root.localName == "Project" && root.namespace == MSPDIReader.namespace
    }

    public static func read(_ file: InputFile, fileID: UInt32, into builder: PortfolioBuilder, options: LoadOptions) -> Bool {
        var mspdi = MSPDIOptions()
        mspdi.projectID = options.mspdiProjectIDs[file.relativePath] ?? options.mspdiProjectIDs[file.stem]
        mspdi.period = options.period?.description
        builder.markDerived(fileID)
        MSPDIReader.read(
            file: file.path, fileID: fileID, path: file.displayPath, options: mspdi, sink: builder,
            diagnostics: builder.diagnostics)
        return true
    }
}
