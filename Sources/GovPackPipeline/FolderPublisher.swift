import Foundation

/// Publishes a set of files as one folder, atomically: the files are written into a fresh
/// folder beside the target, then swapped in with renames, so a reader (or a run killed
/// half-way) sees the previous complete folder or the new complete one, never a mix.
public enum FolderPublisher {
    public struct PublishError: Error, LocalizedError {
        public let message: String
        public var errorDescription: String? { message }
    }

    /// Writes `files` (paths relative to `folder`) and replaces `folder` with them.
    /// A path that is absolute or climbs out of the folder (`..`) is refused.
    public static func publish(_ files: [(path: String, data: Data)], to folder: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
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
            for f in files {
                guard let rel = safeRelativePath(f.path) else {
                    throw PublishError(message: "refusing to write '\(f.path)': output paths must stay inside \(folder)")
                }
                try AtomicFile.write(f.data, to: staging.appendingPathComponent(rel).path)
            }
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
