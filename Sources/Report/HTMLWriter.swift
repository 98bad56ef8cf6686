internal import ClaimModel

/// `report.html`: one self-contained page (inline CSS, one small inline script allowed by its hash), review order first.
struct HTMLWriter {
    let index: ReportIndex
    private var options: ReportOptions { index.options }
    private var report: Report { index.report }

    /// Emits the page section by section, so the caller can stream it to a file.
    func write(_ emit: (String) throws -> Void) rethrows {
        try emit(head())
        try emit(summary())
        try emit(factSection(ReportIndex.factSections[0]))
        try emit(checkSection(anchor: "inconsistent-checks", heading: "Inconsistent checks", index.inconsistentChecks))
        try emit(supersededSection())
        for section in ReportIndex.factSections.dropFirst() { try emit(factSection(section)) }
        try emit(checkSection(anchor: "consistent-checks", heading: "Consistent checks", index.consistentChecks))
        try emit(sourcesSection())
        try emit(reviewsSection())
        try emit(documentsSection())
        try emit("</main>\n<script>\(HTMLAssets.script)</script>\n</body>\n</html>\n")
    }

    private func h(_ s: String) -> String { Escape.html(s) }

    private func head() -> String {
        let run = report.run
        let nav = [("summary", "Summary"), ("conflicts", "Conflicts"), ("inconsistent-checks", "Inconsistent checks"),
                   ("superseded", "Superseded"), ("compatible", "Compatible"), ("agreed", "Agreed"),
                   ("single-source", "Single source"), ("consistent-checks", "Checks"), ("sources", "Sources")]
            + (report.reviews == nil ? [] : [("reviews", "Reviews")]) + [("documents", "Documents")]
        let links = nav.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(HTMLAssets.contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <title>\(h(options.title)) · \(h(run.id))</title>
        <style>\(HTMLAssets.style)</style>
        </head>
        <body>
        <header>
        <h1>\(h(options.title))</h1>
        <p class="run">run <strong class="run-id">\(h(run.id))</strong> · as of \(run.asOf.iso) · started \(h(run.startedAt)) \
        · finished \(h(run.finishedAt))</p>
        <p class="note">Full data: <a href="report.json">report.json</a> (every fact, check, source and document) and \
        <a href="claims.jsonl">claims.jsonl</a> (every claim). This page lists what needs review first.</p>
        <nav>
        \(links)
        </nav>
        <p class="filter"><label for="filter">Filter facts</label> <input id="filter" type="search" \
        placeholder="subject, metric, outlet, value…" autocomplete="off"></p>
        </header>
        <main>

        """
    }

    private func summary() -> String {
        var s = "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"counts\">\n<tbody>\n"
        for (label, count) in index.summary { s += "<tr><th scope=\"row\">\(h(label))</th><td>\(count)</td></tr>\n" }
        return s + "</tbody>\n</table>\n</section>\n"
    }

    private func factSection(_ section: (status: FactStatus, anchor: String, heading: String)) -> String {
        let facts = index.facts(section.status)
        var s = "<section id=\"\(section.anchor)\">\n<h2>\(section.heading) <span class=\"count\">(\(facts.count))</span></h2>\n"
        if facts.isEmpty { return s + "<p class=\"none\">None.</p>\n</section>\n" }
        let cap = max(0, options.maxFactsPerSection)
        for fact in facts.prefix(cap) { s += factBlock(fact) }
        if facts.count > cap { s += "<p class=\"more\">… and \(facts.count - cap) more in report.json.</p>\n" }
        return s + "</section>\n"
    }

    private func factBlock(_ fact: Fact) -> String {
        let status = fact.status.rawValue
        var s = "<article class=\"fact \(status)\" id=\"\(h(fact.id))\">\n<h3>\(h(fact.label))</h3>\n"
        s += "<p class=\"verdict\"><span class=\"value\">\(h(HumanFormat.value(fact.value)))</span> "
        s += "<span class=\"badge \(status)\">\(status)</span> "
        if let r = fact.review { s += "<span class=\"badge reviewed\(r.stale ? " stale" : "")\">\(r.stale ? "review stale" : "reviewed")</span> " }
        s += "<span class=\"confidence\">confidence \(HumanFormat.share(fact.confidence))</span>"
        if let p = HumanFormat.period(fact.period) { s += " <span class=\"period\">period \(h(p))</span>" }
        if let from = fact.value.inferredFrom { s += " <span class=\"inferred\">year inferred from fact \(h(from))</span>" }
        s += " <span class=\"id\">\(h(fact.id))</span></p>\n"
        if !fact.explanation.isEmpty { s += "<p class=\"explanation\">\(h(fact.explanation))</p>\n" }
        if let r = fact.review {
            s += "<p class=\"review\(r.stale ? " stale" : "")\">\(h(ReviewText.line(r, status: fact.status)))</p>\n"
        }
        if let line = index.timelines[fact.id] { s += line.svg(current: fact.id, escape: h) }
        if let line = index.nightTimelines[fact.id] { s += line.svg(current: fact.id, escape: h) }
        let listed = index.listedClaims(of: fact)
        if !listed.claims.isEmpty {
            s += "<ul class=\"claims\">\n"
            for (role, claim) in listed.claims { s += claimItem(claim, role: role) }
            if listed.omitted > 0 { s += "<li class=\"more\">… and \(listed.omitted) more claims in report.json</li>\n" }
            s += "</ul>\n"
        }
        return s + "</article>\n"
    }

    /// A claim as a quote with its value marked, then outlet, date, speaker, link and id.
    private func claimItem(_ claim: Claim, role: String?) -> String {
        var s = "<li class=\"claim\(role.map { " " + $0 } ?? "")\">"
        if let role { s += "<span class=\"role\">\(role)</span> " }
        if let hl = ReportIndex.highlight(claim.quote, value: claim.text) {
            s += "<q>" + h(String(hl.before)) + "<mark>" + h(String(hl.match)) + "</mark>" + h(String(hl.after)) + "</q>"
        } else {
            // The value's text is not in the sentence (normalized or split); show it beside the quote instead.
            s += "<q>" + h(claim.quote) + "</q>"
            if !claim.text.isEmpty { s += " <span class=\"value-text\">value: <mark>\(h(claim.text))</mark></span>" }
        }
        var meta: [String] = []
        if let outlet = index.outlet(of: claim) { meta.append("<span class=\"outlet\">\(h(outlet))</span>") }
        let doc = index.documents[claim.document]
        if let published = doc?.published { meta.append("<time datetime=\"\(published.iso)\">\(HumanFormat.day(published))</time>") }
        if let speaker = claim.speaker { meta.append("speaker: <span class=\"speaker\">\(h(speaker))</span>") }
        if claim.modality != .reported { meta.append("<span class=\"modality\">\(claim.modality.rawValue)</span>") }
        if let from = claim.value.inferredFrom {
            meta.append("<span class=\"inferred\">year inferred from fact <a href=\"#\(h(from))\">\(h(from))</a></span>")
        }
        if let converted = HumanFormat.converted(claim.value) { meta.append("<span class=\"converted\">\(h(converted))</span>") } // Units.
        if let r = claim.rejected {
            meta.append("<span class=\"review\(r.stale ? " stale" : "")\">\(h(ReviewText.rejection(r)))</span>")
        }
        if let doc { meta.append(link(doc.path)) }
        meta.append("<span class=\"id\">\(h(claim.id))</span>")
        return s + "<br><span class=\"meta\">" + meta.joined(separator: " · ") + "</span></li>\n"
    }

    /// A link to an input file when the path is a safe target, else the path as text.
    private func link(_ path: String) -> String {
        guard let href = Links.href(forDocumentPath: path, prefix: options.inputsLink ?? "") else {
            return "<span class=\"path\">\(h(path))</span>"
        }
        return "<a class=\"path\" href=\"\(h(href))\" rel=\"noopener noreferrer\">\(h(path))</a>"
    }

    private func checkSection(anchor: String, heading: String, _ checks: [Check]) -> String {
        var s = "<section id=\"\(anchor)\">\n<h2>\(heading) <span class=\"count\">(\(checks.count))</span></h2>\n"
        if checks.isEmpty { return s + "<p class=\"none\">None.</p>\n</section>\n" }
        let cap = max(0, options.maxFactsPerSection)
        for check in checks.prefix(cap) {
            let status = check.status.rawValue
            s += "<article class=\"check \(status)\">\n<h3>\(h(check.kind)) check "
            s += "<span class=\"badge \(status)\">\(status)</span></h3>\n"
            if !check.explanation.isEmpty { s += "<p class=\"explanation\">\(h(check.explanation))</p>\n" }
            let listed = index.listedClaims(of: check)
            if !listed.claims.isEmpty {
                s += "<ul class=\"claims\">\n"
                for claim in listed.claims { s += claimItem(claim, role: nil) }
                if listed.omitted > 0 { s += "<li class=\"more\">… and \(listed.omitted) more claims in report.json</li>\n" }
                s += "</ul>\n"
            }
            s += "</article>\n"
        }
        if checks.count > cap { s += "<p class=\"more\">… and \(checks.count - cap) more in report.json.</p>\n" }
        return s + "</section>\n"
    }

    private func supersededSection() -> String {
        let facts = index.factsWithSuperseded
        let total = facts.reduce(0) { $0 + $1.superseded.count }
        var s = "<section id=\"superseded\">\n<h2>Superseded forecasts <span class=\"count\">(\(total))</span></h2>\n"
        if facts.isEmpty { return s + "<p class=\"none\">None.</p>\n</section>\n" }
        let cap = max(0, options.maxFactsPerSection)
        for fact in facts.prefix(cap) {
            // Class "fact" so the filter box hides these too; the id stays on the fact's main entry.
            s += "<article class=\"fact superseded\">\n<h3><a href=\"#\(h(fact.id))\">\(h(fact.label))</a></h3>\n<ul class=\"claims\">\n"
            for id in fact.superseded.prefix(max(0, options.maxClaimsPerFact)) {
                guard let old = index.claims[id] else { continue }
                s += claimItem(old, role: "superseded")
                if let newID = fact.supersededBy[id], let new = index.claims[newID] {
                    s += claimItem(new, role: "replaced-by")
                }
            }
            s += "</ul>\n</article>\n"
        }
        if facts.count > cap { s += "<p class=\"more\">… and \(facts.count - cap) more facts in report.json.</p>\n" }
        return s + "</section>\n"
    }

    private func sourcesSection() -> String {
        var s = "<section id=\"sources\">\n<h2>Sources <span class=\"count\">(\(report.sources.count))</span></h2>\n"
        if report.sources.isEmpty { return s + "<p class=\"none\">None.</p>\n</section>\n" }
        s += "<div class=\"scroll\"><table>\n<thead><tr><th>source</th><th>reliability</th><th>documents</th><th>copies from</th></tr></thead>\n<tbody>\n"
        for source in report.sources {
            let copies = source.copiesFrom.map(h).joined(separator: ", ")
            let pinned = index.pinnedSources.contains(source.name) ? " (pinned)" : ""
            s += "<tr><td>\(h(source.name))</td><td class=\"num\">\(HumanFormat.share(source.reliability))\(pinned)</td>"
            s += "<td class=\"num\">\(source.documents.count)</td><td>\(copies)</td></tr>\n"
        }
        return s + "</tbody>\n</table></div>\n</section>\n"
    }

    /// Every reviewer decision in force with what became of it; absent when the run read no reviews file.
    private func reviewsSection() -> String {
        guard let reviews = report.reviews else { return "" }
        var s = "<section id=\"reviews\">\n<h2>Reviews <span class=\"count\">(\(reviews.count))</span></h2>\n"
        if reviews.isEmpty { return s + "<p class=\"none\">None.</p>\n</section>\n" }
        s += "<ul class=\"reviews\">\n"
        // Stale and missing decisions first: they are the ones to look at again.
        let order: [ReviewState] = [.stale, .missing, .applied]
        let facts = Set(report.facts.map(\.id))
        for state in order {
            for r in reviews where r.state == state {
                let anchor = r.fact.flatMap { facts.contains($0) ? " <a href=\"#\(h($0))\">go to fact</a>" : nil } ?? ""
                s += "<li class=\"review \(state.rawValue)\"><span class=\"badge \(state.rawValue)\">\(state.rawValue)</span> "
                s += h(ReviewText.outcome(r)) + anchor + "</li>\n"
            }
        }
        return s + "</ul>\n</section>\n"
    }

    private func documentsSection() -> String {
        let quarantined = report.documents.filter { $0.status == .quarantined }
        var s = "<section id=\"documents\">\n<h2>Documents <span class=\"count\">(\(report.documents.count), "
        s += "\(quarantined.count) quarantined)</span></h2>\n"
        let cap = max(0, options.maxDocumentsListed)
        if !quarantined.isEmpty {
            s += "<h3>Quarantined</h3>\n<ul class=\"quarantined\">\n"
            for doc in quarantined.prefix(cap) {
                s += "<li>\(link(doc.path)): <span class=\"error\">\(h(doc.error ?? "no reason recorded"))</span></li>\n"
            }
            s += "</ul>\n"
        }
        let listed = index.documentsForListing.prefix(cap)
        if listed.isEmpty { return s + "</section>\n" }
        s += "<div class=\"scroll\"><table>\n<thead><tr><th>document</th><th>title</th><th>published</th><th>outlet</th>"
        s += "<th>status</th><th>notes</th></tr></thead>\n<tbody>\n"
        for doc in listed {
            let outlet = index.sourceOfDocument[doc.id] ?? doc.site ?? ""
            let published = doc.published.map { "<time datetime=\"\($0.iso)\">\(HumanFormat.day($0))</time>" } ?? "unknown"
            let notes = ([doc.error].compactMap { $0 } + doc.warnings).map(h).joined(separator: "<br>")
            s += "<tr class=\"\(doc.status.rawValue)\"><td>\(link(doc.path))</td><td>\(h(doc.title ?? ""))</td><td>\(published)</td>"
            s += "<td>\(h(outlet))</td><td>\(doc.status.rawValue)</td><td>\(notes)</td></tr>\n"
        }
        s += "</tbody>\n</table></div>\n"
        if report.documents.count > cap { s += "<p class=\"more\">… and \(report.documents.count - cap) more in report.json.</p>\n" }
        return s + "</section>\n"
    }
}
