import Foundation

/// Plain text: the first non-empty line is the title. Where the file has blank lines, they
/// separate paragraphs (so hard-wrapped lines rejoin); where it has none, each line is one.
public struct PlainTextFormat: TextFormat {
    public let name = "text"
    public let extensions: Set<String> = ["txt"]

    public init() {}

    public func documents(in text: String, path: String) throws -> [Document] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.trimmingSpaces()) }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }) else { return [] }
        let title = lines[first]
        lines.removeSubrange(...first)

        while lines.last?.isEmpty == true { lines.removeLast() }
        let hasBlankLines = lines.drop(while: \.isEmpty).contains(where: \.isEmpty)
        var blocks: [Block] = []
        var paragraph: [String] = []
        for line in lines {
            if line.isEmpty || !hasBlankLines {
                if !paragraph.isEmpty { blocks.append(Block(section: nil, text: paragraph.joined(separator: " "))) }
                paragraph.removeAll()
            }
            if !line.isEmpty { paragraph.append(line) }
        }
        if !paragraph.isEmpty { blocks.append(Block(section: nil, text: paragraph.joined(separator: " "))) }
        return [Document(id: path, title: title, path: path, blocks: blocks)]
    }
}
