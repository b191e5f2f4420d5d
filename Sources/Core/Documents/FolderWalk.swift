import Foundation

/// The files under a Knowledge folder, listed with the C library's directory calls.
///
/// Foundation's enumerator made a URL and two `stat` calls by full path for every file: 0.9 s
/// for 50,000 small files, paid by every command that checks its index is current. Here each
/// folder is read once and its entries are `stat`ed relative to it (`fstatat`), so the kernel
/// does not walk the whole path again for each. The walk also sees what the enumerator passed
/// over in silence: names that are not UTF-8 and paths past the system's limit, which are
/// listed with the reason they cannot be read so that a build can say so.
///
/// Hidden entries (a leading dot) are passed over, and so are links to folders, which could
/// lead back up the tree; a link to a file is listed and read where it leads.
struct FolderWalk {
    /// Whether a file of this name (in bytes) is wanted.
    let wants: ([UInt8]) -> Bool

    /// The wanted files under `root`, in byte order of their relative paths.
    func files(under root: String) -> [SourceFile.Located] {
        walk(Array(root.utf8), relative: [])
    }

    private struct Child {
        let name: [UInt8]
        let size: Int64
        let modified: Int64
        let isFolder: Bool
        /// The name, and `/` after a folder's, so that sorting each folder's children and
        /// walking them in turn lists the whole tree in byte order of relative paths (Swift's
        /// String order is canonical, and would put NFC and NFD spellings side by side as equals).
        let key: [UInt8]

        init(name: [UInt8], status: stat) {
            self.name = name
            (size, modified) = SourceFile.measures(status)
            isFolder = status.st_mode & S_IFMT == S_IFDIR
            key = isFolder ? name + [UInt8(ascii: "/")] : name
        }
    }

    /// A folder's files, its subfolders' walked on other threads: nearly all of a walk is the
    /// kernel looking up each name for `stat`, which cores do side by side (git's index
    /// preload `stat`s on threads for the same reason). A cold `kq ask` on 50,000 files in 100
    /// folders, on two cores: 146 → 100 ms.
    private func walk(_ folder: [UInt8], relative: [UInt8]) -> [SourceFile.Located] {
        let children = children(of: folder).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) })
        var entries: [Entry] = []
        var folders: [(absolute: [UInt8], relative: [UInt8])] = []
        for child in children {
            let path = relative.isEmpty ? child.name : relative + [UInt8(ascii: "/")] + child.name
            let absolute = folder + [UInt8(ascii: "/")] + child.name
            var problem: String?
            if String(validating: child.name, as: UTF8.self) == nil {
                problem = child.isFolder ? "a folder whose name is not UTF-8; nothing in it is read"
                    : "its name is not UTF-8 (shown here with �)"
            } else if absolute.count >= Int(PATH_MAX) {
                problem = "its path is \(absolute.count) bytes, over the system's limit of \(PATH_MAX - 1)"
                    + (child.isFolder ? "; nothing in it is read" : "")
            }
            if child.isFolder && problem == nil {
                entries.append(.folder(folders.count))
                folders.append((absolute, path))
            } else {
                let file = SourceFile(path: String(decoding: path, as: UTF8.self), size: child.size, modified: child.modified)
                entries.append(.file(SourceFile.Located(absolutePath: String(decoding: absolute, as: UTF8.self), file: file, problem: problem)))
            }
        }
        let walked = Slots<[SourceFile.Located]>(folders.count)
        concurrently(folders.count) { walked[$0] = walk(folders[$0].absolute, relative: folders[$0].relative) }
        var found: [SourceFile.Located] = []
        for entry in entries {
            switch entry {
            case .file(let file): found.append(file)
            case .folder(let number): found += walked[number] ?? []
            }
        }
        return found
    }

    private enum Entry {
        case file(SourceFile.Located)
        case folder(Int)
    }

    /// The folder's wanted files and its folders (not hidden, not reached through a link).
    private func children(of folder: [UInt8]) -> [Child] {
        guard let directory = opendir(String(decoding: folder, as: UTF8.self)) else { return [] }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var children: [Child] = []
        while let record = readdir(directory) {
            let name = Self.name(of: record)
            guard let first = name.first, first != UInt8(ascii: ".") else { continue }
            let cName = Self.cString(name)
            var status = stat()
            // Follow links: a link's type is that of what it leads to. A link to nothing is
            // described as itself, so that a build can name it and mending it is a change.
            guard fstatat(descriptor, cName, &status, 0) == 0
                    || fstatat(descriptor, cName, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let isFolder = status.st_mode & S_IFMT == S_IFDIR
            if isFolder ? Self.isLink(record, descriptor: descriptor, name: cName) : !wants(name) { continue }
            children.append(Child(name: name, status: status))
        }
        return children
    }

    private static func name(of record: UnsafeMutablePointer<dirent>) -> [UInt8] {
        withUnsafeBytes(of: record.pointee.d_name) { bytes in
            Array(bytes.prefix(while: { $0 != 0 }))
        }
    }

    private static func cString(_ name: [UInt8]) -> [CChar] {
        name.map { CChar(bitPattern: $0) } + [0]
    }

    private static func isLink(_ record: UnsafeMutablePointer<dirent>, descriptor: Int32, name: [CChar]) -> Bool {
        if record.pointee.d_type == UInt8(DT_LNK) { return true }
        guard record.pointee.d_type == UInt8(DT_UNKNOWN) else { return false }
        var status = stat()
        return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }
}
