public import ClaimModel
public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one input file into a `Document`: format detection, safety checks and the format's parser.
public enum DocumentReader {
    /// Extensions read as HTML whatever their content looks like.
    static let htmlExtensions: Set<String> = ["html", "htm", "xhtml", "shtml"]

    /// Reads one file; never throws: an unreadable/broken input becomes a quarantined Document whose `error` names the problem.
    ///
    /// The file is opened without following a final symlink and without blocking, then checked with `fstat`,
    /// so a FIFO or device swapped in after the walk is still never read.
    public static func read(fileAt url: URL, relativePath: String, options: IngestOptions = .defaults) -> Document {
        let format = guessFormat(relativePath: relativePath, options: options)
        // A file we could not read has no content to hash; its id comes from the path instead, marked so it
        // can never equal the id of real content.
        let pathID = Document.id(forContent: Array(("unread:" + relativePath).utf8))
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = String(cString: strerror(errno)).lowercased()
            return .quarantined(path: relativePath, id: pathID, format: format,
                                reason: "ingest: '\(relativePath)' cannot be opened (\(why)); expected a readable regular file")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .quarantined(path: relativePath, id: pathID, format: format,
                                reason: "ingest: '\(relativePath)' is not a regular file; expected a regular file")
        }
        let size = Int(info.st_size)
        if size > options.maxFileBytes { return tooLarge(relativePath: relativePath, size: size, options: options) }
        // Read one byte past the limit so a file that grew since fstat is still caught.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno)).lowercased()
                return .quarantined(path: relativePath, id: pathID, format: format,
                                    reason: "ingest: '\(relativePath)' cannot be read (\(why)); expected a readable regular file")
            }
            if n == 0 { break }
            filled += n
            if filled == bytes.count {
                if filled > options.maxFileBytes {
                    return .quarantined(path: relativePath, id: pathID, format: format,
                                        reason: "ingest: '\(relativePath)' is over \(options.maxFileBytes) bytes; expected at most \(options.maxFileBytes) (maxFileBytes)")
                }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count)))
            }
        }
        bytes.removeSubrange(filled...)
        return read(bytes: bytes, relativePath: relativePath, options: options)
    }

    /// Parses the bytes of a file that was read elsewhere (a line of `claimtrack extract --jsonl`) into the document
    /// `read(fileAt:relativePath:options:)` makes of that file: one over `maxFileBytes` is quarantined unparsed, under
    /// the id of its path.
    public static func read(fileBytes bytes: [UInt8], relativePath: String, options: IngestOptions = .defaults) -> Document {
        if bytes.count > options.maxFileBytes { return tooLarge(relativePath: relativePath, size: bytes.count, options: options) }
        return read(bytes: bytes, relativePath: relativePath, options: options)
    }

    /// The quarantined document of a file too large to read, with an id from its path (its content is never hashed).
    static func tooLarge(relativePath: String, size: Int, options: IngestOptions) -> Document {
        .quarantined(path: relativePath, id: Document.id(forContent: Array(("unread:" + relativePath).utf8)),
                     format: guessFormat(relativePath: relativePath, options: options),
                     reason: "ingest: '\(relativePath)' is \(size) bytes; expected at most \(options.maxFileBytes) (maxFileBytes)")
    }

    /// Parses bytes already in memory (format from the extension and content sniffing).
    public static func read(bytes: [UInt8], relativePath: String, options: IngestOptions = .defaults) -> Document {
        read(bytes: bytes, relativePath: relativePath, hint: Hint(), options: options)
    }

    /// A format a fetched response names (through `Content-Type` or its URL's extension).
    enum FormatHint: Equatable {
        case html, text
        case feed(FeedKind)
    }

    /// What a transport says about bytes: their format and charset; both nil for a plain file.
    struct Hint {
        var format: FormatHint?
        var charset: String?
    }

    /// The format the extension of a URL's path names, if any.
    static func formatHint(forPath path: String, options: IngestOptions) -> FormatHint? {
        switch guessFormat(relativePath: path, options: options) {
        case .html: return .html
        case .feed: return FeedKind(extension: fileExtension(path)).map { .feed($0) }
        case .text: return nil
        }
    }

    /// Parses bytes with what the transport said about them; without a hint, as `read(bytes:relativePath:options:)`.
    static func read(bytes: [UInt8], relativePath: String, hint: Hint, options: IngestOptions) -> Document {
        let id = ContentID.of(bytes)
        var format: DocumentFormat
        var feedKind = FeedKind(extension: fileExtension(relativePath))
        switch hint.format {
        case nil: format = guessFormat(relativePath: relativePath, options: options)
        case .html?: format = .html
        case .text?: format = .text
        case .feed(let kind)?: format = .feed; feedKind = kind
        }
        func quarantine(_ reason: String) -> Document {
            .quarantined(path: relativePath, id: id, format: format, reason: "ingest: " + reason)
        }
        if bytes.isEmpty {
            return quarantine("'\(relativePath)' is empty; expected a text, html or feed document")
        }
        if bytes.count > options.maxFileBytes {
            return quarantine("'\(relativePath)' is \(bytes.count) bytes; expected at most \(options.maxFileBytes) (maxFileBytes)")
        }
        if let magic = ContentSniffer.binarySignature(bytes) {
            return quarantine("'\(relativePath)' holds binary data (\(magic)); expected text, html or a feed")
        }
        if format == .text, ContentSniffer.looksLikeHTML(bytes) { format = .html }
        switch format {
        case .feed:
            return FeedParser.parse(bytes: bytes, kind: feedKind ?? .tsv, relativePath: relativePath, id: id)
        case .html:
            return HTMLArticleReader.read(bytes: bytes, relativePath: relativePath, id: id, transportCharset: hint.charset)
        case .text:
            // A charset named by the transport is honoured; the file itself is still what the id hashes.
            let text = hint.charset.flatMap { TextDecoding.transcodeToUTF8(bytes, charset: $0) } ?? bytes
            switch TextDecoding.decodeStrictUTF8(text) {
            case .failure(let problem):
                return quarantine("'\(relativePath)' \(problem.description); expected utf-8 text")
            case .success(let text):
                return TextArticleParser.parse(text: text, relativePath: relativePath, id: id)
            }
        }
    }

    /// The format the file's name asks for; `.text` stands for "sniff the content" when the name says nothing.
    public static func guessFormat(relativePath: String, options: IngestOptions) -> DocumentFormat {
        let ext = fileExtension(relativePath)
        if options.feedExtensions.contains(ext), FeedKind(extension: ext) != nil { return .feed }
        if htmlExtensions.contains(ext) { return .html }
        return .text
    }

    /// The lower-case extension of the last path component, or "" when there is none.
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

/// `read(2)`, named apart from `DocumentReader.read` so the call is unambiguous on every platform.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
