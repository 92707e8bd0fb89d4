import GovPackCore

/// The XSD of `urn:govpack:submission:1`, generated from the contract's column tables so that it
/// can never drift from them; `govpack schema` prints it for teams to validate with their own tools.
///
/// Shape: root `submission` (attributes `period`, `team`) holding, in any order and number,
/// `program`, `person`, `certification`, `project` and every project-owned row element.
/// Inside a `project` the project-owned elements leave out `project_id` (for `dependency`:
/// `from_project_id`), which they take from the project. Attribute names are the CSV column
/// names; types follow the contract (dates `YYYY-MM-DD`, periods `YYYY-MM`, plain decimals,
/// case-insensitive enumerations, RAG `R/A/G/Red/Amber/Green`); an empty value means missing,
/// as in CSV. Extra attributes are allowed (`anyAttribute`), since unknown columns are kept.
public enum SubmissionSchema {
    public static let namespace = "urn:govpack:submission:1"

    /// Entities that may appear only at the top level.
    static let referenceEntities: [Entity] = [.programs, .people, .certifications]

    /// Entities that belong to a project: nested in `project` or at the top level with their key.
    static let projectEntities: [Entity] = [
        .financials, .milestones, .stageGates, .risks, .issues, .assignments, .benefits,
        .benefitMeasurements, .changeImpacts, .lessons, .dependencies,
    ]

    /// The elements `submission` holds, in the schema's order.
    static let topLevelEntities: [Entity] = referenceEntities + [.projects] + projectEntities

    /// The column a nested row takes from its enclosing project.
    static func inheritedColumn(_ entity: Entity) -> String {
        entity == .dependencies ? "from_project_id" : "project_id"
    }

    /// The schema document, as published to teams.
    public static let xsd: String = generate(typedRows: true)

    /// The structure the reader checks, as an XSD: the same schema with row attributes left as
    /// optional plain strings (every value goes through the typing layer, which reports a bad one
    /// once, at its own column). The reader does not run it: `SubmissionStructure` checks the same
    /// rules from the same tables in Swift, at a fraction of libxml2's validation cost, and a test
    /// holds the two in agreement.
    static let validationXSD: String = generate(typedRows: false)

    /// The root's `period`, as an XSD pattern; `SubmissionStructure.isPeriod` is its Swift twin.
    static let periodPattern = "[0-9]{4}-[0-9]{2}"

    // MARK: - Generation

    private static func generate(typedRows: Bool) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- govpack submission standard, version 1. Generated from the contract's column tables. -->
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                       xmlns:g="\(namespace)"
                       targetNamespace="\(namespace)"
                       elementFormDefault="qualified">

            """
        x += simpleType("date", pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}")
        x += simpleType("period", pattern: periodPattern)
        x += simpleType("decimal", pattern: "[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")
        x += simpleType("int", pattern: "[+\\-]?[0-9]+")
        x += simpleType("bool", pattern: ["y", "n", "yes", "no", "true", "false", "1", "0"].map(anyCase).joined(separator: "|"))
        x += simpleType("rag", pattern: ["r", "a", "g", "red", "amber", "green"].map(anyCase).joined(separator: "|"))

        x += "\n  <xs:element name=\"submission\">\n    <xs:complexType>\n"
        x += "      <xs:choice minOccurs=\"0\" maxOccurs=\"unbounded\">\n"
        for e in topLevelEntities {
            x += "        <xs:element name=\"\(e.xmlElement)\" type=\"g:\(e.xmlElement)\"/>\n"
        }
        x += "      </xs:choice>\n"
        x += "      <xs:attribute name=\"period\" type=\"g:period\"/>\n"
        x += "      <xs:attribute name=\"team\" type=\"xs:string\"/>\n"
        x += "      <xs:anyAttribute processContents=\"lax\"/>\n"
        x += "    </xs:complexType>\n  </xs:element>\n"

        for e in referenceEntities + projectEntities {
            x += complexType(e.xmlElement, e, leaving: nil, children: [], typed: typedRows)
        }
        x += complexType("project", .projects, leaving: nil, children: projectEntities, typed: typedRows)
        for e in projectEntities {
            x += complexType(e.xmlElement + ".in_project", e, leaving: inheritedColumn(e), children: [], typed: typedRows)
        }
        x += "</xs:schema>\n"
        return x
    }

    private static func simpleType(_ name: String, pattern: String) -> String {
        // Empty means missing, as in CSV; `xs:token` trims the blanks the typing layer trims too.
        """
          <xs:simpleType name="\(name)">
            <xs:restriction base="xs:token"><xs:pattern value="(\(pattern))?"/></xs:restriction>
          </xs:simpleType>

        """
    }

    private static func complexType(
        _ name: String, _ entity: Entity, leaving: String?, children: [Entity], typed: Bool
    ) -> String {
        var x = "\n  <xs:complexType name=\"\(name)\">\n"
        if !children.isEmpty {
            x += "    <xs:choice minOccurs=\"0\" maxOccurs=\"unbounded\">\n"
            for c in children {
                x += "      <xs:element name=\"\(c.xmlElement)\" type=\"g:\(c.xmlElement).in_project\"/>\n"
            }
            x += "    </xs:choice>\n"
        }
        for column in entity.columnSummaries where column.name != leaving {
            let use = column.required ? " use=\"required\"" : ""
            switch column.type {
            case _ where !typed:
                x += "    <xs:attribute name=\"\(column.name)\" type=\"xs:string\"/>\n"
            case .enumeration(let values):
                x += "    <xs:attribute name=\"\(column.name)\"\(use)>\n"
                x += "      <xs:simpleType><xs:restriction base=\"xs:token\">"
                x += "<xs:pattern value=\"(\(values.map(anyCase).joined(separator: "|")))?\"/>"
                x += "</xs:restriction></xs:simpleType>\n"
                x += "    </xs:attribute>\n"
            default:
                x += "    <xs:attribute name=\"\(column.name)\" type=\"\(typeName(column.type))\"\(use)/>\n"
            }
        }
        x += "    <xs:anyAttribute processContents=\"lax\"/>\n"
        x += "  </xs:complexType>\n"
        return x
    }

    private static func typeName(_ type: FieldType) -> String {
        switch type {
        case .text, .enumeration: "xs:string"
        case .int: "g:int"
        case .decimal: "g:decimal"
        case .date: "g:date"
        case .period: "g:period"
        case .bool: "g:bool"
        case .rag: "g:rag"
        }
    }

    /// `amber` → `[Aa][Mm][Bb][Ee][Rr]`: XSD patterns have no case-insensitive flag.
    private static func anyCase(_ word: String) -> String {
        word.map { ch -> String in
            let lower = String(ch).lowercased()
            let upper = String(ch).uppercased()
            return lower == upper ? String(ch) : "[\(upper)\(lower)]"
        }.joined()
    }
}
