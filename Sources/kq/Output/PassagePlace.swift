import Core

/// Where a passage is, as text output names it: its file, its page or pages when the file has
/// pages (a PDF: “label.pdf, page 7”), and its place among its document's passages.
enum PassagePlace {
    static func text(path: String, pages: ClosedRange<Int>?, ordinal: Int) -> String {
        var place = Sanitizer.clean(path, keepNewlines: false)
        if let pages {
            place += pages.count == 1 ? ", page \(pages.lowerBound)" : ", pages \(pages.lowerBound)–\(pages.upperBound)"
        }
        return place + ", passage \(ordinal + 1)"
    }
}
