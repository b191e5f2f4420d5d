import ArgumentParser
import Core
import Foundation

struct EmbedBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "embed-bench", shouldDisplay: false)
    @Argument var file: String
    @Option var batch = 32
    @Option var limit = 2000
    func run() throws {
        let encoder = try SentenceEncoder(folder: SentenceEncoder.installedFolder())
        var texts: [String] = []
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").prefix(limit) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            texts.append(object["text"] as! String)
        }
        var ids = texts.map { encoder.tokenizer.ids($0, maximumLength: encoder.maximumLength) }
        ids.sort { $0.count < $1.count }
        let pieces = ids.reduce(0) { $0 + $1.count }
        let start = Date()
        let batches = stride(from: 0, to: ids.count, by: batch).map { Array(ids[$0..<min(ids.count, $0 + batch)]) }
        concurrently(items: batches.count, threads: 2) { _, item in _ = encoder.encode(ids: batches[item]) }
        let seconds = Date().timeIntervalSince(start)
        print("\(ids.count) texts, \(pieces) pieces, \(String(format: "%.2f", seconds)) s, \(Int(Double(pieces) / seconds)) pieces/s")
    }
}
