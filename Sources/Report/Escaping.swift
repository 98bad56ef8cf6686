/// Escaping of input text for HTML and Markdown: text from documents is hostile until proven otherwise.
enum Escape {
    /// Text safe in HTML element content and in quoted attribute values: `& < > " '` become entities.
    static func html(_ text: String) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // NUL is a parse error that some engines turn into surprises; show a replacement character instead.
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text safe inline in CommonMark: punctuation that could start markup (including raw HTML) is backslash-escaped
    /// and line breaks become spaces, so a hostile quote cannot open a heading, a link, a table cell or a tag.
    static func markdown(_ text: String) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            // With brackets escaped no link or image can form, so parentheses and "!" may stay as they are.
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "&":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Which link targets the reports may point at: relative file paths and http(s) URLs, never a script scheme.
enum Links {
    /// The href for a document path, or nil when the path must not become a link.
    ///
    /// Relative paths are joined to `prefix` (where the inputs folder is, seen from the report) and percent-encoded;
    /// http(s) URLs are used as they are, with characters that could end the link percent-encoded.
    static func href(forDocumentPath path: String, prefix: String) -> String? {
        if path.isEmpty || path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return nil }
        if isWebURL(path) { return encode(path, keepURLDelimiters: true) }
        guard isRelativePath(path), prefix.isEmpty || isSafeRelativePrefix(prefix) else { return nil }
        let base = isWebURL(prefix) ? encode(prefix, keepURLDelimiters: true) : encode(prefix, keepURLDelimiters: false)
        return base + encode(path, keepURLDelimiters: false)
    }

    /// Whether `prefix` may start links: empty, an http(s) URL, or a relative path.
    static func isSafeRelativePrefix(_ prefix: String) -> Bool {
        if prefix.isEmpty || isWebURL(prefix) { return true }
        return isRelativePath(prefix) && !prefix.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    }

    /// Whether `text` starts with `http://` or `https://` followed by a host.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = text.dropFirst(8) } else if lower.hasPrefix("http://") { rest = text.dropFirst(7) } else { return false }
        return !rest.isEmpty && !rest.hasPrefix("/")
    }

    /// A path with no scheme, drive letter, network-path or absolute start, so a browser resolves it next to the report.
    static func isRelativePath(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return false }
        // A colon in the first segment reads as a scheme ("javascript:…") or a drive ("C:").
        let firstSegment = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return !firstSegment.contains(":")
    }

    /// Percent-encodes every byte outside a conservative set; with `keepURLDelimiters` a URL's own `%`, `?`, `#`, `&`,
    /// `=` and `:` survive, while in a file path they are literal characters and get encoded.
    static func encode(_ text: String, keepURLDelimiters: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            let plain = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
                || b == UInt8(ascii: "/") || b == UInt8(ascii: ",") || b == UInt8(ascii: "+") || b == UInt8(ascii: "@")
            let delimiter = b == UInt8(ascii: "%") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b == UInt8(ascii: "&")
                || b == UInt8(ascii: "=") || b == UInt8(ascii: ":") || b == UInt8(ascii: ";")
            if plain || (keepURLDelimiters && delimiter) {
                bytes.append(b)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
