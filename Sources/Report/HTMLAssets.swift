internal import ClaimModel

/// The page's only style sheet and script, and the Content-Security-Policy that allows exactly these two.
enum HTMLAssets {
    /// Responsive, system fonts only (no downloads), light and dark.
    static let style = """

    :root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5c5f66;--line:#d9dbe0;--mark:#ffe58a;\
    --conflict:#b3261e;--compatible:#8a5a00;--agreed:#1e6b2f;--single:#4a5568}
    @media (prefers-color-scheme:dark){:root{--fg:#e6e6e9;--bg:#16171a;--muted:#a0a4ab;--line:#3a3d44;--mark:#6b5a00;\
    --conflict:#ff8a80;--compatible:#ffcc66;--agreed:#8fd19e;--single:#b8c0cc}}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    header,main{max-width:60rem;margin:0 auto;padding:0 1rem}
    header{padding-top:1rem;border-bottom:1px solid var(--line)}
    h1{font-size:1.6rem;margin:.5rem 0}
    h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
    h3{font-size:1.05rem;margin:0 0 .25rem}
    nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:.5rem 0}
    a{color:inherit}
    .run,.note,.meta,.id,.count,.none,.more{color:var(--muted)}
    .id{font-family:ui-monospace,monospace;font-size:.8em}
    .filter input{font:inherit;padding:.3rem .5rem;width:min(100%,24rem)}
    article{border:1px solid var(--line);border-left-width:4px;border-radius:4px;padding:.75rem;margin:.75rem 0}
    article.conflict,article.inconsistent{border-left-color:var(--conflict)}
    article.compatible,article.superseded{border-left-color:var(--compatible)}
    article.agreed,article.consistent{border-left-color:var(--agreed)}
    article.single-source{border-left-color:var(--single)}
    .value{font-weight:700;font-size:1.1em}
    .badge{display:inline-block;padding:0 .4rem;border-radius:3px;border:1px solid currentColor;font-size:.8em}
    .badge.conflict,.badge.inconsistent{color:var(--conflict)}
    .badge.compatible{color:var(--compatible)}
    .badge.agreed,.badge.consistent{color:var(--agreed)}
    .badge.single-source{color:var(--single)}
    .claims{padding-left:1.1rem}
    .claims li{margin:.4rem 0}
    .review{border-left:3px solid var(--agreed);padding-left:.5rem}
    .review.stale{border-left-color:var(--conflict);font-weight:600}
    .badge.reviewed,.badge.applied{color:var(--agreed)}
    .badge.stale,.badge.missing{color:var(--conflict)}
    .reviews{padding-left:1.1rem}
    .reviews li{margin:.4rem 0}
    .timeline{margin:.5rem 0}
    .timeline svg{display:block;width:100%;max-width:38rem;height:auto}
    .timeline .axis{stroke:var(--line)}
    .timeline .trend{fill:none;stroke:var(--muted);stroke-dasharray:3 3}
    .timeline .period,.timeline .range{stroke:var(--single);stroke-width:3}
    .timeline circle{fill:var(--single)}
    .timeline .conflict circle{fill:var(--conflict)}
    .timeline .now circle{fill:var(--fg)}
    .timeline .now .period,.timeline .now .range{stroke:var(--fg)}
    .timeline .open circle{fill:var(--bg);stroke:var(--single);stroke-width:2}
    .timeline text{fill:var(--muted);font-size:11px}
    .timeline figcaption{color:var(--muted);font-size:.85em}
    .role{font-size:.8em;text-transform:uppercase;color:var(--muted)}
    q{font-style:italic}
    mark{background:var(--mark);color:inherit;font-style:normal;font-weight:600}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%}
    th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
    td.num,.counts td{text-align:right;font-variant-numeric:tabular-nums}
    .counts{width:auto}
    .error{color:var(--conflict)}
    @media (max-width:40rem){body{font-size:15px}header,main{padding:0 .6rem}article{padding:.5rem}}

    """

    /// Hides facts whose text does not contain what is typed in the filter box; attached without inline handlers,
    /// which the policy forbids.
    static let script = """

    (function(){var box=document.getElementById("filter");if(!box){return;}\
    box.addEventListener("input",function(){var q=box.value.trim().toLowerCase();\
    var items=document.querySelectorAll("article.fact");for(var i=0;i<items.length;i++){\
    items[i].hidden=q!==""&&items[i].textContent.toLowerCase().indexOf(q)<0;}});})();

    """

    /// `sha256-…` of a script or style element's exact text, as CSP source expressions write it.
    static func cspHash(_ text: String) -> String {
        "'sha256-" + Base64.encode(SHA256.digest(Array(text.utf8))) + "'"
    }

    /// Nothing may load; only the inline style and script above, matched by hash, may apply.
    static let contentSecurityPolicy = "default-src 'none'; style-src \(cspHash(style)); script-src \(cspHash(script)); "
        + "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
}

/// Standard base64 (RFC 4648, with padding), small enough to keep here rather than pull in a dependency.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
