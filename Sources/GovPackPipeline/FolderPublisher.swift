import Foundation

/// Publishes a set of files as one folder, atomically: the files are written into a fresh
/// folder beside the target, then swapped in with renames, so a reader (or a run killed
/// half-way) sees the previous complete folder or the new complete one, never a mix.
public enum FolderPublisher {
    public struct PublishError: Error, LocalizedError {
        public let message: String
        public var errorDescription: String? { message }
    }

    /// The file that marks a folder as govpack's output, so that it may be replaced.
    public static let marker = ".govpack-output"

    /// Writes `files` (paths relative to `folder`) and replaces `folder` with them.
    /// A path that is absolute or climbs out of the folder (`..`) is refused. Nothing a user
    /// made is ever replaced: an existing folder is replaced only when it is empty or holds the
    /// marker of an earlier publication, and never when it contains the working directory or one
    /// of `protecting` (e.g. the inputs).
    public static func publish(_ files: [(path: String, data: Data)], to folder: String, protecting: [String] = []) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        try checkReplaceable(target, protecting: protecting)
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let pid = getpid()
        let staging = parent.appendingPathComponent(".\(name).new-\(pid)")
        let previous = parent.appendingPathComponent(".\(name).old-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw PublishError(message: "cannot create \(staging.path): \(error.localizedDescription)")
        }
        do {
            // Written in place and made durable by one flush before the swap (see StagedFolderWriter).
            let writer = StagedFolderWriter(root: staging.path)
            try writer.write(Data("govpack output folder: replaced as a whole by each run\n".utf8),
                             to: staging.appendingPathComponent(marker).path)
            for f in files {
                guard let rel = safeRelativePath(f.path) else {
                    throw PublishError(message: "refusing to write '\(f.path)': output paths must stay inside \(folder)")
                }
                try writer.write(f.data, to: staging.appendingPathComponent(rel).path)
            }
            try writer.flush()
            // Swap: the old folder moves aside, the new one takes its name, the old one goes.
            let existed = fm.fileExists(atPath: target.path)
            if existed { try fm.moveItem(at: target, to: previous) }
            do {
                try fm.moveItem(at: staging, to: target)
            } catch {
                if existed { try? fm.moveItem(at: previous, to: target) }
                throw error
            }
            if existed { try? fm.removeItem(at: previous) }
        } catch let e as PublishError {
            try? fm.removeItem(at: staging)
            throw e
        } catch {
            try? fm.removeItem(at: staging)
            throw PublishError(message: "cannot publish \(folder): \(error.localizedDescription)")
        }
    }

    /// Refuses to replace a folder that govpack did not make, or that holds the working
    /// directory or an input.
    static func checkReplaceable(_ target: URL, protecting: [String]) throws {
        let fm = FileManager.default
        let path = target.path
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).resolvingSymlinksInPath().path
        let inside = { (p: String) in p == path || p.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
        if inside(cwd) || path == "/" {
            throw PublishError(message: "refusing to replace \(path): it contains the current folder; choose an output folder such as out/packs")
        }
        for p in protecting {
            let resolved = URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
            if inside(resolved) {
                throw PublishError(message: "refusing to replace \(path): it contains the input \(p); choose an output folder outside the inputs")
            }
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw PublishError(message: "refusing to replace \(path): it is a file, not an output folder")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty && !entries.contains(marker) {
            throw PublishError(message: "refusing to replace \(path): it holds files govpack did not write (no \(marker) marker); choose a new or empty output folder")
        }
    }

    /// The path with `.` parts removed, or nil when it is absolute, empty or climbs out.
    static func safeRelativePath(_ path: String) -> String? {
        guard !path.hasPrefix("/"), !path.contains("\0") else { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
