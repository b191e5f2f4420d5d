import Foundation

/// A BEIR query file: one `{"_id": …, "text": …}` object a line.
public enum QueryFile {
    public struct Query: Decodable, Sendable, Equatable {
        public let _id: String
        public let text: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(_ url: URL) throws -> [Query] {
        guard let data = try? Data(contentsOf: url) else { throw Failure(description: "cannot read \(url.path)") }
        let decoder = JSONDecoder()
        var queries: [Query] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard let query = try? decoder.decode(Query.self, from: Data(line)) else {
                throw Failure(description: "\(url.path):\(number + 1): not a query object with _id and text")
            }
            queries.append(query)
        }
        return queries
    }
}
