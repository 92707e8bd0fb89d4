import Foundation
internal import GRDB

/// Why the history could not be opened, read or written: an environment problem, never a
/// data finding, with a message that says what to do.
public struct HistoryStoreError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable {
        /// The file or its folder is missing, or cannot be opened.
        case cannotOpen
        /// The file is not SQLite, or is SQLite without govpack's tables.
        case notHistory
        /// A newer govpack wrote it: migrations this version does not know were applied.
        case newerSchema
        /// Opened read-only, and its schema needs a migration first.
        case olderSchema
        case readOnly
        case diskFull
        case corrupt
        /// Another process holds the database locked.
        case busy
        /// Any other SQLite failure.
        case failed
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    /// Maps an error thrown while `doing` something to one with a plain message.
    static func from(_ error: Error, path: String, doing: String) -> HistoryStoreError {
        if let e = error as? HistoryStoreError { return e }
        guard let db = error as? DatabaseError else {
            return HistoryStoreError(.failed, path: path, message: "\(path): cannot \(doing): \(error)")
        }
        let detail = db.message ?? "\(db.resultCode)"
        if db.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
            return HistoryStoreError(
                .readOnly, path: path,
                message: "\(path): cannot \(doing): a run was interrupted while recording; run govpack once with write access to this file to roll the unfinished write back (\(detail))")
        }
        switch db.resultCode {
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            let folder = (path as NSString).deletingLastPathComponent
            let why = !folder.isEmpty && !FileManager.default.fileExists(atPath: folder)
                ? "the folder \(folder) does not exist" : detail
            return HistoryStoreError(.cannotOpen, path: path, message: "\(path): cannot open the history database: \(why)")
        case .SQLITE_NOTADB:
            return HistoryStoreError(
                .notHistory, path: path, message: "\(path): not a govpack history database (not an SQLite file)")
        case .SQLITE_READONLY:
            return HistoryStoreError(
                .readOnly, path: path, message: "\(path): cannot \(doing): the database is read-only (\(detail))")
        case .SQLITE_FULL:
            return HistoryStoreError(
                .diskFull, path: path,
                message: "\(path): cannot \(doing): the disk is full; the previous history is unchanged")
        case .SQLITE_CORRUPT:
            return HistoryStoreError(
                .corrupt, path: path,
                message: "\(path): the history database is damaged (\(detail)); restore it from a backup or move it aside")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return HistoryStoreError(
                .busy, path: path, message: "\(path): cannot \(doing): another govpack holds the database locked")
        default:
            return HistoryStoreError(.failed, path: path, message: "\(path): cannot \(doing): \(detail)")
        }
    }
}
