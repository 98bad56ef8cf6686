import Foundation
import Hummingbird

/// What the test server saw: requests per path, conditional headers, and the most requests in flight at once.
actor ServerLog {
    private(set) var requests: [String: Int] = [:]
    private(set) var ifNoneMatch: [String: String] = [:]
    private(set) var maxInFlight = 0
    private var inFlight = 0
    private var flakyServed = false

    func saw(_ path: String, ifNoneMatch value: String?) {
        requests[path, default: 0] += 1
        if let value { ifNoneMatch[path] = value }
    }
    func enter() { inFlight += 1; maxInFlight = max(maxInFlight, inFlight) }
    func leave() { inFlight -= 1 }
    /// True the first time only: `/flaky` serves once, then fails.
    func firstFlaky() -> Bool { defer { flakyServed = true }; return !flakyServed }
    func count(_ path: String) -> Int { requests[path] ?? 0 }
    var total: Int { requests.values.reduce(0, +) }
}

/// Pages and misbehaving responses served by the fetch tests' own server on 127.0.0.1.
enum FetchFixtures {
    static let prose = [
        "The ministry said on Monday that exports rose by 12 percent, driven by machinery, chemicals and textiles, while imports fell.",
        "Officials expect the trend to continue next year, although analysts warned that currency swings, freight costs and demand could change the picture.",
    ]

    static func article(_ title: String, extra: String = "") -> String {
        """
        <!DOCTYPE html><html><head><title>\(title)</title><meta property="article:published_time" content="2025-11-28T10:00:00Z"></head>
        <body><article><h1>\(title)</h1><p>\(prose[0])</p><p>\(prose[1])</p>\(extra)</article></body></html>
        """
    }

    /// Latin-1 bytes of a page whose text has "café" and "Zürich" in it.
    static let latin1Page: [UInt8] = {
        let text = article("Latin page", extra: "<p>The café in Zürich reported that turnover, visitors and bookings grew, as the season, weather and prices helped.</p>")
        return Array(text.data(using: .isoLatin1) ?? Data())
    }()

    static func feed(_ base: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test feed</title>
        <item><title>One</title><link>\(base)/item/1</link></item>
        <item><title>Two</title><link>/item/2</link></item>
        <item><title>Two again</title><link>\(base)/item/2</link></item>
        <item><title>Gone</title><guid>\(base)/missing</guid></item>
        <item><title>Local file</title><link>file:///etc/passwd</link></item>
        </channel></rss>
        """
    }

    static func atom(_ base: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
        <entry><title>A</title><link rel="alternate" href="\(base)/item/3"/><link rel="edit" href="\(base)/edit/3"/></entry>
        <entry><title>B</title><link href="\(base)/item/4"/></entry>
        </feed>
        """
    }
}

/// Runs `body` with a Hummingbird server listening on 127.0.0.1 (an ephemeral port), then stops the server.
func withFetchServer<T: Sendable>(_ body: @Sendable (_ base: String, _ log: ServerLog) async throws -> T) async throws -> T {
    let log = ServerLog()
    let router = Router()
    @Sendable func html(_ text: String, status: HTTPResponse.Status = .ok, _ extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
    @Sendable func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location])
    }
    router.get("page") { request, _ -> Response in
        await log.saw("/page", ifNoneMatch: request.headers[.ifNoneMatch])
        if request.headers[.ifNoneMatch] == "\"v1\"" {
            return Response(status: .notModified, headers: [.eTag: "\"v1\""])
        }
        return html(FetchFixtures.article("Exports rise"), [.eTag: "\"v1\"", .lastModified: "Fri, 28 Nov 2025 10:00:00 GMT"])
    }
    router.get("item/:n") { request, context -> Response in
        let n = context.parameters.get("n") ?? "?"
        await log.saw("/item/\(n)", ifNoneMatch: nil)
        return html(FetchFixtures.article("Item \(n) report"))
    }
    router.get("missing") { _, _ -> Response in
        await log.saw("/missing", ifNoneMatch: nil)
        return html("<p>not here</p>", status: .notFound)
    }
    router.get("broken") { _, _ -> Response in
        await log.saw("/broken", ifNoneMatch: nil)
        return html("<p>oops</p>", status: .internalServerError)
    }
    router.get("flaky") { _, _ -> Response in
        await log.saw("/flaky", ifNoneMatch: nil)
        if await log.firstFlaky() { return html(FetchFixtures.article("Flaky but cached")) }
        return html("<p>down</p>", status: .serviceUnavailable)
    }
    router.get("slow") { _, _ -> Response in
        await log.saw("/slow", ifNoneMatch: nil)
        try await Task.sleep(nanoseconds: 60_000_000_000)
        await log.saw("/slow answered", ifNoneMatch: nil)
        return html(FetchFixtures.article("Too late"))
    }
    router.get("slow-body") { _, _ -> Response in
        await log.saw("/slow-body", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/html"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "<html><body><p>first part of the page arrives"))
            try await Task.sleep(nanoseconds: 60_000_000_000)
            await log.saw("/slow-body answered", ifNoneMatch: nil)
            try await writer.write(ByteBuffer(string: " and the rest never in time</p></body></html>"))
            try await writer.finish(nil)
        })
    }
    router.get("big") { _, _ -> Response in
        await log.saw("/big", ifNoneMatch: nil)
        return html("<html><body><p>" + String(repeating: "word ", count: 50_000) + "</p></body></html>")
    }
    router.get("big-chunked") { _, _ -> Response in
        await log.saw("/big-chunked", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/html"], body: ResponseBody { writer in
            for _ in 0..<50 { try await writer.write(ByteBuffer(string: String(repeating: "x", count: 10_000))) }
            try await writer.finish(nil)
        })
    }
    router.get("loop-a") { _, _ -> Response in
        await log.saw("/loop-a", ifNoneMatch: nil)
        return redirect("/loop-b")
    }
    router.get("loop-b") { _, _ -> Response in
        await log.saw("/loop-b", ifNoneMatch: nil)
        return redirect("/loop-a")
    }
    router.get("chain/:n") { _, context -> Response in
        let n = context.parameters.get("n", as: Int.self) ?? 0
        await log.saw("/chain", ifNoneMatch: nil)
        return n <= 0 ? html(FetchFixtures.article("End of the chain")) : redirect("/chain/\(n - 1)")
    }
    router.get("to-file") { _, _ -> Response in
        await log.saw("/to-file", ifNoneMatch: nil)
        return redirect("file:///etc/passwd")
    }
    router.get("latin1") { _, _ -> Response in
        await log.saw("/latin1", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=ISO-8859-1"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: FetchFixtures.latin1Page)))
    }
    router.get("wrong-charset") { _, _ -> Response in
        await log.saw("/wrong-charset", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: FetchFixtures.latin1Page)))
    }
    router.get("bogus-charset") { _, _ -> Response in
        await log.saw("/bogus-charset", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=x-no-such-charset"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: FetchFixtures.latin1Page)))
    }
    router.get("hostile-headers") { _, _ -> Response in
        await log.saw("/hostile-headers", ifNoneMatch: nil)
        return html(FetchFixtures.article("Hostile headers"), [
            .eTag: "\"../../../../tmp/escape\"", .contentDisposition: "attachment; filename=\"../../escape.html\"",
            .contentLocation: "/../../../etc/passwd",
        ])
    }
    router.get("text") { _, _ -> Response in
        await log.saw("/text", ifNoneMatch: nil)
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "Trade grows\n\n" + FetchFixtures.prose.joined(separator: "\n\n"))))
    }
    router.get("feed.xml") { request, _ -> Response in
        await log.saw("/feed.xml", ifNoneMatch: nil)
        let host = request.head.authority ?? "127.0.0.1"
        return Response(status: .ok, headers: [.contentType: "application/rss+xml"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: FetchFixtures.feed("http://\(host)"))))
    }
    router.get("atom.xml") { request, _ -> Response in
        await log.saw("/atom.xml", ifNoneMatch: nil)
        let host = request.head.authority ?? "127.0.0.1"
        return Response(status: .ok, headers: [.contentType: "application/atom+xml"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: FetchFixtures.atom("http://\(host)"))))
    }
    router.get("not-a-feed") { _, _ -> Response in
        await log.saw("/not-a-feed", ifNoneMatch: nil)
        return html(FetchFixtures.article("Just a page"))
    }
    router.get("busy/:n") { _, context -> Response in
        let n = context.parameters.get("n") ?? "?"
        await log.saw("/busy", ifNoneMatch: nil)
        await log.enter()
        try await Task.sleep(nanoseconds: 150_000_000)
        await log.leave()
        return html(FetchFixtures.article("Busy \(n)"))
    }

    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            throw CocoaError(.featureUnsupported)
        }
        do {
            let result = try await body("http://127.0.0.1:\(port)", log)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}
