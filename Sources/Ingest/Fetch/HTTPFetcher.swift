import AsyncHTTPClient
import ClaimModel
import Foundation

/// Why a URL could not be fetched; the description is the reason a quarantined document carries.
enum FetchFailure: Error, Equatable, CustomStringConvertible {
    case badURL(String)
    case badScheme(String)
    case httpStatus(Int)
    case tooLarge(limit: Int)
    case timedOut(seconds: Double)
    case tooManyRedirects(limit: Int)
    case redirectLoop(String)
    case redirectWithoutLocation(Int)
    case notModifiedWithoutCache
    case transport(String)

    var description: String {
        switch self {
        case .badURL(let text): return "'\(text)' is not an absolute url with a host"
        case .badScheme(let scheme): return "scheme '\(scheme)' is not fetched; expected http or https"
        case .httpStatus(let code): return "the server answered status \(code); expected 200"
        case .tooLarge(let limit): return "the response is over \(limit) bytes; expected at most \(limit) (fetch.maxBytes)"
        case .timedOut(let seconds): return "no complete response within \(FetchFailure.seconds(seconds)) s (fetch.timeoutSeconds)"
        case .tooManyRedirects(let limit): return "more than \(limit) redirects (fetch.maxRedirects)"
        case .redirectLoop(let url): return "redirect loop back to '\(url)'"
        case .redirectWithoutLocation(let code): return "status \(code) without a 'location' header"
        case .notModifiedWithoutCache: return "status 304 but nothing is cached for this url"
        case .transport(let what): return "the request failed (\(what))"
        }
    }

    /// Whether a later retry could succeed, so an earlier cached copy may stand in.
    var isTransient: Bool {
        switch self {
        case .timedOut, .transport: return true
        case .httpStatus(let code): return code >= 500 || code == 429
        default: return false
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// One successful response: the body and what the cache keeps about it.
struct FetchedResponse: Sendable {
    var record: FetchRecord
    var body: [UInt8]
    /// Whether the server answered 304 and the cached body was reused.
    var revalidated: Bool
}

/// Caps requests in flight per host; waiters are served in arrival order.
actor HostGate {
    private let limit: Int
    private var active: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) { self.limit = max(1, limit) }

    /// Waits until `host` has a free slot and takes it.
    func acquire(_ host: String) async {
        if active[host, default: 0] < limit {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    /// Frees a slot of `host`, handing it straight to the next waiter if there is one.
    func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()
        } else {
            active[host, default: 1] -= 1
        }
    }
}

/// Fetches URLs with AsyncHTTPClient: conditional requests, size and time limits, checked redirects, per-host limits.
///
/// Redirects are followed here rather than by the client, so each hop is checked (http/https only, no loops,
/// at most `maxRedirects`) and counted against its own host's limit.
struct HTTPFetcher: Sendable {
    let client: HTTPClient
    let options: FetchOptions
    let cache: FetchCache
    let gate: HostGate

    /// The user agent sent with every request.
    static let userAgent = "claimtrack/1 (nightly claim tracking; +https://example.invalid/claimtrack)"

    /// A client configured for fetching: no automatic redirects, no decompression, connect/read timeouts.
    static func makeClient(options: FetchOptions) -> HTTPClient {
        let timeout = Int64(max(1, (options.timeoutSeconds * 1000).rounded(.up)))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(timeout), read: .milliseconds(timeout)),
            decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(30),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: options.perHostConcurrency)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Fetches `url`, revalidating a cached copy when there is one, and stores what came back.
    func fetch(_ url: String) async -> Result<FetchedResponse, FetchFailure> {
        let cached = cache.record(for: url)
        let result = await fetchFollowingRedirects(url, cached: cached)
        switch result {
        case .success(let response):
            // A full cache is a warning for later nights, not a reason to drop tonight's content.
            try? cache.store(body: response.body, record: response.record)
            return .success(response)
        case .failure:
            return result
        }
    }

    private func fetchFollowingRedirects(_ url: String, cached: (record: FetchRecord, body: [UInt8])?) async
        -> Result<FetchedResponse, FetchFailure> {
        var current: URL
        switch FetchURL.check(url) {
        case .failure(let failure): return .failure(failure)
        case .success(let parsed): current = parsed
        }
        var seen: Set<String> = [current.absoluteString]
        var redirects = 0
        while true {
            let hop = await oneRequest(current, cached: cached)
            switch hop {
            case .failure(let failure):
                return .failure(failure)
            case .success(.redirect(let location, let status)):
                guard let location else { return .failure(.redirectWithoutLocation(status)) }
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    return .failure(.badURL(location))
                }
                switch FetchURL.check(next.absoluteString) {
                case .failure(let failure): return .failure(failure)
                case .success: break
                }
                guard seen.insert(next.absoluteString).inserted else { return .failure(.redirectLoop(next.absoluteString)) }
                redirects += 1
                guard redirects <= options.maxRedirects else { return .failure(.tooManyRedirects(limit: options.maxRedirects)) }
                current = next
            case .success(.notModified(let headers)):
                guard let cached else { return .failure(.notModifiedWithoutCache) }
                var record = cached.record
                record.fetchedAt = HTTPFetcher.now()
                record.status = 304
                // Validators may be refreshed by a 304; keep the rest of the stored headers.
                for (name, value) in headers where ["etag", "last-modified", "cache-control", "expires"].contains(name) {
                    record.headers.removeAll { $0.first == name }
                    record.headers.append([name, value])
                }
                return .success(FetchedResponse(record: record, body: cached.body, revalidated: true))
            case .success(.content(let status, let headers, let body)):
                let record = FetchRecord(url: url, finalURL: current.absoluteString, fetchedAt: HTTPFetcher.now(), status: status,
                                         headers: headers.map { [$0.0, $0.1] }, sha256: ContentID.sha256Hex(body), bytes: body.count)
                return .success(FetchedResponse(record: record, body: body, revalidated: false))
            }
        }
    }

    /// What one request came back with.
    private enum Hop: Sendable {
        case content(status: Int, headers: [(String, String)], body: [UInt8])
        case notModified(headers: [(String, String)])
        case redirect(location: String?, status: Int)
    }

    /// One request with a per-host slot held and the whole exchange (head and body) under `timeoutSeconds`.
    private func oneRequest(_ url: URL, cached: (record: FetchRecord, body: [UInt8])?) async -> Result<Hop, FetchFailure> {
        let host = FetchURL.hostKey(url)
        await gate.acquire(host)
        let outcome = await exchange(url, cached: cached)
        await gate.release(host)
        return outcome
    }

    /// Sends the request and reads the answer, racing a timer so a stalled body cannot hold the run.
    private func exchange(_ url: URL, cached: (record: FetchRecord, body: [UInt8])?) async -> Result<Hop, FetchFailure> {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: HTTPFetcher.userAgent)
        request.headers.add(name: "Accept", value: "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8, */*;q=0.5")
        if let cached {
            if let etag = cached.record.header("etag") { request.headers.add(name: "If-None-Match", value: etag) }
            if let modified = cached.record.header("last-modified") { request.headers.add(name: "If-Modified-Since", value: modified) }
        }
        let limit = options.maxBytes
        let seconds = options.timeoutSeconds
        let client = self.client
        let finalRequest = request
        let outcome: Result<Hop, FetchFailure>? = await withTaskGroup(of: Result<Hop, FetchFailure>?.self) { group in
            group.addTask {
                do {
                    let response = try await client.execute(finalRequest, timeout: .milliseconds(Int64(seconds * 1000)))
                    let status = Int(response.status.code)
                    let headers = response.headers.map { ($0.name.lowercased(), $0.value) }
                    switch status {
                    case 304:
                        return .success(.notModified(headers: headers))
                    case 301, 302, 303, 307, 308:
                        return .success(.redirect(location: response.headers.first(name: "location"), status: status))
                    case 200...299:
                        if let declared = response.headers.first(name: "content-length").flatMap({ Int($0) }), declared > limit {
                            return .failure(.tooLarge(limit: limit))
                        }
                        var body: [UInt8] = []
                        for try await chunk in response.body {
                            guard body.count + chunk.readableBytes <= limit else { return .failure(.tooLarge(limit: limit)) }
                            body.append(contentsOf: chunk.readableBytesView)
                        }
                        return .success(.content(status: status, headers: headers, body: body))
                    default:
                        return .failure(.httpStatus(status))
                    }
                } catch {
                    if Task.isCancelled { return nil }
                    return .failure(HTTPFetcher.describe(error, seconds: seconds))
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                return Task.isCancelled ? nil : .failure(.timedOut(seconds: seconds))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return outcome ?? .failure(.timedOut(seconds: seconds))
    }

    /// A short lower-case description of a client error.
    static func describe(_ error: any Error, seconds: Double) -> FetchFailure {
        if let client = error as? HTTPClientError {
            switch client {
            case .readTimeout, .connectTimeout, .deadlineExceeded: return .timedOut(seconds: seconds)
            default: return .transport(String(describing: client).lowercased())
            }
        }
        return .transport(String(describing: error).lowercased())
    }

    /// The current time, ISO 8601 in UTC: when a response was fetched (metadata only, never a document date).
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

