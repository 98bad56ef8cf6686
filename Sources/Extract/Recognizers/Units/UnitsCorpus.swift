import ClaimModel
import Foundation

/// Examples for the Units pack: physical quantities, flows and prices, with the negatives that must stay numbers or codes.
enum UnitsCorpus {
    static func d(_ s: String) -> Decimal? { Decimal(string: s) }

    static let corpus = RecognizerCorpus(
        pack: "Units", reference: RecognizerCorpora.reference,
        positives: [
            CorpusPositive("The plant adds «1.2 GW» of capacity", .quantity, d("1.2"), unit: "GW"),
            CorpusPositive("a «1,200 MW» coal plant", .quantity, 1200, unit: "MW"),
            CorpusPositive("output of «2 million barrels per day» in May", .quantity, 2_000_000, unit: "bbl/d"),
            CorpusPositive("India bought «5.6 lakh barrels per day» of Russian oil", .quantity, 560_000, unit: "bbl/d"),
            CorpusPositive("exports of «5.6 lakh tonnes» of rice", .quantity, 560_000, unit: "t"),
            CorpusPositive("imports rose to «560,000 bpd» last month", .quantity, 560_000, unit: "bbl/d"),
            CorpusPositive("Brent traded at «$80 a barrel» on Monday", .quantity, 80, unit: "USD/bbl"),
            CorpusPositive("a «20 mtpa» LNG terminal", .quantity, 20, unit: "Mt/yr"),
            CorpusPositive("Europe needs «30 bcm» of gas", .quantity, 30, unit: "bcm"),
            CorpusPositive("the parcel weighs «3 kg» in all", .quantity, 3, unit: "kg"),
            CorpusPositive("Delhi hit «45 degrees Celsius» on Sunday", .quantity, 45, unit: "°C"),
            CorpusPositive("the «six-mile» trip", .quantity, 6, unit: "mi"),
            CorpusPositive("he is «5 feet 2 inches» tall", .quantity, Decimal(5) + Decimal(2) / 12, unit: "ft"),
            CorpusPositive("a pipeline of about «500 km» to the coast", .quantity, 500, unit: "km", approximation: .approximate),
            CorpusPositive("solar parks of «2-3 GW» each", .quantity, 2, max: 3, unit: "GW", approximation: .range),
            CorpusPositive("spot gas at «$12 per MMBtu»", .quantity, 12, unit: "USD/MMBtu"),
            CorpusPositive("generation of «10 TWh» a quarter", .quantity, 10, unit: "TWh"),
            CorpusPositive("a «100 Mbps» connection", .quantity, 100, unit: "Mbit/s"),
            CorpusPositive("harvests of «16,000 metric tons» a season", .quantity, 16_000, unit: "t"),
            CorpusPositive("a «1.5 million gallon» aquarium", .quantity, 1_500_000, unit: "gal"),
            CorpusPositive("steel output of «291,890 metric tons» in the week", .quantity, 291_890, unit: "t"),
            CorpusPositive("the «7.62mm» rifle", .quantity, d("7.62"), unit: "mm"),
            CorpusPositive("The weight is «20 (kg)»", .quantity, 20, unit: "kg"),
            CorpusPositive("a «24703m2» plot", .quantity, 24703, unit: "m2"),
            CorpusPositive("wind speeds of «120 km/h»", .quantity, 120, unit: "km/h"),
        ],
        negatives: [
            CorpusNegative("Russia offered Su-57 fighters and S-400 systems", forbidden: [.quantity]),
            CorpusNegative("5G networks were discussed at the G20 summit", forbidden: [.quantity]),
            CorpusNegative("COVID-19 cases rose; the helpline runs 24/7", forbidden: [.quantity]),
            CorpusNegative("a 4x4 vehicle and an A320 jet", forbidden: [.quantity]),
            CorpusNegative("flight AI 302 landed at 11pm and left at 10:30 am", forbidden: [.quantity]),
            CorpusNegative("Model 3 sales doubled", forbidden: [.quantity]),
            CorpusNegative("Get together for 2 in april", forbidden: [.quantity]),
            CorpusNegative("The 13F filing and a Boeing 777F", forbidden: [.quantity]),
            CorpusNegative("the temperature is 24 degrees", forbidden: [.quantity]),
            CorpusNegative("24703m212 and scp-173m", forbidden: [.quantity]),
            CorpusNegative("He sold 1.8m shares", forbidden: [.quantity]),
        ])
}

/// One example of the energy, commodity and trade corpus: the expected quantity (nil unit: nothing to find) and what it tests.
struct TradeFormExample: Sendable {
    var marked: String
    var value: Decimal?
    var unit: String?
    var note: String
    init(_ marked: String, _ value: Decimal?, _ unit: String?, _ note: String) {
        self.marked = marked; self.value = value; self.unit = unit; self.note = note
    }
}

/// Energy, commodity and trade forms written for this project (not taken from any article), with negatives;
/// scored for precision and recall by a test.
enum TradeFormsCorpus {
    static func d(_ s: String) -> Decimal? { Decimal(string: s) }

    static let examples: [TradeFormExample] = [
        // Oil.
        TradeFormExample("Saudi output fell to «9 million barrels a day» in June.", 9_000_000, "bbl/d", "barrels a day with scale word"),
        TradeFormExample("India imported «1.9 million barrels per day» of Russian crude.", 1_900_000, "bbl/d", "per day"),
        TradeFormExample("Refinery runs hit «5.4 million bpd».", 5_400_000, "bbl/d", "bpd abbreviation"),
        TradeFormExample("Exports averaged «650,000 b/d» in the quarter.", 650_000, "bbl/d", "b/d abbreviation"),
        TradeFormExample("OPEC+ will cut «2 mb/d» from November.", 2, "Mbbl/d", "mb/d carries its own million"),
        TradeFormExample("The field produces «120 kb/d» at plateau.", 120, "kbbl/d", "kb/d"),
        TradeFormExample("Loadings reached «5.6 lakh barrels per day».", 560_000, "bbl/d", "lakh scale"),
        TradeFormExample("The tanker carries «2 million barrels» of crude.", 2_000_000, "bbl", "plain barrels"),
        TradeFormExample("Stocks rose by «3.2 million barrels» last week.", 3_200_000, "bbl", "stock change"),
        TradeFormExample("The country pumps «1.2 million barrels of oil per day».", 1_200_000, "bbl/d", "'of oil' inside the rate"),
        TradeFormExample("Output is «300,000 barrels daily».", 300_000, "bbl/d", "daily adverb"),
        TradeFormExample("Brent settled at «$82.5 a barrel».", d("82.5"), "USD/bbl", "price per barrel"),
        TradeFormExample("The price cap is «$60 per barrel».", 60, "USD/bbl", "per barrel"),
        TradeFormExample("Urals sold near «$70/bbl».", 70, "USD/bbl", "$/bbl slash form"),
        // Gas.
        TradeFormExample("Qatar will add «16 mtpa» of LNG capacity.", 16, "Mt/yr", "mtpa"),
        TradeFormExample("The plant makes «7.5 million tonnes per annum» of LNG.", 7_500_000, "t/yr", "million tonnes per annum spelt out"),
        TradeFormExample("Pipeline flows fell to «40 bcm» last year.", 40, "bcm", "bcm"),
        TradeFormExample("The deal covers «55 billion cubic metres» of gas.", 55_000_000_000, "m3", "billion cubic metres spelt out"),
        TradeFormExample("Domestic gas output was «90 mmscmd».", 90, "MMscm/d", "mmscmd"),
        TradeFormExample("Henry Hub traded at «$3.1 per MMBtu».", d("3.1"), "USD/MMBtu", "price per MMBtu"),
        TradeFormExample("Spot LNG hit «$14 per mmbtu» in Asia.", 14, "USD/MMBtu", "lower-case mmbtu"),
        TradeFormExample("The cargo held «3.4 million MMBtu».", 3_400_000, "MMBtu", "energy in MMBtu"),
        TradeFormExample("Reserves are estimated at «0.9 trillion cubic feet».", 900_000_000_000, "ft3", "trillion cubic feet"),
        // Power.
        TradeFormExample("India added «18 GW» of solar in the year.", 18, "GW", "gigawatts symbol"),
        TradeFormExample("The reactor is rated «1,000 MW».", 1000, "MW", "megawatts symbol"),
        TradeFormExample("A «500-megawatt» plant opened.", 500, "MW", "adjectival hyphen"),
        TradeFormExample("The rooftop array makes «5 kW».", 5, "kW", "kW"),
        TradeFormExample("The target is «500 gigawatts» of clean power by 2030.", 500, "GW", "spelt-out gigawatts"),
        TradeFormExample("Demand peaked at «250 GW» on Friday.", 250, "GW", "peak demand"),
        TradeFormExample("Generation rose to «1,700 TWh» last year.", 1700, "TWh", "TWh"),
        TradeFormExample("The battery stores «2 MWh».", 2, "MWh", "MWh"),
        TradeFormExample("Households used «300 kWh a month».", 300, "kWh/mo", "kWh per month"),
        TradeFormExample("Power costs «Rs 8 per kWh» for industry.", 8, "INR/kWh", "rupee price per kWh"),
        TradeFormExample("The grid lost «12 terawatt-hours» to theft.", 12, "TWh", "hyphenated terawatt-hours"),
        // Mass and commodities.
        TradeFormExample("Wheat exports hit «5.6 lakh tonnes».", 560_000, "t", "lakh tonnes"),
        TradeFormExample("Coal output crossed «1 billion tonnes».", 1_000_000_000, "t", "billion tonnes"),
        TradeFormExample("The mill produces «2.5 million tonnes» of steel.", 2_500_000, "t", "million tonnes"),
        TradeFormExample("India shipped «34,500 metric tons» of sugar.", 34_500, "t", "metric tons"),
        TradeFormExample("The US bought «10,000 short tons» of scrap.", 10_000, "short ton", "short ton named"),
        TradeFormExample("Freight of «50,000 long tons» was booked.", 50_000, "long ton", "long ton named"),
        TradeFormExample("Stocks of «2 crore tonnes» of rice.", 20_000_000, "t", "crore tonnes"),
        TradeFormExample("Gold imports were «45 tonnes» in May.", 45, "t", "tonnes"),
        TradeFormExample("The steel plant has a capacity of «5 million tonnes a year».", 5_000_000, "t/yr", "tonnes a year"),
        TradeFormExample("Freight rates rose to «$40 per tonne».", 40, "USD/t", "price per tonne"),
        TradeFormExample("Gold touched «$2,400 an ounce».", 2400, "USD/oz", "price per ounce"),
        TradeFormExample("The port handled «1,500 tons» of cargo.", 1500, "ton", "tons, assumed metric"),
        TradeFormExample("Cotton output of «3.2 million kg».", 3_200_000, "kg", "kg"),
        TradeFormExample("Fish catch of «800 kilograms» a boat.", 800, "kg", "kilograms spelt out"),
        // Trade, distance, area.
        TradeFormExample("The corridor is «7,200 km» long.", 7200, "km", "km"),
        TradeFormExample("The Chennai-Vladivostok route is «5,600 nautical miles».", 5600, "nmi", "nautical miles"),
        TradeFormExample("The zone covers «1,000 hectares».", 1000, "ha", "hectares"),
        TradeFormExample("A «250-acre» industrial park.", 250, "acre", "adjectival acre"),
        TradeFormExample("Warehouses of «2 lakh sq ft» were leased.", 200_000, "ft2", "lakh sq ft"),
        TradeFormExample("Per-capita use is «150 kg per capita».", 150, "kg/person", "per capita"),
        TradeFormExample("A «20 GB» data pack.", 20, "GB", "data size"),
        // Negatives: codes, models, times and plain numbers.
        TradeFormExample("Russia will supply more S-400 units.", nil, nil, "S-400 is a system name"),
        TradeFormExample("India is in talks on the Su-57 fighter.", nil, nil, "Su-57 is a model"),
        TradeFormExample("5G rollout reached 700 districts.", nil, nil, "5G is a network generation"),
        TradeFormExample("The G20 met in New Delhi.", nil, nil, "G20 is a group"),
        TradeFormExample("COVID-19 hit shipping in 2020.", nil, nil, "COVID-19 is a disease name"),
        TradeFormExample("The control room works 24/7.", nil, nil, "24/7 is a phrase"),
        TradeFormExample("A 4x4 pickup was sold.", nil, nil, "4x4 is a drive type"),
        TradeFormExample("IndiGo ordered 500 A320 jets.", nil, nil, "A320 is a model"),
        TradeFormExample("Flight 6E 2134 left at 11pm.", nil, nil, "flight number and time of day"),
        TradeFormExample("Talks began at 10:30 am.", nil, nil, "time of day"),
        TradeFormExample("Trade reached 63 billion last year.", nil, nil, "a plain amount without a unit"),
        TradeFormExample("He sold 2m shares.", nil, nil, "glued m before a plural noun is million"),
    ]
}
