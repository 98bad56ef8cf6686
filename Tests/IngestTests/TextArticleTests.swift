import ClaimModel
import Foundation
@testable import Ingest
import Testing

@Suite("text articles")
struct TextArticleTests {
    func read(_ prefix: String) throws -> Document {
        let url = try TestPaths.sample(prefix)
        return DocumentReader.read(fileAt: url, relativePath: url.lastPathComponent)
    }

    @Test("000: date line, ANI attribution, lead paragraph once")
    func sample000() throws {
        let doc = try read("000")
        #expect(doc.status == .ok)
        #expect(doc.format == .text)
        #expect(doc.published == CalendarDay(year: 2025, month: 12, day: 3))
        #expect(doc.publishedSource == "date line")
        #expect(doc.attributions == ["Based On ANI Report"])
        #expect(doc.site == "ANI")
        #expect(doc.text.hasPrefix("Kremlin Spokesperson Dmitry Peskov has expressed"))
        #expect(doc.text.components(separatedBy: "Kremlin Spokesperson Dmitry Peskov").count == 2)
        #expect(!doc.text.contains("date 2025"))
        #expect(!doc.text.contains("Based On ANI Report"))
        #expect(!doc.text.contains("\n\n\n"))
        #expect(doc.text.hasSuffix("amid global shifts."))
    }

    @Test("001: no date, 'Source: aajtak' lines are attributions, one paragraph per line")
    func sample001() throws {
        let doc = try read("001")
        #expect(doc.published == nil)
        #expect(doc.attributions == ["Source: aajtak"])
        #expect(doc.site == "aajtak")
        #expect(!doc.text.contains("Source: aajtak"))
        #expect(doc.text.components(separatedBy: "\n\n").count == 9)
        #expect(doc.title == nil)
    }

    @Test("002: date line, no attribution")
    func sample002() throws {
        let doc = try read("002")
        #expect(doc.published == CalendarDay(year: 2025, month: 10, day: 1))
        #expect(doc.attributions.isEmpty)
        #expect(doc.text.hasPrefix("Russia and India are in the final stages"))
    }

    @Test("003: category line, headline, 'Published by' author, trailing byline dropped")
    func sample003() throws {
        let doc = try read("003")
        #expect(doc.author == "Abhinandan Mishra")
        #expect(doc.title == "Putin’s India visit to deliver ‘Significant Outcomes’, says Kremlin")
        #expect(doc.published == nil)
        #expect(!doc.text.contains("Categories:"))
        #expect(!doc.text.contains("Published by"))
        #expect(!doc.text.hasSuffix("Swastik Sharma"))
        #expect(doc.text.contains("Bilateral trade has reached $63 billion"))
    }

    @Test("004: author from the closing bio line, blog boilerplate dropped")
    func sample004() throws {
        let doc = try read("004")
        #expect(doc.author == "Anvar Azimov")
        #expect(doc.title == nil)
        #expect(!doc.text.contains("No comments"))
        #expect(!doc.text.contains("Post a Comment"))
        #expect(!doc.text.contains("diplomat and political scientist"))
        #expect(!doc.text.contains("\nAnvar Azimov\n"))
        #expect(doc.text.hasSuffix("close global strategic partners."))
        // Subheadings stay as their own paragraphs.
        #expect(doc.text.contains("\n\nDefense cooperation\n\n"))
    }

    @Test("no date line and no stated date: published stays nil")
    func noInventedDate() {
        let doc = DocumentReader.read(bytes: Array("Trade rose on Tuesday.\n\nIt rose again.".utf8), relativePath: "a.txt")
        #expect(doc.published == nil)
        #expect(doc.publishedSource == nil)
    }

    @Test("a labelled standalone date near the top counts as the article's own date")
    func headerDate() {
        let doc = DocumentReader.read(bytes: Array("Published: 3 December 2025\n\nTrade rose.".utf8), relativePath: "a.txt")
        #expect(doc.published == CalendarDay(year: 2025, month: 12, day: 3))
        #expect(doc.text == "Trade rose.")
    }

    @Test("hard-wrapped paragraphs stay whole")
    func hardWrapped() {
        let text = "The first line of a wrapped\nparagraph goes on here and\nends now.\n\nSecond paragraph."
        let doc = DocumentReader.read(bytes: Array(text.utf8), relativePath: "w.txt")
        #expect(doc.text == "The first line of a wrapped\nparagraph goes on here and\nends now.\n\nSecond paragraph.")
    }

    @Test("a text file that starts like html is read as html")
    func sniffedHTML() {
        let doc = DocumentReader.read(bytes: Array("<!DOCTYPE html><html><body><p>Hello there, this is a paragraph of text.</p></body></html>".utf8),
                                      relativePath: "page.txt")
        #expect(doc.format == .html)
        #expect(doc.text == "Hello there, this is a paragraph of text.")
    }
}
