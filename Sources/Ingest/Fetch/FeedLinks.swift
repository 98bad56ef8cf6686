import CLibXML2
import Foundation

/// The item links of an RSS (0.9x, 1.0, 2.0) or Atom feed.
enum FeedLinks {
    /// libxml2 options: tolerate sloppy feeds, stay quiet, never load external DTDs or entities, never touch the network.
    ///
    /// Entities are deliberately not substituted (no `XML_PARSE_NOENT`), so an external entity in a hostile feed is
    /// never resolved.
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)
    /// Elements deeper than this are not searched, so a deeply nested feed cannot blow the stack.
    static let maxDepth = 64

    /// Absolute http/https links of the feed's items, in feed order, without duplicates, at most `limit`;
    /// nil when the bytes are not an XML feed at all.
    static func links(in bytes: [UInt8], base: URL, limit: Int) -> [String]? {
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return nil }
            return start.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(clamping: buffer.count), base.absoluteString, nil, parseOptions)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        let rootName = name(of: root)
        guard ["rss", "feed", "rdf", "channel"].contains(rootName) else { return nil }
        var raw: [String] = []
        collect(below: root, depth: 0, into: &raw, limit: limit)
        var seen = Set<String>()
        var links: [String] = []
        for text in raw {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let resolved = URL(string: trimmed, relativeTo: base)?.absoluteURL,
                  case .success = FetchURL.check(resolved.absoluteString),
                  seen.insert(resolved.absoluteString).inserted else { continue }
            links.append(resolved.absoluteString)
            if links.count == limit { break }
        }
        return links
    }

    /// Finds `item` / `entry` elements and takes one link from each.
    private static func collect(below parent: xmlNodePtr, depth: Int, into links: inout [String], limit: Int) {
        guard depth < maxDepth else { return }
        var cursor = parent.pointee.children
        while let node = cursor, links.count < limit * 2 {
            cursor = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(of: node) {
            case "item", "entry":
                if let link = itemLink(node) { links.append(link) }
            default:
                collect(below: node, depth: depth + 1, into: &links, limit: limit)
            }
        }
    }

    /// RSS `<link>text</link>`, Atom `<link rel="alternate" href>` (or one without `rel`), else a permalink `<guid>`.
    private static func itemLink(_ item: xmlNodePtr) -> String? {
        var guid: String?
        var cursor = item.pointee.children
        while let node = cursor {
            cursor = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(of: node) {
            case "link":
                if let href = attribute(node, "href") {
                    let rel = attribute(node, "rel")?.lowercased() ?? "alternate"
                    if rel == "alternate" { return href }
                } else {
                    let text = content(of: node)
                    if !text.isEmpty { return text }
                }
            case "guid":
                if attribute(node, "isPermaLink")?.lowercased() != "false" { guid = content(of: node) }
            default:
                break
            }
        }
        return guid
    }

    private static func name(of node: xmlNodePtr) -> String {
        guard let raw = node.pointee.name else { return "" }
        return String(cString: raw).lowercased()
    }

    private static func attribute(_ node: xmlNodePtr, _ key: String) -> String? {
        guard let raw = xmlGetProp(node, key) else { return nil }
        defer { claimtrack_xml_free(raw) }
        return String(cString: raw)
    }

    private static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { claimtrack_xml_free(raw) }
        return String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
