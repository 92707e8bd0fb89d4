import Foundation
import GovPackCore

/// Lists the files under an input path in the order the contract fixes: by path relative to
/// the input, with `/` separators, in code-point order. Hidden entries are skipped; a symbolic
/// link that leads outside the input folder is refused and reported.
public enum InputWalker {
    public static func files(under argument: String, diagnostics: DiagnosticSink) -> [InputFile] {
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
            return [InputFile(path: argument, displayPath: argument, relativePath: name)]
        }
        let display = argument.hasSuffix("/") && argument.count > 1 ? String(argument.dropLast()) : argument
        let root = URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
        var found: [InputFile] = []
        var visited: Set<String> = [root]
        walk(root, relative: "", root: root, display: display, into: &found, visited: &visited, diagnostics: diagnostics)
        return found.sorted { $0.relativePath.unicodeScalars.lexicographicallyPrecedes($1.relativePath.unicodeScalars) }
    }

    private static func walk(
        _ dir: String, relative: String, root: String, display: String, into found: inout [InputFile],
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
                    found.append(InputFile(path: path, displayPath: shown, relativePath: rel))
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
                found.append(InputFile(path: resolved, displayPath: shown, relativePath: rel))
            } else {
                // A named pipe would block the run on open; a device could be read without end.
                diagnostics.emit(
                    IngestID.fileUnreadable, .error, "not a regular file (a named pipe, socket or device); it is not read",
                    at: SourceLocation(file: shown), hint: "put the exported file itself in the input folder")
            }
        }
    }
}
