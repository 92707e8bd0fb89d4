import Foundation
import GovPackCore

/// Lists the files under an input path in the order the contract fixes: by path relative to
/// the input, with `/` separators, in code-point order. Hidden entries are skipped; a symbolic
/// link that leads outside the input folder is refused and reported.
public enum InputWalker {
    public static func files(under argument: String, diagnostics: DiagnosticSink) -> [InputFile] {
        filesAndSizes(under: argument, diagnostics: diagnostics).map(\.file)
    }

    /// The files with their sizes in bytes (as `FileBytes.size` gives them), from the `stat` the
    /// walk makes anyway: the loader needs every size, and a second `stat` per file cost 0.07 s
    /// of CPU for the 35,000 files at 20,000 projects.
    static func filesAndSizes(under argument: String, diagnostics: DiagnosticSink) -> [(file: InputFile, size: Int)] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: argument, isDirectory: &isDir) else {
            diagnostics.emit(
                IngestID.fileUnreadable, .error, "no such file or folder", at: SourceLocation(file: argument),
                hint: "check the path; give a team folder, a file, or the folder holding all teams")
            return []
        }
        if !isDir.boolValue {
            let name = (argument as NSString).lastPathComponent
            return [(InputFile(path: argument, displayPath: argument, relativePath: name), FileBytes.size(argument))]
        }
        let display = argument.hasSuffix("/") && argument.count > 1 ? String(argument.dropLast()) : argument
        let root = URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
        var found: [(file: InputFile, size: Int)] = []
        var visited: Set<String> = [root]
        walk(root, relative: "", root: root, display: display, into: &found, visited: &visited, diagnostics: diagnostics)
        return found.sorted { codePointPrecedes($0.file.relativePath, $1.file.relativePath) }
    }

    /// Whether `a` comes before `b` in code point order, compared on their UTF-8 bytes: UTF-8
    /// keeps code point order, and one `memcmp` is far cheaper than decoding both strings scalar
    /// by scalar (35,000 files are sorted twice at 20,000 projects: 0.08 s of CPU in scalar comparisons).
    static func codePointPrecedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let r = memcmp(p, q, common)
                    if r != 0 { return r < 0 }
                }
                return x.count < y.count
            }
        }
    }

    private static func walk(
        _ dir: String, relative: String, root: String, display: String, into found: inout [(file: InputFile, size: Int)],
        visited: inout Set<String>, diagnostics: DiagnosticSink
    ) {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: dir)
        } catch {
            diagnostics.emit(
                IngestID.fileUnreadable, .error, "cannot list the folder: \(error.localizedDescription)",
                at: SourceLocation(file: relative.isEmpty ? display : display + "/" + relative))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = dir + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            let shown = display + "/" + rel
            // `dir` is already resolved, so an entry that is a plain file or folder (not a link)
            // resolves to itself: one lstat instead of Foundation's resolution and a stat.
            // (Not for the root folder "/", where the joined path would start with "//".)
            var st = stat()
            if !dir.hasSuffix("/"), lstat(path, &st) == 0 {
                let type = st.st_mode & S_IFMT
                if type == S_IFREG {
                    found.append((InputFile(path: path, displayPath: shown, relativePath: rel), Int(st.st_size)))
                    continue
                }
                if type == S_IFDIR {
                    guard visited.insert(path).inserted else { continue }
                    walk(path, relative: rel, root: root, display: display, into: &found, visited: &visited,
                         diagnostics: diagnostics)
                    continue
                }
            }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if resolved != root && !resolved.hasPrefix(root + "/") {
                diagnostics.emit(
                    IngestID.pathOutsideInput, .error,
                    "a link that leads outside the input folder (to \(resolved)); it is not followed",
                    at: SourceLocation(file: shown),
                    hint: "copy the file into the input folder instead of linking to it")
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: resolved, isDirectory: &isDir) else {
                diagnostics.emit(
                    IngestID.fileUnreadable, .error, "a broken link or a file that vanished while reading",
                    at: SourceLocation(file: shown))
                continue
            }
            if isDir.boolValue {
                guard visited.insert(resolved).inserted else { continue }
                walk(resolved, relative: rel, root: root, display: display, into: &found, visited: &visited,
                     diagnostics: diagnostics)
            } else if stat(resolved, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                found.append((InputFile(path: resolved, displayPath: shown, relativePath: rel), Int(st.st_size)))
            } else {
                // A named pipe would block the run on open; a device could be read without end.
                diagnostics.emit(
                    IngestID.fileUnreadable, .error, "not a regular file (a named pipe, socket or device); it is not read",
                    at: SourceLocation(file: shown), hint: "put the exported file itself in the input folder")
            }
        }
    }
}
