import ClaimModel
import CLibXML2
import CXMLArena
import Foundation
@testable import Ingest
import Testing

/// libxml2 allocating from per-thread arenas while a page is read (`CXMLArena`, used by `HTMLTreeBuilder`).
///
/// Each test body is synchronous, so it runs on one thread from start to end, as a page's reading does on a worker.
@Suite("libxml2 arena")
struct XMLArenaTests {
    /// Parses with the options `HTMLTreeBuilder` uses.
    static func parse(_ bytes: [UInt8]) -> htmlDocPtr? {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", HTMLTreeBuilder.parseOptions)
            }
        }
    }

    static let page = HTMLExtractionTests.page(body: HTMLExtractionTests.articleBody)

    /// A page of `paragraphs` classed paragraphs: at 20,000 its libxml2 tree is well over the 4 MB an arena keeps
    /// between pages, so reading it grows the arena and leaving gives the extra memory back.
    static func longPage(paragraphs: Int) -> [UInt8] {
        let body = (0..<paragraphs).map { "<p class=\"para\">Paragraph \($0) says that exports, imports and trade all rose.</p>" }
        return HTMLExtractionTests.page(body: "<article>" + body.joined() + "</article>")
    }

    @Test("inside a scope a page's tree comes from the thread's arena, and leaving the scope takes it all back")
    func scope() throws {
        #expect(HTMLTreeBuilder.arenaInstalled)
        claimtrack_xml_arena_enter()
        let doc = try #require(Self.parse(Self.page))
        #expect(claimtrack_xml_arena_contains(doc) == 1)
        #expect(claimtrack_xml_arena_contains(xmlDocGetRootElement(doc)) == 1)
        #expect(claimtrack_xml_arena_used() > 0)
        #expect(claimtrack_xml_arena_holds_all() == 1)
        claimtrack_xml_arena_leave()
        #expect(claimtrack_xml_arena_used() == 0)
        #expect(claimtrack_xml_arena_holds_all() == 0)
    }

    @Test("outside a scope libxml2 allocates with malloc and frees as before")
    func outsideScope() throws {
        #expect(HTMLTreeBuilder.arenaInstalled)
        let doc = try #require(Self.parse(Self.page))
        #expect(claimtrack_xml_arena_contains(doc) == 0)
        #expect(claimtrack_xml_arena_holds_all() == 0)
        xmlFreeDoc(doc)
    }

    @Test("pages read the same before and after a page whose tree outgrows what the arena keeps")
    func largePage() {
        let small = DocumentReader.read(bytes: Self.page, relativePath: "a.html")
        let large = DocumentReader.read(bytes: Self.longPage(paragraphs: 20_000), relativePath: "b.html")
        #expect(large.status == .ok)
        #expect(large.text.hasPrefix("Paragraph 0 says"))
        #expect(large.text.hasSuffix("Paragraph 19999 says that exports, imports and trade all rose."))
        #expect(DocumentReader.read(bytes: Self.page, relativePath: "a.html") == small)
        #expect(DocumentReader.read(bytes: Self.longPage(paragraphs: 20_000), relativePath: "b.html") == large)
        #expect(small.status == .ok)
        for sentence in HTMLExtractionTests.prose { #expect(small.text.contains(sentence)) }
    }

    @Test("threads reading pages at once each use their own arena and get what one thread gets")
    func threads() {
        let pages = (0..<24).map { $0 % 3 == 0 ? Self.longPage(paragraphs: 2_000 + $0) : Self.page }
        let expected = pages.enumerated().map { DocumentReader.read(bytes: $1, relativePath: "p\($0).html") }
        let results = Results(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: 4) { slice in
            for index in stride(from: slice, to: pages.count, by: 4) {
                results.set(index, DocumentReader.read(bytes: pages[index], relativePath: "p\(index).html"))
            }
        }
        #expect(results.all == expected)
    }
}

/// Documents written from several threads, one index each.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [Document?]
    init(count: Int) { documents = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ document: Document) { lock.lock(); documents[index] = document; lock.unlock() }
    var all: [Document] { lock.lock(); defer { lock.unlock() }; return documents.compactMap { $0 } }
}
