import CLibXML2
import CXMLArena

/// Raw metadata gathered while copying the tree: meta tags, JSON-LD, `<time>`, `<title>`, `<h1>`, links.
struct PageMetadataSources {
    /// `<meta>` tags by lower-case `property`, `name` or `itemprop`, first value kept.
    var meta: [String: String] = [:]
    /// Text of every `<script type="application/ld+json">`.
    var jsonLD: [String] = []
    /// `<title>` text.
    var titleElement: String?
    /// Text of the first `<h1>`.
    var firstH1: String?
    /// `<link rel="canonical">` href.
    var canonical: String?
    /// `datetime` of `<time>` elements, with whether the element is marked as the publication time.
    var times: [(value: String, marked: Bool)] = []
    /// `<a rel="author">` texts.
    var authorLinks: [String] = []
}

/// Parses HTML bytes with libxml2 and copies the body into `HTMLNode`s.
enum HTMLTreeBuilder {
    /// libxml2 options: recover from broken markup, stay quiet, never touch the network.
    static let parseOptions = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    /// Deeper elements are flattened into their ancestor so recursion stays bounded on hostile input.
    static let maxDepth = 400

    /// Whether libxml2 allocates from per-thread arenas (`CXMLArena`); set up on first use, once per process.
    static let arenaInstalled = claimtrack_xml_arena_install() != 0

    /// The body tree and metadata, or nil when libxml2 produced no document.
    ///
    /// libxml2's tree lives in the calling thread's arena for the length of this call: everything the page needs
    /// is copied into Swift values before the arena is released, so nothing returned points into it.
    static func build(bytes: [UInt8], encoding: String) -> (root: HTMLNode, metadata: PageMetadataSources)? {
        _ = arenaInstalled
        claimtrack_xml_arena_enter()
        defer { claimtrack_xml_arena_leave() }
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(clamping: buffer.count), nil, encoding, parseOptions)
            }
        }
        guard let doc else { return nil }
        // Leaving the arena frees the whole tree at once; xmlFreeDoc is needed only when some of it came from malloc.
        defer { if claimtrack_xml_arena_holds_all() == 0 { xmlFreeDoc(doc) } }
        guard let rootElement = xmlDocGetRootElement(doc) else { return nil }
        var builder = Builder()
        let root = HTMLNode(tag: "html")
        builder.copyChildren(of: rootElement, into: root, depth: 0)
        return (root, builder.metadata)
    }

    /// Walks libxml2 nodes; holds the metadata found on the way.
    private struct Builder {
        var metadata = PageMetadataSources()
        /// Classified hint texts: class lists repeat across a page, so each distinct one is matched once.
        var hintCache: [String: HintFlags] = [:]

        mutating func copyChildren(of parent: xmlNodePtr, into node: HTMLNode, depth: Int) {
            var cursor = parent.pointee.children
            while let current = cursor {
                cursor = current.pointee.next
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content {
                        let text = String(cString: content)
                        if !text.isEmpty { node.children.append(HTMLNode(tag: "", text: text)) }
                    }
                case XML_ELEMENT_NODE:
                    copyElement(current, into: node, depth: depth)
                default:
                    continue
                }
            }
        }

        mutating func copyElement(_ element: xmlNodePtr, into parent: HTMLNode, depth: Int) {
            guard let namePointer = element.pointee.name else { return }
            let tag = String(cString: namePointer)  // libxml2's HTML parser already lower-cases element names
            let attributes = Self.attributes(of: element)
            collectMetadata(tag: tag, attributes: attributes, element: element)
            if tag == "head" {
                collectMetadataBelow(element, depth: depth)
                return
            }
            if HTMLTags.dropped.contains(tag) || Self.isHidden(attributes) {
                return
            }
            if depth >= HTMLTreeBuilder.maxDepth {
                copyChildren(of: element, into: parent, depth: depth)
                return
            }
            var hints = ""
            if let cls = attributes["class"] { hints = cls.lowercased() }
            if let id = attributes["id"] { hints += " " + id.lowercased() }
            if let role = attributes["role"] { hints += " role-" + role.lowercased() }
            var flags = HintFlags()
            if !hints.isEmpty {
                if let cached = hintCache[hints] { flags = cached } else {
                    flags = ContentHints.classify(hints)
                    hintCache[hints] = flags
                }
            }
            let node = HTMLNode(tag: tag, hints: hints, itemprop: attributes["itemprop"]?.lowercased(), hintFlags: flags)
            copyChildren(of: element, into: node, depth: depth + 1)
            parent.children.append(node)
        }

        /// Visits `<head>` (and anything libxml2 put there) for metadata only; none of it is body text.
        mutating func collectMetadataBelow(_ parent: xmlNodePtr, depth: Int) {
            guard depth < HTMLTreeBuilder.maxDepth else { return }
            var cursor = parent.pointee.children
            while let current = cursor {
                cursor = current.pointee.next
                guard current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name else { continue }
                let tag = String(cString: name).lowercased()
                collectMetadata(tag: tag, attributes: Self.attributes(of: current), element: current)
                if tag != "script", tag != "title", tag != "style" { collectMetadataBelow(current, depth: depth + 1) }
            }
        }

        mutating func collectMetadata(tag: String, attributes: ElementAttributes, element: xmlNodePtr) {
            switch tag {
            case "meta":
                guard let content = attributes["content"] else { return }
                for key in ["property", "name", "itemprop"] {
                    if let name = attributes[key]?.lowercased(), metadata.meta[name] == nil { metadata.meta[name] = content }
                }
            case "title":
                if metadata.titleElement == nil { metadata.titleElement = Self.text(of: element) }
            case "h1":
                if metadata.firstH1 == nil { metadata.firstH1 = Self.text(of: element) }
            case "link":
                if attributes["rel"]?.lowercased() == "canonical", metadata.canonical == nil { metadata.canonical = attributes["href"] }
            case "script":
                if attributes["type"]?.lowercased().contains("ld+json") == true { metadata.jsonLD.append(Self.rawText(of: element)) }
            case "time":
                if let value = attributes["datetime"] {
                    let marked = attributes["itemprop"]?.lowercased() == "datepublished" || attributes["pubdate"] != nil
                        || (attributes["class"]?.lowercased().contains("publish") ?? false)
                    metadata.times.append((value, marked))
                }
            case "a":
                if attributes["rel"]?.lowercased() == "author" { metadata.authorLinks.append(Self.text(of: element)) }
            default:
                break
            }
        }

        /// The attributes extraction reads; the rest (`href` of every link, `src`, `data-*`, …) are never copied.
        static func attributes(of element: xmlNodePtr) -> ElementAttributes {
            var result = ElementAttributes()
            var cursor = element.pointee.properties
            while let attribute = cursor {
                cursor = attribute.pointee.next
                guard let name = attribute.pointee.name, let slot = ElementAttributes.slot(name) else { continue }
                var value = ""
                var child = attribute.pointee.children
                while let part = child {
                    if let content = part.pointee.content { value += String(cString: content) }
                    child = part.pointee.next
                }
                result.values[slot] = value
            }
            return result
        }

        /// All text below an element as it stands (JSON-LD parses as well without collapsing, and some is large).
        static func rawText(of element: xmlNodePtr) -> String {
            guard let raw = xmlNodeGetContent(element) else { return "" }
            defer { claimtrack_xml_free(raw) }
            return String(cString: raw)
        }

        /// All text below an element, whitespace collapsed.
        static func text(of element: xmlNodePtr) -> String {
            guard let raw = xmlNodeGetContent(element) else { return "" }
            defer { claimtrack_xml_free(raw) }
            return String(cString: raw).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }

        /// Whether the element is hidden from readers (`hidden`, `aria-hidden`, inline `display:none`).
        static func isHidden(_ attributes: ElementAttributes) -> Bool {
            if attributes["hidden"] != nil { return true }
            if let style = attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
               style.contains("display:none") || style.contains("visibility:hidden") {
                return true
            }
            return false
        }
    }
}

/// The few attribute values of an element that extraction and metadata read, by lower-case name.
struct ElementAttributes {
    /// The names kept; anything else is skipped without building a string.
    static let names = ["class", "id", "role", "itemprop", "hidden", "style", "content", "property", "name", "rel", "href",
                        "type", "datetime", "pubdate"]
    var values = [String?](repeating: nil, count: ElementAttributes.names.count)

    /// The value of attribute `name` (one of `names`), when present.
    subscript(name: String) -> String? {
        guard let index = ElementAttributes.names.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// The slot of a libxml2 attribute name, compared case-insensitively byte by byte, or nil when it is not kept.
    static func slot(_ name: UnsafePointer<xmlChar>) -> Int? {
        var length = 0
        while name[length] != 0 {
            length += 1
            if length > 8 { return nil }  // longer than every kept name
        }
        for (index, wanted) in utf8Names.enumerated() where wanted.count == length {
            var k = 0
            while k < length, name[k] | 0x20 == wanted[k] { k += 1 }
            if k == length { return index }
        }
        return nil
    }

    private static let utf8Names = names.map { Array($0.utf8) }
}
