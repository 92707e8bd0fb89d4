import ArgumentParser
import GovPackIngest

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the XSD of the govpack submission XML format (urn:govpack:submission:1).",
        discussion: """
            Teams can validate their XML with their own tools before sending it, e.g. \
            govpack schema > submission.xsd && xmllint --noout --schema submission.xsd submission.xml. \
            The schema is generated from the submission standard's column tables, so it always \
            matches what govpack reads.
            """
    )

    func run() {
        print(SubmissionSchema.xsd, terminator: SubmissionSchema.xsd.hasSuffix("\n") ? "" : "\n")
    }
}
