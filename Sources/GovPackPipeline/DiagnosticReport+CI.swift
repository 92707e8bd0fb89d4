import GovPackCore

// JUnit XML and SARIF: the faces that let a team's own CI show the findings.
extension DiagnosticReport {
    /// JUnit XML: one test case per file read (failing when it has errors) plus one per finding
    /// without a file; warnings are recorded as output, not failures.
    public static func junit(_ diagnostics: [Diagnostic], files: [String], summary: RunSummary) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        var noFile: [Diagnostic] = []
        for d in diagnostics {
            if let f = d.location?.file { byFile[f, default: []].append(d) } else { noFile.append(d) }
        }
        let names = Array(Set(files).union(byFile.keys)).sorted()
        var cases = ""
        var failures = 0
        for name in names {
            let ds = byFile[name] ?? []
            let errors = ds.filter { $0.severity == .error }
            cases += "    <testcase classname=\"govpack.validate\" name=\"\(xml(name))\">\n"
            if !errors.isEmpty {
                failures += 1
                cases += "      <failure message=\"\(errors.count) error\(errors.count == 1 ? "" : "s")\" type=\"\(xml(errors[0].id))\">"
                cases += xml(errors.map(\.formatted).joined(separator: "\n")) + "</failure>\n"
            }
            let rest = ds.filter { $0.severity != .error }
            if !rest.isEmpty { cases += "      <system-out>" + xml(rest.map(\.formatted).joined(separator: "\n")) + "</system-out>\n" }
            cases += "    </testcase>\n"
        }
        for d in noFile where d.severity != .info {
            cases += "    <testcase classname=\"govpack.validate\" name=\"\(xml(d.id))\">\n"
            if d.severity == .error {
                failures += 1
                cases += "      <failure message=\"\(xml(d.message))\" type=\"\(xml(d.id))\"/>\n"
            } else {
                cases += "      <system-out>\(xml(d.formatted))</system-out>\n"
            }
            cases += "    </testcase>\n"
        }
        let total = names.count + noFile.filter { $0.severity != .info }.count
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="govpack" tests="\(total)" failures="\(failures)">
              <testsuite name="govpack validate" tests="\(total)" failures="\(failures)" errors="0" skipped="0">
            \(cases)  </testsuite>
            </testsuites>

            """
    }

    /// SARIF 2.1.0, one run, the rules listed once.
    public static func sarif(_ diagnostics: [Diagnostic], version: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", "govpack")
        w.string("version", version)
        w.string("informationUri", "https://github.com/govpack/govpack")
        w.beginArray("rules")
        for id in Set(diagnostics.map(\.id)).sorted() {
            w.beginObject()
            w.string("id", id)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.beginArray("results")
        for d in diagnostics {
            w.beginObject()
            w.string("ruleId", d.id)
            w.string("level", d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note")
            w.beginObject("message")
            w.string("text", d.message + (d.hint.map { " (\($0))" } ?? ""))
            w.endObject()
            if let l = d.location {
                w.beginArray("locations")
                w.beginObject()
                w.beginObject("physicalLocation")
                w.beginObject("artifactLocation")
                w.string("uri", l.file)
                w.endObject()
                if l.line > 0 {
                    w.beginObject("region")
                    w.int("startLine", l.line)
                    if l.column > 0 { w.int("startColumn", l.column) }
                    w.endObject()
                }
                w.endObject()
                w.endObject()
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where c.value < 0x20 && c != "\n" && c != "\t" && c != "\r": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
