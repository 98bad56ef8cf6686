/// Country names and their demonyms and short forms, mapped to one canonical name.
///
/// Generic world knowledge (country short names and English demonyms as commonly written in news), so subjects
/// come from each document rather than from the sample articles.
enum Gazetteer {
    /// Lower-cased word sequence → canonical country name.
    static let countries: [String: String] = {
        let table: [(String, [String])] = [
            ("India", ["india", "indian", "indians", "new delhi", "delhi"]),
            ("Russia", ["russia", "russian", "russians", "moscow", "kremlin", "russian federation"]),
            ("United States", ["united states", "u.s.", "us", "usa", "american", "americans", "washington", "america"]),
            ("China", ["china", "chinese", "beijing"]),
            ("Ukraine", ["ukraine", "ukrainian", "kyiv", "kiev"]),
            ("Pakistan", ["pakistan", "pakistani", "islamabad"]),
            ("United Kingdom", ["united kingdom", "u.k.", "uk", "britain", "british", "london"]),
            ("France", ["france", "french", "paris"]),
            ("Germany", ["germany", "german", "berlin"]),
            ("Japan", ["japan", "japanese", "tokyo"]),
            ("Israel", ["israel", "israeli"]),
            ("Iran", ["iran", "iranian", "tehran"]),
            ("Saudi Arabia", ["saudi arabia", "saudi", "riyadh"]),
            ("United Arab Emirates", ["united arab emirates", "uae", "emirati"]),
            ("Brazil", ["brazil", "brazilian"]),
            ("South Africa", ["south africa", "south african"]),
            ("Canada", ["canada", "canadian"]),
            ("Australia", ["australia", "australian"]),
            ("Italy", ["italy", "italian"]),
            ("Spain", ["spain", "spanish"]),
            ("Turkey", ["turkey", "turkish", "türkiye", "ankara"]),
            ("Bangladesh", ["bangladesh", "bangladeshi", "dhaka"]),
            ("Sri Lanka", ["sri lanka", "sri lankan"]),
            ("Nepal", ["nepal", "nepalese", "nepali"]),
            ("Afghanistan", ["afghanistan", "afghan"]),
            ("Indonesia", ["indonesia", "indonesian"]),
            ("Vietnam", ["vietnam", "vietnamese"]),
            ("South Korea", ["south korea", "south korean", "seoul"]),
            ("North Korea", ["north korea", "north korean", "pyongyang"]),
            ("Mexico", ["mexico", "mexican"]),
            ("Egypt", ["egypt", "egyptian"]),
            ("Nigeria", ["nigeria", "nigerian"]),
            ("Poland", ["poland", "polish"]),
            ("Netherlands", ["netherlands", "dutch"]),
            ("Switzerland", ["switzerland", "swiss"]),
            ("Sweden", ["sweden", "swedish"]),
            ("Norway", ["norway", "norwegian"]),
            ("Singapore", ["singapore", "singaporean"]),
            ("Malaysia", ["malaysia", "malaysian"]),
            ("Thailand", ["thailand", "thai"]),
            ("Philippines", ["philippines", "philippine", "filipino"]),
            ("Qatar", ["qatar", "qatari"]),
            ("Iraq", ["iraq", "iraqi"]),
            ("Syria", ["syria", "syrian"]),
            ("Belarus", ["belarus", "belarusian"]),
            ("Kazakhstan", ["kazakhstan", "kazakh"]),
            ("Argentina", ["argentina", "argentine", "argentinian"]),
            ("Greece", ["greece", "greek"]),
        ]
        var map: [String: String] = [:]
        for (name, forms) in table { for f in forms { map[f] = name } }
        return map
    }()

    /// Longest alias length in words, for matching.
    static let maxWords = 3
}
