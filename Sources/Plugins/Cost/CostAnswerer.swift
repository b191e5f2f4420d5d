import Core

/// Cost: prices and currency amounts, insurance, financing and discounts, quoted from the
/// Knowledge. Only an amount with a currency is a price: a percentage (“20% off”) is reported as
/// a discount and a bare count never as a price. When the Knowledge gives no price it says so and
/// reports what it does say about insurance and financing.
public struct CostAnswerer: AspectAnswerer {
    public let name = "cost"
    public let summary = "Cost: prices, insurance cover, financing and discounts."
    public let examples = [
        "Is ketamine therapy covered by insurance?",
        "How can I afford ketamine treatment?",
        "How much does a ketamine infusion cost?",
    ]
    public let extractor: AspectExtractor

    public init(analyzer: Analyzer) {
        extractor = AspectExtractor(domain: Self.cues, aspects: CostAspects.all, isMedical: true, analyzer: analyzer)
    }

    static let cues: [(String, Double)] = [
        ("cost", 0.6), ("costs", 0.6), ("price", 0.6), ("pricing", 0.6), ("priced", 0.6), ("expensive", 0.6),
        ("cheap", 0.6), ("afford", 0.6), ("affordable", 0.6), ("fee", 0.6), ("fees", 0.6), ("charge", 0.4),
        ("pay", 0.6), ("payment", 0.6), ("insurance", 0.6), ("insurer", 0.6), ("insured", 0.6),
        ("coverage", 0.5), ("covered", 0.3), ("medicare", 0.6), ("medicaid", 0.6), ("reimbursed", 0.6),
        ("financing", 0.6), ("finance", 0.6), ("installments", 0.6), ("discount", 0.6), ("coupon", 0.6),
        ("dollars", 0.6), ("dollar", 0.6), ("usd", 0.6), ("euros", 0.6), ("euro", 0.6), ("pounds", 0.4),
        ("out of pocket", 0.6), ("budget", 0.5), ("money", 0.5), ("how much", 0.3),
    ]
}

/// The cost aspects and the patterns that recognise their statements.
enum CostAspects {
    /// An amount of money: a currency sign or code before a number, or a currency word after one.
    /// “150 pounds” is left out: it is as likely a weight.
    static let money = Pattern(#"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?|\b(?:usd|eur|gbp)\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|usd|euros?|eur|gbp)\b)"#)
    static let currencies: [(name: String, inText: Pattern, inQuestion: Pattern)] = [
        ("dollars", Pattern(#"\$|\bdollars?\b|\busd\b"#), Pattern(#"\$|\bdollars?\b|\busd\b"#)),
        ("euros", Pattern(#"€|\beuros?\b|\beur\b"#), Pattern(#"€|\beuros?\b|\beur\b"#)),
        ("pounds", Pattern(#"£|\bgbp\b"#), Pattern(#"£|\bgbp\b|\bpounds? sterling\b|\bin pounds\b"#)),
    ]
    static let insurance = Pattern(#"\binsur|\bcoverage\b|\bcovered\b|\breimburs|\bmedicare\b|\bmedicaid\b"#)
    static let financing = Pattern(#"\bfinanc|\binstall?ments?\b|\bpayment plans?\b|\blow-cost\b|\breduced-cost\b|\baffordab"#)
    static let discount = Pattern(#"\d+\s?%\s*off\b|\bdiscount|\bcoupon|\bsliding scale\b|\bpercent off\b"#)

    static var all: [Aspect] { [price, anyPrice, insuranceAspect, financingAspect, discountAspect] }

    /// The currencies of the money amounts in `text`.
    static func currencies(in text: Substring) -> Set<String> {
        Set(money.all(in: text).compactMap { amount in currencies.first { $0.inText.matches(amount) }?.name })
    }

    static func askedCurrency(_ request: AspectRequest) -> String? {
        currencies.first { request.says($0.inQuestion) }?.name
    }

    /// A price in the currency asked for, if the question names one.
    static var price: Aspect {
        var aspect = Aspect(name: "price", label: "Price",
                            askedBy: ["cost", "costs", "price", "pricing", "priced", "how much", "expensive", "cheap",
                                      "fee", "fees", "charge", "dollars", "euros", "out of pocket"],
                            searchWords: "cost costs price fee dollars per session infusion") { sentence, request in
            let found = currencies(in: sentence.text)
            guard !found.isEmpty else { return nil }
            if let asked = askedCurrency(request), !found.contains(asked) { return nil }
            return Aspect.Evidence(1, facets: found)
        }
        aspect.general = true
        aspect.related = ["anyPrice", "insurance", "financing"]
        aspect.absent = { request in
            askedCurrency(request).map { "The Knowledge gives no price in \($0)." } ?? "The Knowledge gives no price."
        }
        return aspect
    }

    /// Any price at all: reported when none is given in the currency asked for.
    static var anyPrice: Aspect {
        var aspect = Aspect(name: "anyPrice", label: "Price given", askedBy: [],
                            searchWords: "cost costs price fee dollars per session infusion") { sentence, _ in
            let found = currencies(in: sentence.text)
            return found.isEmpty ? nil : Aspect.Evidence(1, facets: found)
        }
        aspect.absent = { _ in nil }
        return aspect
    }

    static var insuranceAspect: Aspect {
        Aspect(name: "insurance", label: "Insurance",
               askedBy: ["insurance", "insurer", "insured", "covered", "coverage", "cover", "medicare", "medicaid",
                         "reimbursed"],
               searchWords: "insurance covered coverage plans", pattern: insurance, boostedBy: Pattern(#"\binsur"#),
               general: true, absent: "The Knowledge does not say whether insurance covers it.")
    }

    static var financingAspect: Aspect {
        Aspect(name: "financing", label: "Financing",
               askedBy: ["afford", "affordable", "financing", "finance", "installments", "payment plan", "pay", "loan",
                         "budget", "money"],
               searchWords: "financing installments affordable low-cost options", pattern: financing,
               boostedBy: Pattern(#"\bfinanc"#), general: true, absent: "The Knowledge does not mention financing.")
    }

    static var discountAspect: Aspect {
        Aspect(name: "discount", label: "Discounts",
               askedBy: ["discount", "discounts", "coupon", "cheaper", "deal", "sliding scale", "percent off"],
               searchWords: "discount off price reduced", pattern: discount, absent: "The Knowledge mentions no discount.")
    }
}
