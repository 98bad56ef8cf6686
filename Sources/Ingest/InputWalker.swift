import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file found under the inputs folder.
struct InputFile: Sendable, Hashable {
    var url: URL
    /// Path below the inputs folder, `/`-separated.
    var relativePath: String
}

/// An entry the walker passed over, with why (for the debug log and tests).
struct SkippedEntry: Sendable, Hashable {
    var path: String
    var reason: String
}

/// Lists the documents under a folder without opening anything that is not a regular file.
///
/// `lstat` is used throughout so a symlink is seen as a link, never as its target; FIFOs, sockets and
/// devices are reported as skipped and never opened (opening a FIFO would block the run).
struct InputWalker {
    var root: URL
    var followSymlinksInsideRoot: Bool
    /// Folders never entered (the fetch cache), compared by real path.
    var excluded: [URL] = []

    /// Whether a file name is a dotfile or an editor leftover (`name~`, `#name#`).
    static func isIgnoredName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.count >= 2 && name.hasPrefix("#") && name.hasSuffix("#"))
    }

    /// Every regular file, sorted by relative path, and every entry passed over.
    func walk() -> (files: [InputFile], skipped: [SkippedEntry]) {
        var files: [InputFile] = []
        var skipped: [SkippedEntry] = []
        let rootPath = root.standardizedFileURL.path
        let realRoot = InputWalker.realPath(rootPath) ?? rootPath
        // Real paths of folders already entered, so a link loop cannot recurse forever.
        var visited: Set<String> = [realRoot]
        let excludedPaths = Set(excluded.map { InputWalker.realPath($0.standardizedFileURL.path) ?? $0.standardizedFileURL.path })
        var pending: [(path: String, relative: String)] = [(rootPath, "")]
        while let (folder, relative) = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                skipped.append(SkippedEntry(path: relative.isEmpty ? "." : relative, reason: "folder cannot be listed"))
                continue
            }
            for name in names.sorted() {
                let path = folder + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                if InputWalker.isIgnoredName(name) {
                    skipped.append(SkippedEntry(path: rel, reason: "dotfile or editor leftover"))
                    continue
                }
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    skipped.append(SkippedEntry(path: rel, reason: "cannot be examined"))
                    continue
                }
                var kind = info.st_mode & S_IFMT
                var target = path
                if kind == S_IFLNK {
                    guard followSymlinksInsideRoot, let real = InputWalker.realPath(path),
                          real.hasPrefix(realRoot + "/"), stat(real, &info) == 0 else {
                        skipped.append(SkippedEntry(path: rel, reason: "symbolic link not followed"))
                        continue
                    }
                    kind = info.st_mode & S_IFMT
                    target = real
                }
                switch kind {
                case S_IFREG:
                    files.append(InputFile(url: URL(fileURLWithPath: target), relativePath: rel))
                case S_IFDIR:
                    let real = InputWalker.realPath(target) ?? target
                    if excludedPaths.contains(real) {
                        skipped.append(SkippedEntry(path: rel, reason: "the fetch cache folder"))
                    } else if visited.insert(real).inserted {
                        pending.append((target, rel))
                    } else {
                        skipped.append(SkippedEntry(path: rel, reason: "folder already visited"))
                    }
                default:
                    skipped.append(SkippedEntry(path: rel, reason: "not a regular file"))
                }
            }
        }
        files.sort { $0.relativePath < $1.relativePath }
        return (files, skipped)
    }

    /// The canonical absolute path, with every link resolved; nil when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
