internal import ClaimModel
internal import Foundation
internal import Pipeline

/// The values one subject's metric takes over several periods: the facts sharing subject, metric, dimension and unit
/// whose periods differ, in time order. `report.html` draws it as an inline SVG, `report.md` as a line of text.
struct Timeline {
    /// One fact of the series: the days its period covers and its value's bounds.
    struct Point {
        let fact: Fact
        /// Day numbers of the period's first and last day (an open side takes the other's day).
        let from: Int
        let to: Int
        let low: Decimal?
        let high: Decimal?
    }

    /// What the horizontal axis counts: the periods facts cover, or the nights (as-of dates) of runs.
    enum Axis: Equatable {
        case periods
        /// One point per night, at its as-of date; the point on `tonight` (a day number) is this run's.
        case nights(tonight: Int)
    }

    /// In order of period, then fact id.
    let points: [Point]
    var axis: Axis = .periods

    /// The key facts of one series share; nil for facts that cannot be placed on a time axis.
    static func key(_ f: Fact) -> String? {
        guard !f.value.isDate, f.value.unresolved == nil, f.value.min != nil || f.value.max != nil,
              f.period?.start != nil || f.period?.end != nil else { return nil }
        return [f.subject ?? "", f.metric, f.value.dimension.rawValue, f.value.unit ?? ""].joined(separator: "\u{1F}")
    }

    /// Every series with two or more distinct periods, by the id of each of its facts.
    static func all(_ facts: [Fact]) -> [String: Timeline] {
        var series: [String: [Point]] = [:]
        for f in facts {
            guard let key = key(f), let p = f.period, let from = (p.start ?? p.end)?.dayNumber,
                  let to = (p.end ?? p.start)?.dayNumber else { continue }
            series[key, default: []].append(Point(fact: f, from: from, to: max(from, to), low: f.value.min, high: f.value.max))
        }
        var out: [String: Timeline] = [:]
        for points in series.values {
            guard Set(points.map { "\($0.from)-\($0.to)" }).count >= 2 else { continue }
            let line = Timeline(points: points.sorted { ($0.from, $0.to, $0.fact.id) < ($1.from, $1.to, $1.fact.id) })
            for p in points { out[p.fact.id] = line }
        }
        return out
    }

    /// The period of a point as a reader names it: its words, else its days.
    static func periodText(_ p: Point) -> String {
        HumanFormat.period(p.fact.period) ?? HumanFormat.dates(CalendarDay(dayNumber: p.from), CalendarDay(dayNumber: p.to))
    }

    /// The night-by-night values of `fact`: this run's value on `tonight` after the earlier nights' values; nil unless
    /// the fact is a quantity that took at least two distinct values. Nights whose value is of another dimension or
    /// unit, a date or unresolved are left out, as they cannot share the axis.
    static func nights(_ fact: Fact, tonight: CalendarDay, history: [PastFactValue]) -> Timeline? {
        func plottable(_ v: ClaimValue) -> Bool {
            !v.isDate && v.unresolved == nil && (v.min != nil || v.max != nil)
                && v.dimension == fact.value.dimension && v.unit == fact.value.unit
        }
        guard plottable(fact.value) else { return nil }
        var points: [Point] = []
        for past in history where past.asOf < tonight && plottable(past.value) {
            var f = fact
            f.value = past.value
            f.status = past.status
            points.append(Point(fact: f, from: past.asOf.dayNumber, to: past.asOf.dayNumber, low: past.value.min, high: past.value.max))
        }
        points.sort { $0.from < $1.from }
        points.append(Point(fact: fact, from: tonight.dayNumber, to: tonight.dayNumber, low: fact.value.min, high: fact.value.max))
        let distinct = Set(points.map { [$0.low, $0.high] })
        guard distinct.count >= 2 else { return nil }
        return Timeline(points: points, axis: .nights(tonight: tonight.dayNumber))
    }

    /// Whether `p` is the point of the fact the timeline is drawn for: that fact, or tonight's value.
    private func isCurrent(_ p: Point, _ current: String) -> Bool {
        switch axis {
        case .periods: return p.fact.id == current
        case .nights(let tonight): return p.from == tonight
        }
    }

    /// A point's place on the axis as a reader names it: its period, or its night's as-of date.
    private func placeText(_ p: Point) -> String {
        axis == .periods ? Timeline.periodText(p) : CalendarDay(dayNumber: p.from).iso
    }

    private var currentWord: String { axis == .periods ? "this fact" : "tonight" }

    /// "2024: $65 billion · 2025: $68 billion (this fact)", for the Markdown report; over nights
    /// "2025-12-18: $63 billion · 2025-12-20: $68 billion (tonight)".
    func text(current: String) -> String {
        points.map { p in
            "\(placeText(p)): \(HumanFormat.value(p.fact.value))" + (isCurrent(p, current) ? " (\(currentWord))" : "")
        }.joined(separator: " · ")
    }

    /// An axis end: short enough for the margin, so signs and symbols stay ("$68 billion", "36%") but counted nouns
    /// and other units go (they are in the caption and tooltips).
    static func axisLabel(_ amount: Decimal, _ sample: ClaimValue) -> String {
        switch sample.dimension {
        case .money, .percent, .multiplier:
            return HumanFormat.single(amount, sample)
        default:
            let scale = HumanFormat.scaleWord(for: amount, sample.dimension)
            return HumanFormat.number(amount, scale: scale) + (scale.map { " " + $0.word } ?? "")
        }
    }

    private static func number(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }

    /// Coordinates with two decimals, so the same report always gives the same bytes.
    private static func coordinate(_ x: Double) -> String { String(format: "%.2f", x) }

    /// An inline SVG: each fact's value as a bar over its period (a vertical stroke for a range), the facts joined in
    /// time order, this fact marked; each mark links to its fact and names it in a tooltip. `escape` escapes input text.
    func svg(current: String, escape: (String) -> String) -> String {
        let width = 600.0, height = 170.0, left = 96.0, right = 12.0, top = 12.0, bottom = 28.0
        let lows = points.compactMap { $0.low ?? $0.high }, highs = points.compactMap { $0.high ?? $0.low }
        guard var floor = lows.min(), var ceiling = highs.max(), let first = points.first,
              let last = points.max(by: { $0.to < $1.to }) else { return "" }
        // Amounts are read against zero when all are positive; a flat series gets some height.
        if floor > 0 { floor = 0 }
        if ceiling == floor { ceiling = floor + (floor == 0 ? 1 : abs(floor)) }
        let firstDay = Double(first.from), lastDay = Double(max(last.to, first.from + 1))
        func x(_ day: Int) -> Double { left + (Double(day) - firstDay) / (lastDay - firstDay) * (width - left - right) }
        func y(_ v: Decimal) -> Double {
            top + (1 - (Timeline.number(v) - Timeline.number(floor)) / (Timeline.number(ceiling) - Timeline.number(floor)))
                * (height - top - bottom)
        }
        let c = Timeline.coordinate
        let sample = first.fact.value
        let label = [first.fact.subject, first.fact.metric].compactMap { $0 }.joined(separator: " ")
            + " over \(points.count) \(axis == .periods ? "periods" : "nights")"
        var s = "<figure class=\"timeline\(axis == .periods ? "" : " nights")\">\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
        s += "role=\"img\" aria-label=\"\(escape(label))\">\n"
        // Axes and their end labels: the value range on the left, the first and last day below.
        s += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(height - bottom))\"/>"
        s += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(height - bottom))\" x2=\"\(c(width - right))\" y2=\"\(c(height - bottom))\"/>\n"
        s += "<text x=\"\(c(left - 6))\" y=\"\(c(y(ceiling) + 4))\" text-anchor=\"end\">\(escape(Timeline.axisLabel(ceiling, sample)))</text>"
        s += "<text x=\"\(c(left - 6))\" y=\"\(c(y(floor)))\" text-anchor=\"end\">\(escape(Timeline.axisLabel(floor, sample)))</text>\n"
        s += "<text x=\"\(c(left))\" y=\"\(c(height - 8))\">\(escape(HumanFormat.day(CalendarDay(dayNumber: first.from))))</text>"
        s += "<text x=\"\(c(width - right))\" y=\"\(c(height - 8))\" text-anchor=\"end\">"
        s += "\(escape(HumanFormat.day(CalendarDay(dayNumber: last.to))))</text>\n"
        // The trend joins the middle of each value at the middle of its period.
        let centres = points.compactMap { p -> String? in
            guard let lo = p.low ?? p.high, let hi = p.high ?? p.low else { return nil }
            return "\(c((x(p.from) + x(p.to)) / 2)),\(c((y(lo) + y(hi)) / 2))"
        }
        s += "<polyline class=\"trend\" points=\"\(centres.joined(separator: " "))\"/>\n"
        for p in points {
            guard let lo = p.low ?? p.high, let hi = p.high ?? p.low else { continue }
            let now = isCurrent(p, current)
            let open = p.low == nil || p.high == nil
            let cx = (x(p.from) + x(p.to)) / 2, cy = (y(lo) + y(hi)) / 2
            s += "<a href=\"#\(escape(p.fact.id))\"><g class=\"point \(p.fact.status.rawValue)\(now ? " now" : "")\(open ? " open" : "")\">"
            s += "<title>\(escape(placeText(p))): \(escape(HumanFormat.value(p.fact.value))) (\(p.fact.status.rawValue))"
            s += "\(now ? ", \(currentWord)" : "")</title>"
            s += "<line class=\"period\" x1=\"\(c(x(p.from)))\" y1=\"\(c(cy))\" x2=\"\(c(x(p.to)))\" y2=\"\(c(cy))\"/>"
            if lo != hi { s += "<line class=\"range\" x1=\"\(c(cx))\" y1=\"\(c(y(lo)))\" x2=\"\(c(cx))\" y2=\"\(c(y(hi)))\"/>" }
            s += "<circle cx=\"\(c(cx))\" cy=\"\(c(cy))\" r=\"\(now ? 5 : 4)\"/></g></a>\n"
        }
        s += "</svg>\n<figcaption>" + (axis == .periods ? "" : "Over nights: ") + escape(text(current: current))
        s += "</figcaption>\n</figure>\n"
        return s
    }
}
