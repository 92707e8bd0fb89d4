#!/usr/bin/env python3
"""Writes SampleData/bad/: one folder per defect kind, each self-contained, plus EXPECTED.tsv.

Every file is written as exact bytes; the expected line/column of each diagnostic is written by
hand in the table below (and re-derived here only as an assertion, so a typo in either fails).
Columns are 1-based Unicode scalar counts; a quoted field starts at its opening quote.
"""
import os
import shutil

BAD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bad")

PROGRAMS = b"program_id,name\nPGM-1,Digital Claims\n"
PEOPLE = b"person_id,name,capacity_hours\nP-001,Isla Sato,140\nP-002,Zo\xc3\xab N\xc3\xba\xc3\xb1ez,120\n"
HEAD = b"project_id,name,program_id,manager,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
ROW1 = b"PRJ-001,Claims triage,PGM-1,P-001,execution,2026-02-02,2027-08-02,1450000,G,2026-11-20\n"
PROJECTS = HEAD + ROW1

RISK_HEAD = b"project_id,risk_id,title,category,probability,impact,owner,status\n"

XML_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XML_PROJECT = (b'  <project project_id="PRJ-001" name="Claims triage" program_id="PGM-1" manager="P-001"\n'
               b'           stage="execution" start_date="2026-02-02" baseline_end_date="2027-08-02"\n'
               b'           budget="1450000" rag_overall="G" last_updated="2026-11-20">\n')

# folder -> {relative path: bytes}; the reference folder is added to each unless noted.
CASES = {}
EXPECTED = []   # (folder, file, line, column, severity, id, marker) -- marker locates the column


def case(folder, files, expected, reference=True):
    if reference:
        files = {"reference/programs.csv": PROGRAMS, "reference/people.csv": PEOPLE, **files}
    CASES[folder] = files
    for e in expected:
        EXPECTED.append((folder,) + e)


# 1. Unterminated quote: the last field of the last row opens a quote that never closes.
case("csv-unterminated-quote", {"team/projects.csv":
     b"project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated,status_summary\n"
     b"PRJ-001,Claims triage,execution,2026-02-02,2027-08-02,1450000,G,2026-11-20,On track\n"
     b"PRJ-002,Motor portal,execution,2026-02-16,2027-05-18,880000,A,2026-11-19,\"Waiting on vendor, no date\n"},
     [("team/projects.csv", 3, 74, "error", "ingest.csv.unterminated_quote", None)], reference=False)

# 2. Ragged row, one field too many: column where the extra field starts.
case("csv-ragged-row-long", {"team/projects.csv": PROJECTS +
     b"PRJ-002,Motor portal,PGM-1,P-002,execution,2026-02-16,2027-05-18,880000,A,2026-11-19,extra\n"},
     [("team/projects.csv", 3, 86, "error", "ingest.csv.ragged_row", None)])

# 3. Ragged row, one field too few: the column just after the last field (line length + 1).
case("csv-ragged-row-short", {"team/projects.csv": PROJECTS +
     b"PRJ-002,Motor portal,PGM-1,P-002,execution,2026-02-16,2027-05-18,880000,A\n"},
     [("team/projects.csv", 3, 74, "warning", "ingest.csv.ragged_row", None)])

# 4. Duplicate header: the second `name` column; location = its start in line 1.
case("csv-duplicate-header", {"team/projects.csv":
     b"project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated,name\n"
     b"PRJ-001,Claims triage,execution,2026-02-02,2027-08-02,1450000,G,2026-11-20,Triage\n"},
     [("team/projects.csv", 1, 84, "error", "ingest.csv.duplicate_header", None)], reference=False)

# 5. Invalid UTF-8: byte 0xFF in the name of PRJ-002 after valid multi-byte text ("Zoë" on line 2),
#    so the file is UTF-8 with one bad byte, not Windows-1252.
case("encoding-invalid-utf8", {"team/projects.csv":
     b"project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
     b"PRJ-001,Zo\xc3\xab's claims triage,execution,2026-02-02,2027-08-02,1450000,G,2026-11-20\n"
     b"PRJ-002,Caf\xc3\xa9 r\xffenewals,execution,2026-02-16,2027-05-18,880000,A,2026-11-19\n"},
     [("team/projects.csv", 3, 15, "error", "ingest.encoding.invalid_utf8", None)], reference=False)

# 6. Invalid money: budget with thousands separators (quoted, so the row is not ragged).
case("field-invalid-money", {"team/projects.csv": PROJECTS +
     b"PRJ-002,Motor portal,PGM-1,P-002,execution,2026-02-16,2027-05-18,\"1,250,000\",A,2026-11-19\n"},
     [("team/projects.csv", 3, 66, "error", "ingest.field.invalid", None)])

# 7. Invalid date: last_updated written day-first.
case("field-invalid-date", {"team/projects.csv": PROJECTS +
     b"PRJ-002,Motor portal,PGM-1,P-002,execution,2026-02-16,2027-05-18,880000,A,30/11/2026\n"},
     [("team/projects.csv", 3, 75, "error", "ingest.field.invalid", None)])

# 8. Missing required field: rag_overall empty; an empty field starts right after its comma.
case("field-missing-required", {"team/projects.csv": PROJECTS +
     b"PRJ-002,Motor portal,PGM-1,P-002,execution,2026-02-16,2027-05-18,880000,,2026-11-19\n"},
     [("team/projects.csv", 3, 73, "error", "ingest.field.missing_required", None)])

# 9. Out of range: probability 7 (1-5).
case("field-out-of-range", {"team/projects.csv": PROJECTS, "team/risks.csv": RISK_HEAD +
     b"PRJ-001,R-1,Vendor slips,schedule,3,4,P-001,open\n"
     b"PRJ-001,R-2,Key architect leaves,resource,7,4,P-002,open\n"},
     [("team/risks.csv", 3, 43, "error", "ingest.field.out_of_range", None)])

# 10. Missing required column: the header has no rag_overall. Location line 1, column 0 (the header).
case("column-missing-required", {"team/projects.csv":
     b"project_id,name,program_id,manager,stage,start_date,baseline_end_date,budget,last_updated\n"
     b"PRJ-001,Claims triage,PGM-1,P-001,execution,2026-02-02,2027-08-02,1450000,2026-11-20\n"},
     [("team/projects.csv", 1, 0, "error", "ingest.column.missing_required", None)])

# 11. Duplicate key across teams: alpha and beta both send PRJ-001; the second (beta, in path
#     order) is reported at its row; the diagnostic also names the first location.
case("row-duplicate-key", {"teams/alpha/projects.csv": PROJECTS,
     "teams/beta/projects.csv": HEAD +
     b"PRJ-001,Claims triage (beta copy),PGM-1,P-002,execution,2026-02-02,2027-08-02,1450000,A,2026-11-21\n"},
     [("teams/beta/projects.csv", 2, 1, "error", "ingest.row.duplicate_key", None)])

# 12. Unknown project: a risk for PRJ-999.
case("ref-unknown-project", {"team/projects.csv": PROJECTS, "team/risks.csv": RISK_HEAD +
     b"PRJ-001,R-1,Vendor slips,schedule,3,4,P-001,open\n"
     b"PRJ-999,R-1,Orphan risk,technical,2,3,P-002,open\n"},
     [("team/risks.csv", 3, 1, "error", "ingest.ref.unknown_project", None)])

# 13. Malformed XML: a bare `&` in an attribute value ("R&D"), libxml2's single error
#     "EntityRef: expecting ';'" at line 6; libxml2 2.9.14 reports column 35 (just after "&D";
#     the `&` itself is at column 33).
case("xml-malformed", {"team/submission.xml": XML_HEAD +
     b'<submission xmlns="urn:govpack:submission:1" period="2026-11" team="Claims">\n' + XML_PROJECT +
     b'    <risk risk_id="R-1" title="R&D vendor slips" category="schedule" probability="3" impact="4"\n'
     b'          owner="P-001" status="open"/>\n'
     b'  </project>\n'
     b'</submission>\n'},
     [("team/submission.xml", 6, 35, "error", "ingest.xml.malformed", None)])

# 14. DOCTYPE refused (an internal subset with an entity: never expanded, the file is rejected).
case("xml-doctype", {"team/submission.xml": XML_HEAD +
     b'<!DOCTYPE submission [ <!ENTITY owner "P-001"> ]>\n'
     b'<submission xmlns="urn:govpack:submission:1" period="2026-11" team="Claims">\n' + XML_PROJECT +
     b'    <risk risk_id="R-1" title="Vendor slips" category="schedule" probability="3" impact="4"\n'
     b'          owner="&owner;" status="open"/>\n'
     b'  </project>\n'
     b'</submission>\n'},
     [("team/submission.xml", 2, 0, "error", "ingest.xml.doctype_refused", None)])

# 15. Schema: a misspelt element (<riks>) where the XSD allows only the row elements. The schema
# checks structure; reported at the element's line.
case("xml-schema", {"team/submission.xml": XML_HEAD +
     b'<submission xmlns="urn:govpack:submission:1" period="2026-11" team="Claims">\n' + XML_PROJECT +
     b'    <riks risk_id="R-1" title="Vendor slips" category="schedule" probability="3" impact="4"\n'
     b'          owner="P-001" status="open"/>\n'
     b'  </project>\n'
     b'</submission>\n'},
     [("team/submission.xml", 6, 0, "error", "ingest.xml.schema", None)])

# 15b. A value the contract does not allow: probability="high" on a <risk>. Values are checked by
# the typing layer (one finding, at the attribute's value, as for CSV).
case("xml-invalid-value", {"team/submission.xml": XML_HEAD +
     b'<submission xmlns="urn:govpack:submission:1" period="2026-11" team="Claims">\n' + XML_PROJECT +
     b'    <risk risk_id="R-1" title="Vendor slips" category="schedule" probability="high" impact="4"\n'
     b'          owner="P-001" status="open"/>\n'
     b'  </project>\n'
     b'</submission>\n'},
     [("team/submission.xml", 6, 79, "error", "ingest.field.invalid", None)])

# 16. Unknown root: well-formed XML whose root is neither submission nor MSPDI Project.
case("xml-unknown-root", {"team/projects.xml": XML_HEAD +
     b'<portfolio xmlns="urn:example:other">\n'
     b'  <project id="PRJ-001"/>\n'
     b'</portfolio>\n'},
     [("team/projects.xml", 2, 0, "error", "ingest.xml.unknown_root", None)])


def main():
    if os.path.isdir(BAD):
        for name in os.listdir(BAD):
            p = os.path.join(BAD, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
    for folder, files in CASES.items():
        for rel, data in files.items():
            path = os.path.join(BAD, folder, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    lines = ["folder\tfile\tline\tcolumn\tseverity\tid"]
    for folder, rel, line, col, sev, ident, _ in EXPECTED:
        lines.append(f"{folder}\t{rel}\t{line}\t{'' if col is None else col}\t{sev}\t{ident}")
    with open(os.path.join(BAD, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
