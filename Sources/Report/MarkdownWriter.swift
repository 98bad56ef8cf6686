internal import ClaimModel

/// `report.md`: the review order of `report.html` in plain Markdown, every input text escaped.
struct MarkdownWriter {
    let index: ReportIndex
    private var options: ReportOptions { index.options }
    private var report: Report { index.report }

    /// Emits the document section by section, so the caller can stream it to a file.
    func write(_ emit: (String) throws -> Void) rethrows {
        try emit(header())
        try emit(summary())
        try emit(factSection(ReportIndex.factSections[0]))
        try emit(checkSection(heading: "Inconsistent checks", index.inconsistentChecks))
        try emit(supersededSection())
        for section in ReportIndex.factSections.dropFirst() { try emit(factSection(section)) }
        try emit(checkSection(heading: "Consistent checks", index.consistentChecks))
        try emit(sourcesSection())
        try emit(reviewsSection())
        try emit(documentsSection())
    }

    private func md(_ s: String) -> String { Escape.markdown(s) }

    private func header() -> String {
        let run = report.run
        return """
        # \(md(options.title))

        Run \(md(run.id)) · as of \(run.asOf.iso) · started \(md(run.startedAt)) · finished \(md(run.finishedAt))

        Everything below is also in [report.json](report.json) (every fact, check, source and document) \
        and [claims.jsonl](claims.jsonl) (every claim); this page lists what needs review first.


        """
    }

    private func summary() -> String {
        var s = "## Summary\n\n| | count |\n| --- | ---: |\n"
        for (label, count) in index.summary { s += "| \(md(label)) | \(count) |\n" }
        return s + "\n"
    }

    private func factSection(_ section: (status: FactStatus, anchor: String, heading: String)) -> String {
        let facts = index.facts(section.status)
        var s = "## \(section.heading) (\(facts.count))\n\n"
        if facts.isEmpty { return s + "None.\n\n" }
        let cap = max(0, options.maxFactsPerSection)
        for fact in facts.prefix(cap) { s += factBlock(fact) }
        if facts.count > cap { s += "*… and \(facts.count - cap) more in report.json.*\n\n" }
        return s
    }

    private func factBlock(_ fact: Fact) -> String {
        var line = ["**\(md(HumanFormat.value(fact.value)))**", "confidence \(HumanFormat.share(fact.confidence))"]
        if let p = HumanFormat.period(fact.period) { line.append("period \(md(p))") }
        if let from = fact.value.inferredFrom { line.append("year inferred from fact \(md(from))") }
        line.append("fact \(md(fact.id))")
        var s = "### \(md(fact.label))\n\n" + line.joined(separator: " · ") + "\n\n"
        if !fact.explanation.isEmpty { s += md(fact.explanation) + "\n\n" }
        if let r = fact.review { s += "> " + (r.stale ? "**review stale** " : "") + md(ReviewText.line(r, status: fact.status)) + "\n\n" }
        if let line = index.timelines[fact.id] { s += "Timeline: " + md(line.text(current: fact.id)) + "\n\n" }
        if let line = index.nightTimelines[fact.id] { s += "Over nights: " + md(line.text(current: fact.id)) + "\n\n" }
        let listed = index.listedClaims(of: fact)
        for (role, claim) in listed.claims { s += "- \(role): " + claimLine(claim) + "\n" }
        if listed.omitted > 0 { s += "- *… and \(listed.omitted) more claims in report.json*\n" }
        return s + "\n"
    }

    /// A claim as a quote with its value in bold, then outlet, date, speaker, link and id.
    private func claimLine(_ claim: Claim) -> String {
        var quote: String
        if let h = ReportIndex.highlight(claim.quote, value: claim.text) {
            quote = md(String(h.before)) + "**" + md(String(h.match)) + "**" + md(String(h.after))
        } else {
            quote = md(claim.quote)
            if !claim.text.isEmpty { quote += " (value: **\(md(claim.text))**)" }
        }
        var meta: [String] = []
        if let outlet = index.outlet(of: claim) { meta.append(md(outlet)) }
        let doc = index.documents[claim.document]
        if let published = doc?.published { meta.append(HumanFormat.day(published)) }
        if let speaker = claim.speaker { meta.append("speaker: " + md(speaker)) }
        if claim.modality != .reported { meta.append(claim.modality.rawValue) }
        if let from = claim.value.inferredFrom { meta.append("year inferred from fact \(md(from))") }
        if let converted = HumanFormat.converted(claim.value) { meta.append(md(converted)) } // Units: rate and date.
        if let r = claim.rejected { meta.append((r.stale ? "**review stale** " : "") + md(ReviewText.rejection(r))) }
        if let doc { meta.append(link(doc.path)) }
        meta.append(md(claim.id))
        return "“\(quote)” — " + meta.joined(separator: ", ")
    }

    private func link(_ path: String) -> String {
        guard let href = Links.href(forDocumentPath: path, prefix: options.inputsLink ?? "") else { return md(path) }
        return "[\(md(path))](\(href))"
    }

    private func checkSection(heading: String, _ checks: [Check]) -> String {
        var s = "## \(heading) (\(checks.count))\n\n"
        if checks.isEmpty { return s + "None.\n\n" }
        let cap = max(0, options.maxFactsPerSection)
        for check in checks.prefix(cap) {
            s += "### \(md(check.kind)) check: \(check.status.rawValue)\n\n"
            if !check.explanation.isEmpty { s += md(check.explanation) + "\n\n" }
            let listed = index.listedClaims(of: check)
            for claim in listed.claims { s += "- " + claimLine(claim) + "\n" }
            if listed.omitted > 0 { s += "- *… and \(listed.omitted) more claims in report.json*\n" }
            s += "\n"
        }
        if checks.count > cap { s += "*… and \(checks.count - cap) more in report.json.*\n\n" }
        return s
    }

    private func supersededSection() -> String {
        let facts = index.factsWithSuperseded
        var s = "## Superseded forecasts (\(facts.reduce(0) { $0 + $1.superseded.count }))\n\n"
        if facts.isEmpty { return s + "None.\n\n" }
        let cap = max(0, options.maxFactsPerSection)
        for fact in facts.prefix(cap) {
            s += "### \(md(fact.label))\n\n"
            for id in fact.superseded.prefix(max(0, options.maxClaimsPerFact)) {
                guard let old = index.claims[id] else { continue }
                s += "- " + claimLine(old) + "\n"
                if let newID = fact.supersededBy[id], let new = index.claims[newID] {
                    s += "  - replaced by " + claimLine(new) + "\n"
                }
            }
            s += "\n"
        }
        if facts.count > cap { s += "*… and \(facts.count - cap) more facts in report.json.*\n\n" }
        return s
    }

    private func sourcesSection() -> String {
        var s = "## Sources (\(report.sources.count))\n\n"
        if report.sources.isEmpty { return s + "None.\n\n" }
        s += "| source | reliability | documents | copies from |\n| --- | ---: | ---: | --- |\n"
        for source in report.sources {
            let copies = source.copiesFrom.map(md).joined(separator: ", ")
            let pinned = index.pinnedSources.contains(source.name) ? " (pinned)" : ""
            s += "| \(md(source.name)) | \(HumanFormat.share(source.reliability))\(pinned) | \(source.documents.count) | \(copies) |\n"
        }
        return s + "\n"
    }

    /// Every reviewer decision in force, stale and missing ones first; absent when the run read no reviews file.
    private func reviewsSection() -> String {
        guard let reviews = report.reviews else { return "" }
        var s = "## Reviews (\(reviews.count))\n\n"
        if reviews.isEmpty { return s + "None.\n\n" }
        for state in [ReviewState.stale, .missing, .applied] {
            for r in reviews where r.state == state {
                s += "- " + (state == .applied ? "" : "**\(state.rawValue)** ") + md(ReviewText.outcome(r)) + "\n"
            }
        }
        return s + "\n"
    }

    private func documentsSection() -> String {
        let quarantined = report.documents.filter { $0.status == .quarantined }
        var s = "## Documents (\(report.documents.count), \(quarantined.count) quarantined)\n\n"
        let cap = max(0, options.maxDocumentsListed)
        if !quarantined.isEmpty {
            s += "### Quarantined\n\n"
            for doc in quarantined.prefix(cap) { s += "- \(link(doc.path)): \(md(doc.error ?? "no reason recorded"))\n" }
            s += "\n"
        }
        let listed = index.documentsForListing.prefix(cap)
        if listed.isEmpty { return s }
        s += "| document | title | published | outlet | status | notes |\n| --- | --- | --- | --- | --- | --- |\n"
        for doc in listed {
            let outlet = index.sourceOfDocument[doc.id] ?? doc.site ?? ""
            let published = doc.published.map(HumanFormat.day) ?? "unknown"
            let notes = ([doc.error].compactMap { $0 } + doc.warnings).map(md).joined(separator: "; ")
            s += "| \(link(doc.path)) | \(md(doc.title ?? "")) | \(published) | \(md(outlet)) | \(doc.status.rawValue) | \(notes) |\n"
        }
        if report.documents.count > cap { s += "\n*… and \(report.documents.count - cap) more in report.json.*\n" }
        return s + "\n"
    }
}
