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
    ///
    /// The swap is one step where the system allows it: Linux's `renameat2(RENAME_EXCHANGE)`
    /// exchanges the new folder and the old one atomically, so the folder's name never points at
    /// nothing. Elsewhere (or on a file system without it) the old folder moves aside and the new
    /// one takes its name; a run killed between those two renames leaves the old folder aside,
    /// and the next run puts it back before anything else. Staging folders left by killed runs
    /// are removed by the next run.
    public static func publish(_ files: [(path: String, data: Data)], to folder: String, protecting: [String] = []) throws {
        let staging = try Staging(to: folder, protecting: protecting)
        for f in files { try staging.add(f.path, f.data) }
        try staging.commit()
    }

    /// A publication under way: files are written into the staging folder as they are made, then
    /// `commit` makes them durable and swaps the folder in whole. The target is untouched until
    /// then; a failed `add` or `commit`, or `abandon`, removes the staging folder.
    ///
    /// `add` and `commit` are for one thread at a time; `enqueue` hands a file to the staging's
    /// own writer thread (so the disk works while the caller renders), and `commit` waits for it.
    public final class Staging: @unchecked Sendable {
        public let folder: String
        private let target: URL
        private let parent: URL
        private let staging: URL
        private let previous: URL
        private let writer: StagedFolderWriter
        private let queue = DispatchQueue(label: "govpack.publish")
        /// The first failure of an enqueued write; later ones are skipped. Read after the queue drains.
        private var queued: Error?
        private var open = true
        /// Files and bytes added so far (the marker file not counted); complete after `commit`.
        public private(set) var added = (files: 0, bytes: 0)

        /// Checks that `folder` may be replaced and makes an empty staging folder beside it.
        public init(to folder: String, protecting: [String] = []) throws {
            let fm = FileManager.default
            self.folder = folder
            target = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
            try checkReplaceable(target, protecting: protecting)
            parent = target.deletingLastPathComponent()
            let name = target.lastPathComponent
            let pid = getpid()
            staging = parent.appendingPathComponent(".\(name).new-\(pid)")
            previous = parent.appendingPathComponent(".\(name).old-\(pid)")
            do {
                try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw PublishError(message: "cannot create \(parent.path): \(error.localizedDescription)")
            }
            recoverFromKilledRuns(parent: parent, name: name)
            do {
                try? fm.removeItem(at: staging)
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            } catch {
                throw PublishError(message: "cannot create \(staging.path): \(error.localizedDescription) (\(folder) is unchanged)")
            }
            // Written in place and made durable by one flush before the swap (see StagedFolderWriter).
            writer = StagedFolderWriter(root: staging.path)
            try guarded {
                try writer.write(Data("govpack output folder: replaced as a whole by each run\n".utf8),
                                 to: staging.appendingPathComponent(marker).path)
            }
        }

        /// Writes `data` as `path` (relative to the folder) into the staging folder.
        public func add(_ path: String, _ data: Data) throws {
            try guarded {
                guard let rel = safeRelativePath(path) else {
                    throw PublishError(message: "refusing to write '\(path)': output paths must stay inside \(folder)")
                }
                try beforeWrite?(rel)
                try writer.write(data, to: staging.appendingPathComponent(rel).path)
                added = (added.files + 1, added.bytes + data.count)
            }
        }

        /// `add` on the staging's writer thread; a failure is thrown by `commit`.
        public func enqueue(_ path: String, _ data: Data) {
            queue.async {
                guard self.queued == nil, self.open else { return }
                do { try self.add(path, data) } catch { self.queued = error }
            }
        }

        /// Makes every file durable and swaps the staging folder in for the target.
        public func commit() throws {
            queue.sync {}
            if let queued { throw queued }
            try guarded {
                let fm = FileManager.default
                try writer.flush()
                let existed = fm.fileExists(atPath: target.path)
                if existed, !forceTwoRenameSwap, exchange(staging.path, target.path) {
                    // The old folder now has the staging name.
                    try? fm.removeItem(at: staging)
                } else if existed {
                    // Swap: the old folder moves aside, the new one takes its name, the old one goes.
                    try fm.moveItem(at: target, to: previous)
                    do {
                        try beforeSecondRename?()
                        try fm.moveItem(at: staging, to: target)
                    } catch {
                        try? fm.moveItem(at: previous, to: target)
                        throw error
                    }
                    try? fm.removeItem(at: previous)
                } else {
                    try fm.moveItem(at: staging, to: target)
                }
                syncFolder(parent.path)
            }
            open = false
        }

        /// Removes the staging folder; the target stays as it was.
        public func abandon() {
            queue.sync {}
            guard open else { return }
            open = false
            try? FileManager.default.removeItem(at: staging)
        }

        /// Runs `body`; on failure the staging folder goes and the error says the target is unchanged.
        private func guarded(_ body: () throws -> Void) throws {
            guard open else { throw PublishError(message: "cannot publish \(folder): the publication was already ended") }
            do {
                try body()
            } catch let e as PublishError {
                abandonNow()
                throw e
            } catch {
                abandonNow()
                throw PublishError(message: "cannot publish \(folder): \(error.localizedDescription) (\(folder) is unchanged)")
            }
        }

        private func abandonNow() {
            open = false
            try? FileManager.default.removeItem(at: staging)
        }
    }

    // MARK: - Test hooks (fault injection)

    /// Called before each file is written into the staging folder; a throw simulates a failed write.
    nonisolated(unsafe) static var beforeWrite: ((String) throws -> Void)?
    /// Called between the two renames of the fallback swap.
    nonisolated(unsafe) static var beforeSecondRename: (() throws -> Void)?
    /// Uses the two-rename swap even where an atomic exchange exists.
    nonisolated(unsafe) static var forceTwoRenameSwap = false

    // MARK: - The swap

    /// `renameat2(2)` where the C library has it (glibc 2.28+), found at run time: Swift's Glibc
    /// module does not export it, and `syscall(2)` is variadic.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(sym, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Exchanges two paths atomically; false when the system or file system cannot (the caller
    /// falls back to two renames) or the exchange failed without changing anything.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let renameat2 else { return false }
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, linux/fs.h
        let atCWD: Int32 = -100  // AT_FDCWD
        return renameat2(atCWD, a, atCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Makes the renames durable: a crash right after publishing keeps the new folder.
    private static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Cleans up after runs that were killed while publishing `name` in `parent`: a folder moved
    /// aside by the two-rename swap goes back when the target is missing; staging and moved-aside
    /// folders of processes that no longer run are removed.
    static func recoverFromKilledRuns(parent: URL, name: String) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        let target = parent.appendingPathComponent(name)
        for entry in entries.sorted() {
            let pidText: Substring
            if entry.hasPrefix(".\(name).new-") {
                pidText = entry.dropFirst(name.count + 6)
            } else if entry.hasPrefix(".\(name).old-") {
                pidText = entry.dropFirst(name.count + 6)
            } else {
                continue
            }
            guard let pid = Int32(pidText), pid != getpid() else { continue }
            // A process that still runs may be publishing right now: leave its folders alone.
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = parent.appendingPathComponent(entry)
            if entry.hasPrefix(".\(name).old-"), !fm.fileExists(atPath: target.path) {
                try? fm.moveItem(at: path, to: target)
            } else {
                try? fm.removeItem(at: path)
            }
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
