import ClaimModel
import Foundation
@testable import Ingest
import Testing

@Suite("structured feeds")
struct FeedTests {
    func read(_ text: String, _ name: String) -> Document {
        DocumentReader.read(bytes: Array(text.utf8), relativePath: name)
    }

    @Test("tsv rows with and without a date column")
    func tsv() {
        let doc = read("object\tattribute\tvalue\tsource\nindia-russia\ttrade\t$63 billion\tnews18\nindia-russia\ttrade\t$68 billion\tazimov\n", "f.tsv")
        #expect(doc.status == .ok)
        #expect(doc.format == .feed)
        #expect(doc.text.isEmpty)
        #expect(doc.feedRows == [
            FeedRow(object: "india-russia", attribute: "trade", value: "$63 billion", source: "news18", line: 2),
            FeedRow(object: "india-russia", attribute: "trade", value: "$68 billion", source: "azimov", line: 3),
        ])
        let dated = read("object\tattribute\tvalue\tsource\tdate\r\nx\ty\t1\ts\t2025-12-03\r\n", "d.tsv")
        #expect(dated.feedRows.first?.date == "2025-12-03")
    }

    @Test("csv with RFC 4180 quoting: commas, doubled quotes and newlines inside fields")
    func csv() {
        let text = "object,attribute,value,source\n\"acme, inc\",revenue,\"$1,200\",\"the \"\"daily\"\" news\"\nx,note,\"two\nlines\",s\ny,z,1,s2\n"
        let doc = read(text, "f.csv")
        #expect(doc.status == .ok)
        #expect(doc.feedRows.count == 3)
        #expect(doc.feedRows[0] == FeedRow(object: "acme, inc", attribute: "revenue", value: "$1,200", source: "the \"daily\" news", line: 2))
        #expect(doc.feedRows[1].value == "two\nlines")
        #expect(doc.feedRows[2].line == 5)
    }

    @Test("jsonl objects; a bad line is skipped with a warning naming it")
    func jsonl() {
        let text = "{\"object\":\"a\",\"attribute\":\"b\",\"value\":\"1\",\"source\":\"s\"}\nnot json\n{\"object\":\"a\",\"attribute\":\"b\",\"value\":2,\"source\":\"t\",\"date\":\"2025-01-02\"}\n"
        let doc = read(text, "f.jsonl")
        #expect(doc.status == .ok)
        #expect(doc.feedRows.count == 2)
        #expect(doc.feedRows[1].value == "2")
        #expect(doc.feedRows[1].date == "2025-01-02")
        #expect(doc.warnings == ["skipped line 2 of 'f.jsonl': not a json object"])
    }

    @Test("a wrong header quarantines the feed, naming the expected columns")
    func wrongHeader() {
        let doc = read("file\tcase\ttests\texpect\tnote\na\tb\tc\td\te\n", "MANIFEST.tsv")
        #expect(doc.status == .quarantined)
        #expect(doc.error == "ingest: feed header 'file\\tcase\\ttests\\texpect\\tnote' in 'MANIFEST.tsv' is not a claim feed header; expected columns 'object, attribute, value, source' and optionally 'date'")
        let json = read("{\"name\":\"x\"}\n", "k.jsonl")
        #expect(json.status == .quarantined)
        #expect(json.error?.contains("'name'") == true)
    }

    @Test("bad rows are skipped with warnings; the feed stays ok")
    func badRows() {
        let doc = read("object\tattribute\tvalue\tsource\na\tb\tc\nx\ty\t1\ts\n\tb\t2\ts\n", "f.tsv")
        #expect(doc.status == .ok)
        #expect(doc.feedRows.count == 1)
        #expect(doc.warnings == [
            "skipped line 2 of 'f.tsv': found 3 fields, expected 4",
            "skipped line 4 of 'f.tsv': 'object' is empty, expected a value",
        ])
    }

    @Test("an unterminated quote is reported on its record")
    func unterminatedQuote() {
        let doc = read("object,attribute,value,source\na,b,1,s\nc,d,\"open,s\n", "q.csv")
        #expect(doc.feedRows.count == 1)
        #expect(doc.warnings.first?.hasPrefix("skipped line 3 of 'q.csv': a quoted field is not closed") == true)
    }
}
