/// The generator of `EmbeddedTemplates.swift`: the shipped templates of `Templates/` compiled in,
/// so the binary needs no resource bundle at run time. The GovPackRenderTests fail when the two
/// differ; `GOVPACK_RECORD=1 swift test --filter GovPackRenderTests` rewrites the Swift file.
public enum TemplateEmbedding {
    /// The compiled-in templates by path under `Templates/`.
    public static var shipped: [String: String] { EmbeddedTemplates.files }

    /// Swift source holding `files` (relative path -> text) as raw multi-line literals. A text
    /// that does not end with a line break gains one.
    public static func swiftSource(_ files: [String: String]) -> String {
        var out = "// Generated from Templates/ by the GovPackRenderTests (GOVPACK_RECORD=1). Do not edit:\n"
        out += "// edit Templates/ and re-record.\n\n"
        out += "enum EmbeddedTemplates {\n    static let files: [String: String] = [\n"
        for name in files.keys.sorted() {
            var text = files[name] ?? ""
            if !text.hasSuffix("\n") { text += "\n" }
            var hashes = "#"
            while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
            out += "        \"\(name)\": \(hashes)\"\"\"\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                out += line.isEmpty ? "\n" : "            " + line + "\n"
            }
            out += "\n            \"\"\"\(hashes),\n"
        }
        return out + "    ]\n}\n"
    }
}
