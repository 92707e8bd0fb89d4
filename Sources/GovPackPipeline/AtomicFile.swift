import Foundation

/// Writes files so that a reader sees the old content or the new, never a half-written file:
/// the bytes go to a temporary file in the same folder, are flushed, then renamed over the target.
public enum AtomicFile {
    public struct WriteError: Error, LocalizedError {
        public let path: String
        public let reason: String
        public var errorDescription: String? { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: error.localizedDescription)
        }
        removeStaleTemporaries(of: url.lastPathComponent, in: dir.path)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil && rename(temp.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp.path)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// Removes `.<name>.tmp-<pid>` files left beside `name` by runs that were killed while writing
    /// (their process no longer exists); a live process's temporary file is left alone.
    static func removeStaleTemporaries(of name: String, in dir: String) {
        let prefix = ".\(name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink(dir + "/" + entry)
        }
    }
}

/// Writes the files of a folder that nobody sees yet (a publication's staging folder): each file
/// is written in place, without a temporary file or an fsync of its own, and `flush()` then makes
/// all of them durable at once, before the folder is renamed into view.
///
/// Why one flush is enough: until the rename nobody reads the staging folder, so a half-written
/// file in it is harmless; what the swap needs is that every byte and directory entry under it is
/// on disk before the folder takes the target's name, or a crash just after the rename could show
/// empty files. `flush()` gives that by fsyncing every file at the end, up to 16 at once (the
/// journal commits concurrent fsyncs together), where an fsync after each write (20,000
/// one-pagers) waited for the journal 20,000 times one after another.
public final class StagedFolderWriter {
    private let root: String
    private var madeFolders: Set<String> = []
    private var written: [String] = []

    public init(root: String) { self.root = root }

    /// Writes `data` to `path` (under the staging folder), creating its folder once.
    public func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !madeFolders.contains(dir) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw AtomicFile.WriteError(path: path, reason: error.localizedDescription)
            }
            madeFolders.insert(dir)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
        startWriteback(fd)
        written.append(path)
    }

    /// Asks the kernel to start writing the file out now, without waiting (Linux's
    /// `sync_file_range(SYNC_FILE_RANGE_WRITE)`): the disk works while the next files are made,
    /// and `flush`'s fsyncs find little left to do. Durability still comes from `flush`.
    private func startWriteback(_ fd: Int32) {
        #if os(Linux)
        guard let syncFileRange = Self.syncFileRange else { return }
        _ = syncFileRange(fd, 0, 0, 2)  // SYNC_FILE_RANGE_WRITE, linux/fs.h
        #endif
    }

    /// `sync_file_range(2)`, found at run time: Swift's Glibc module does not export it.
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRange: SyncFileRange? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "sync_file_range") else { return nil }
        return unsafeBitCast(sym, to: SyncFileRange.self)
        #else
        return nil
        #endif
    }()

    /// Makes everything written so far durable: the file system's data and metadata, then each
    /// folder made (so their entries are on disk too).
    public func flush() throws {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.WriteError(path: root, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        // Each file's own fsync, many at once: the file system commits concurrent fsyncs together,
        // and unlike syncfs(2) nobody else's unwritten data on the disk is waited for (a monthly
        // run on a busy server waited 65 s for other processes' writes).
        let paths = written
        let workers = min(16, paths.count)
        let lock = NSLock()
        var failure: Error?
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < paths.count {
                do { try Self.fsync(paths[i], directory: false) } catch {
                    lock.lock(); if failure == nil { failure = error }; lock.unlock()
                }
                i += workers
            }
        }
        if let failure { throw failure }
        for dir in madeFolders.sorted() { try Self.fsync(dir, directory: true) }
        try Self.fsync(root, directory: true)
    }

    static func fsync(_ path: String, directory: Bool) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard fd >= 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        if Foundation.fsync(fd) != 0 { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
    }
}
