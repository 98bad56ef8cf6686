public import ClaimModel

/// One way of writing a unit: its token forms, the symbol it stands for and what it measures.
struct UnitForm: Sendable {
    /// The form split the way the tokenizer splits text ("km/h" is `km`, `/`, `h`).
    var tokens: [String]
    /// Whether the letters must match exactly ("MW" is not "mW", "M" is a scale, "t" is a tonne).
    var caseSensitive: Bool
    /// The canonical symbol (README of the units vectors, SI/UCUM style; rates `a/b`).
    var symbol: String
    var dimension: Dimension
}

/// Unit names, symbols and abbreviations of news English. Written for this project from SI / NIST SP 811 symbols and
/// the abbreviations of energy and commodity reporting (bpd, b/d, mb/d, bcm, mmscmd, mtpa, MMBtu); the conversion
/// factors live in Normalize (`UnitTable`), which knows every symbol used here.
enum UnitsLexicon {
    /// Words and abbreviations matched in any letter case: (forms separated by `|`, symbol, dimension).
    static let words: [(String, String, Dimension)] = [
        // Length.
        ("metre|metres|meter|meters", "m", .length), ("kilometre|kilometres|kilometer|kilometers|kms", "km", .length),
        ("centimetre|centimetres|centimeter|centimeters", "cm", .length),
        ("millimetre|millimetres|millimeter|millimeters", "mm", .length),
        ("decimetre|decimetres|decimeter|decimeters", "dm", .length), ("picometre|picometres|picometer|picometers", "pm", .length),
        ("nanometre|nanometres|nanometer|nanometers", "nm", .length), ("micrometre|micrometres|micrometer|micrometers|micron|microns", "um", .length),
        ("inch|inches", "in", .length), ("foot|feet", "ft", .length), ("yard|yards", "yd", .length),
        ("mile|miles", "mi", .length), ("nautical mile|nautical miles", "nmi", .length),
        // Area.
        ("square metre|square metres|square meter|square meters|sq m|sq. m|sqm|sq mt", "m2", .area),
        ("square kilometre|square kilometres|square kilometer|square kilometers|sq km|sq. km|sqkm", "km2", .area),
        ("square foot|square feet|sq ft|sq. ft|sqft|sq.ft", "ft2", .area), ("square mile|square miles|sq mi|sq. mi", "mi2", .area),
        ("hectare|hectares", "ha", .area), ("acre|acres", "acre", .area),
        // Volume.
        ("litre|litres|liter|liters", "L", .volume), ("millilitre|millilitres|milliliter|milliliters|ml", "mL", .volume),
        ("cubic metre|cubic metres|cubic meter|cubic meters|cu m", "m3", .volume),
        ("cubic foot|cubic feet|cu ft", "ft3", .volume), ("gallon|gallons", "gal", .volume),
        ("barrel|barrels|bbl|bbls", "bbl", .volume), ("teaspoon|teaspoons|tsp", "tsp", .volume),
        ("tablespoon|tablespoons|tbsp", "tbsp", .volume), ("cup|cups", "cup", .volume),
        ("bcm", "bcm", .volume), ("tcf", "tcf", .volume), ("mcm|mmcm", "MMm3", .volume),
        // Mass. "ton(s)" alone is taken as the metric tonne: in energy, commodity and trade news (and in the
        // Indian and international press this pipeline reads) it almost always is; "short ton" and "long ton" say otherwise.
        ("gram|grams|gramme|grammes", "g", .mass), ("kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos|kgs", "kg", .mass),
        ("milligram|milligrams", "mg", .mass), ("microgram|micrograms|mcg", "ug", .mass),
        ("tonne|tonnes|metric ton|metric tons|metric tonne|metric tonnes", "t", .mass), ("ton|tons", "ton", .mass),
        ("short ton|short tons", "short ton", .mass), ("long ton|long tons", "long ton", .mass),
        ("million tonnes|million metric tonnes|million metric tons|mmt", "Mt", .mass),
        ("ounce|ounces|oz", "oz", .mass), ("lb|lbs", "lb", .mass),
        // Speed.
        ("kmph|kph", "km/h", .speed), ("mph", "mph", .speed), ("knot|knots", "kn", .speed),
        // Energy and power.
        ("joule|joules", "J", .energy), ("kilojoule|kilojoules", "kJ", .energy), ("megajoule|megajoules", "MJ", .energy),
        ("gigajoule|gigajoules", "GJ", .energy),
        ("watt hour|watt hours|watt-hour|watt-hours", "Wh", .energy),
        ("kilowatt hour|kilowatt hours|kilowatt-hour|kilowatt-hours|kwh|units of electricity", "kWh", .energy),
        ("megawatt hour|megawatt hours|megawatt-hour|megawatt-hours|mwh", "MWh", .energy),
        ("gigawatt hour|gigawatt hours|gigawatt-hour|gigawatt-hours|gwh", "GWh", .energy),
        ("terawatt hour|terawatt hours|terawatt-hour|terawatt-hours|twh", "TWh", .energy),
        ("mmbtu|million british thermal units|mmbtus", "MMBtu", .energy), ("btu|british thermal units", "Btu", .energy),
        ("calorie|calories|cal", "cal", .energy), ("kilocalorie|kilocalories|kcal", "kcal", .energy),
        ("watt|watts", "W", .power), ("kilowatt|kilowatts", "kW", .power), ("megawatt|megawatts|mwe", "MW", .power),
        ("gigawatt|gigawatts|gwe", "GW", .power), ("terawatt|terawatts", "TW", .power), ("horsepower|hp", "hp", .power),
        // Data.
        ("bit|bits", "bit", .data), ("kilobit|kilobits|kbit", "kbit", .data), ("megabit|megabits|mbit", "Mbit", .data),
        ("gigabit|gigabits|gbit", "Gbit", .data), ("byte|bytes", "B", .data), ("kilobyte|kilobytes", "KB", .data),
        ("megabyte|megabytes", "MB", .data), ("gigabyte|gigabytes", "GB", .data), ("terabyte|terabytes", "TB", .data),
        ("petabyte|petabytes", "PB", .data),
        // Angle. Bare "degrees" is decided by context (UnitsRules.degrees).
        ("radian|radians|rad", "rad", .angle), ("turn|turns", "turn", .angle),
        // Energy and commodity flows that carry their own time (and often their own scale).
        ("bpd|b/d|bopd", "bbl/d", .rate), ("mb/d|mbpd|mmb/d|mmbpd|mbd", "Mbbl/d", .rate), ("kb/d|kbpd|kbd", "kbbl/d", .rate),
        ("mtpa|mmtpa", "Mt/yr", .rate), ("tpa", "t/yr", .rate), ("mmscmd|mmscm/d", "MMscm/d", .rate),
        ("bcm/y|bcm/yr|bcma|bcm per annum|bcm a year|bcm per year", "bcm/yr", .rate),
        ("mbps", "Mbit/s", .rate), ("gbps", "Gbit/s", .rate), ("kbps", "kbit/s", .rate),
    ]

    /// Symbols whose letter case carries meaning ("MW" megawatt, "mW" milliwatt, "M" million, "t" tonne).
    static let symbols: [(String, String, Dimension)] = [
        ("m", "m", .length), ("km", "km", .length), ("cm", "cm", .length), ("mm", "mm", .length), ("dm", "dm", .length),
        ("nm", "nm", .length), ("ft", "ft", .length), ("yd", "yd", .length), ("mi", "mi", .length),
        ("m2", "m2", .area), ("km2", "km2", .area), ("m²", "m2", .area), ("km²", "km2", .area), ("ft2", "ft2", .area),
        ("m3", "m3", .volume), ("m³", "m3", .volume), ("L", "L", .volume), ("mL", "mL", .volume), ("ft3", "ft3", .volume),
        ("g", "g", .mass), ("kg", "kg", .mass), ("mg", "mg", .mass), ("µg", "ug", .mass), ("μg", "ug", .mass), ("t", "t", .mass),
        ("MT", "t", .mass), ("mt", "t", .mass), ("Mt", "Mt", .mass),
        ("km/h", "km/h", .speed), ("m/s", "m/s", .speed), ("km/ms", "km/ms", .speed), ("m/ms", "m/ms", .speed),
        ("cm/ms", "cm/ms", .speed),
        ("W", "W", .power), ("kW", "kW", .power), ("MW", "MW", .power), ("GW", "GW", .power), ("TW", "TW", .power),
        ("kJ", "kJ", .energy), ("MJ", "MJ", .energy), ("GJ", "GJ", .energy), ("Wh", "Wh", .energy),
        ("KB", "KB", .data), ("kB", "KB", .data), ("MB", "MB", .data), ("GB", "GB", .data), ("TB", "TB", .data),
        ("PB", "PB", .data), ("mb", "Mbit", .data), ("Mb", "Mbit", .data), ("Gb", "Gbit", .data), ("kb", "kbit", .data),
        ("gb", "GB", .data), ("tb", "TB", .data),
        ("deg", "deg", .angle),
    ]

    /// Time units after "per", "/", "a" or "an": symbol. Durations on their own are not quantities here.
    static let times: WordTable<String> = [
        "second": "s", "seconds": "s", "sec": "s", "s": "s", "millisecond": "ms", "milliseconds": "ms", "ms": "ms",
        "minute": "min", "minutes": "min", "min": "min", "hour": "h", "hours": "h", "hr": "h", "h": "h", "day": "d",
        "days": "d", "d": "d", "week": "wk", "weeks": "wk", "wk": "wk", "month": "mo", "months": "mo", "year": "yr",
        "years": "yr", "yr": "yr", "annum": "yr", "y": "yr",
    ]
    /// Adverbs after a quantity that make it a flow ("2 million barrels daily").
    static let timeAdverbs: WordTable<String> = ["daily": "d", "annually": "yr", "yearly": "yr", "monthly": "mo", "weekly": "wk", "hourly": "h"]
    /// Words after "per" that divide by people rather than a unit ("per capita", "per person", "per head").
    static let perPerson: WordSet = ["capita", "person", "head", "inhabitant"]

    /// Every form, longest first within each first token, keyed by the first token (lower-cased).
    static let index: WordTable<[UnitForm]> = {
        var out: [String: [UnitForm]] = [:]
        func add(_ form: String, _ symbol: String, _ dimension: Dimension, caseSensitive: Bool) {
            let toks = Tokenizer.tokenize(form).map { caseSensitive ? $0.text : $0.lower }
            guard let first = toks.first else { return }
            out[first.lowercased(), default: []].append(UnitForm(tokens: toks, caseSensitive: caseSensitive, symbol: symbol, dimension: dimension))
        }
        for (forms, symbol, dimension) in words {
            for f in forms.split(separator: "|") { add(String(f), symbol, dimension, caseSensitive: false) }
        }
        for (form, symbol, dimension) in symbols { add(form, symbol, dimension, caseSensitive: true) }
        for k in out.keys { out[k]?.sort { $0.tokens.count > $1.tokens.count } }
        return WordTable(out)
    }()
}
